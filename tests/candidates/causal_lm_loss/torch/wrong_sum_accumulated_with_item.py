"""Classic bug: the loss accumulated with .item(), as a training loop logs it: the right number,
rebuilt as a new tensor cut off from autograd."""
# expect-fail: causal_lm_loss[a_batch_without_ignored_targets] causal_lm_loss[padding_ignored_at_the_end] causal_lm_loss[float64_logits]
# hint: which-logits-predict-which-label
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    total, count = 0.0, 0
    for b in range(logits.shape[0]):
        for t in range(logits.shape[1] - 1):
            target = int(labels[b, t + 1])
            if target != ignore_index:
                total += (torch.logsumexp(logits[b, t], dim=0) - logits[b, t, target]).item()
                count += 1
    return torch.tensor(total / count, dtype=logits.dtype, device=logits.device)
