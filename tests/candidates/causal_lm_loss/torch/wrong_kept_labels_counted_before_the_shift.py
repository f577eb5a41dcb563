"""Classic bug: the kept labels counted before the shift: labels[:, 0], never a target, joins the
denominator whenever it is not ignored."""
# expect-fail: causal_lm_loss[a_batch_without_ignored_targets] causal_lm_loss[padding_ignored_at_the_end] causal_lm_loss[custom_negative_ignore_index] causal_lm_loss[float64_logits]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    count = (labels != ignore_index).sum()
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    return torch.where(kept, losses, 0.0).sum() / count
