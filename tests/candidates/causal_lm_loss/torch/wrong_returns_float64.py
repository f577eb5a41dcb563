"""Classic bug: computed in float64 for accuracy and returned so: float32 logits give a float64 loss."""
# expect-fail: causal_lm_loss[a_batch_without_ignored_targets] causal_lm_loss[huge_logits]
# hint: which-logits-predict-which-label
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1].double(), labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    return torch.where(kept, losses, 0.0).sum() / kept.sum()
