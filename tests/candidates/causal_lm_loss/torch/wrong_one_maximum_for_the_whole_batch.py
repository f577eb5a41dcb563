"""Classic bug: one maximum for every position at once: positions whose logits are far below the
largest one underflow to exp(...) = 0, and log 0 = -inf."""
# expect-fail: causal_lm_loss[sequences_of_very_different_scale] causal_lm_loss[huge_logits]
# hint: logsumexp-minus-the-target
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    top = logits.max()
    log_norm = top + torch.log(torch.exp(logits - top).sum(dim=-1))
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    return torch.where(kept, log_norm - picked, 0.0).sum() / kept.sum()
