"""Classic bug: the ignored targets' losses are zeroed, but the mean still divides by every
position, kept or not."""
# expect-fail: causal_lm_loss[a_prompt_ignored_at_the_start_of_each_sequence] causal_lm_loss[padding_ignored_at_the_end] causal_lm_loss[targets_ignored_in_the_middle] causal_lm_loss[ignored_targets_in_float64]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    return torch.where(kept, losses, 0.0).mean()
