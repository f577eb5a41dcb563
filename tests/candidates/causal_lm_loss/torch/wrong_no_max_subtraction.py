"""Classic bug: log(sum(exp(logits))) with no maximum subtracted: exp overflows to inf near +1e4,
and underflows to 0 (log 0 = -inf) near -1e4."""
# expect-fail: causal_lm_loss[huge_logits] causal_lm_loss[every_logit_close_to_plus_1e4] causal_lm_loss[every_logit_close_to_minus_1e4] causal_lm_loss[huge_logits_in_float64]
# hint: logsumexp-minus-the-target
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.log(torch.exp(logits).sum(dim=-1)) - picked
    return torch.where(kept, losses, 0.0).sum() / kept.sum()
