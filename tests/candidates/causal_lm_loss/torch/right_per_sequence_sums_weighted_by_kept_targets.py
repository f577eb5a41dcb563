"""Correct, in another style: log-probabilities by subtracting the log-sum-exp, a sum per sequence
with the ignored targets masked, then one division by the batch's count of kept targets."""
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    log_probs = logits - torch.logsumexp(logits, dim=2, keepdim=True)
    predicted, targets = log_probs[:, :-1, :], labels[:, 1:]
    kept = targets != ignore_index
    safe = torch.where(kept, targets, torch.zeros_like(targets))
    picked = torch.gather(predicted, 2, safe[:, :, None])[:, :, 0]
    per_sequence = -(picked * kept).sum(dim=1)
    return per_sequence.sum() / kept.sum()
