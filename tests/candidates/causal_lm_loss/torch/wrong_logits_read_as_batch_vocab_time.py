"""Classic bug: the logits read in F.cross_entropy's layout for sequences, (B, V, T): the shift
taken on the last dimension and the log-sum-exp over the second. Where T == V nothing fails loudly."""
# expect-fail: causal_lm_loss[as_many_positions_as_words] causal_lm_loss[a_batch_without_ignored_targets]
# hint: which-logits-predict-which-label
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    logits, targets = logits[:, :, :-1], labels[:, 1:]
    kept = targets != ignore_index
    picked = logits.gather(1, targets.masked_fill(~kept, 0).unsqueeze(1)).squeeze(1)
    losses = torch.logsumexp(logits, dim=1) - picked
    return torch.where(kept, losses, 0.0).sum() / kept.sum()
