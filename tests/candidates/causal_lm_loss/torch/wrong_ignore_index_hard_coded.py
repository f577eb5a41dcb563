"""Classic bug: ignores the labels equal to PyTorch's default, -100, whatever `ignore_index` says."""
# expect-fail: causal_lm_loss[custom_ignore_index_that_is_a_word] causal_lm_loss[custom_negative_ignore_index] causal_lm_loss[custom_ignore_index_in_float64]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != -100
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    return torch.where(kept, losses, 0.0).sum() / kept.sum()
