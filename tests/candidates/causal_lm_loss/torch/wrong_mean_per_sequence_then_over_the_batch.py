"""Classic bug: a mean over each sequence's kept targets, then a mean of those over the batch: a
short sequence's targets weigh more than a long one's (and a sequence with none divides 0 by 0)."""
# expect-fail: causal_lm_loss[a_prompt_ignored_at_the_start_of_each_sequence] causal_lm_loss[padding_ignored_at_the_end] causal_lm_loss[a_sequence_with_every_target_ignored] causal_lm_loss[ignored_targets_in_float64]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked
    per_sequence = torch.where(kept, losses, 0.0).sum(dim=1) / kept.sum(dim=1)
    return per_sequence.mean()
