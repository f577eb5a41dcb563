"""Classic bug: the ignored targets set to 0 in place, through labels[:, 1:], which is a view: the
caller's labels lose their ignore markers."""
# expect-fail: causal_lm_loss[a_prompt_ignored_at_the_start_of_each_sequence] causal_lm_loss[custom_negative_ignore_index] causal_lm_loss[ignored_targets_in_float64]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    targets[~kept] = 0
    picked = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    return torch.where(kept, losses, 0.0).sum() / kept.sum()
