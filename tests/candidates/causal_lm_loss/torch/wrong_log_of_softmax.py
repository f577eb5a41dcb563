"""Classic bug: the log of a softmax written out (stably, with its maximum subtracted): with huge
logits a probability underflows to 0 and log 0 = -inf, so the loss is inf (its gradient NaN)."""
# expect-fail: causal_lm_loss[huge_logits] causal_lm_loss[huge_logits_in_float64] causal_lm_loss[sequences_of_very_different_scale]
# hint: logsumexp-minus-the-target
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    e = torch.exp(logits - logits.amax(dim=-1, keepdim=True))
    log_probs = torch.log(e / e.sum(dim=-1, keepdim=True))
    kept = targets != ignore_index
    picked = log_probs.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    return -torch.where(kept, picked, 0.0).sum() / kept.sum()
