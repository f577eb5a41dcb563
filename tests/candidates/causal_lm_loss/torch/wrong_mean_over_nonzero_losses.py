"""Classic bug: the kept targets told apart by a non-zero loss: a target predicted with certainty
(a loss of exactly 0) leaves the denominator."""
# expect-fail: causal_lm_loss[kept_targets_with_zero_loss]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.where(kept, torch.logsumexp(logits, dim=-1) - picked, 0.0)
    return losses.sum() / (losses != 0).sum()
