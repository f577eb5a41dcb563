"""Classic bug: ignore_index never looked at; the labels are clamped into the vocabulary so that
gather does not fail, and every ignored target is scored as token 0."""
# expect-fail: causal_lm_loss[a_prompt_ignored_at_the_start_of_each_sequence] causal_lm_loss[padding_ignored_at_the_end] causal_lm_loss[targets_ignored_in_the_middle] causal_lm_loss[ignored_targets_in_float64]
# hint: one-mean-over-the-kept-targets
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :-1], labels[:, 1:].clamp(0, logits.shape[-1] - 1)
    picked = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (torch.logsumexp(logits, dim=-1) - picked).mean()
