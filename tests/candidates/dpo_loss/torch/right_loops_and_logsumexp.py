"""Correct: a loop over sequences and positions, log-probabilities as logit - logsumexp, and the
loss through logaddexp (-log sigmoid(z) = log(1 + e^-z) = logaddexp(0, -z)); rewards under
no_grad."""
import torch


def sequence_logps(logits, labels, loss_mask):
    batch, length, _ = logits.shape
    totals = []
    for b in range(batch):
        terms = []
        for t in range(1, length):
            if loss_mask[b, t]:
                row = logits[b, t - 1]
                terms.append(row[labels[b, t]] - torch.logsumexp(row, dim=0))
        # Nothing scored: 0, still connected to logits, so that backward() runs on any batch.
        totals.append(torch.stack(terms).sum() if terms else logits[b].sum() * 0)
    return torch.stack(totals)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    pi_logratios = policy_chosen_logps - policy_rejected_logps
    ref_logratios = ref_chosen_logps - ref_rejected_logps
    z = beta * (pi_logratios - ref_logratios)
    zero = torch.zeros_like(z)
    losses = (1 - label_smoothing) * torch.logaddexp(zero, -z) + label_smoothing * torch.logaddexp(zero, z)
    with torch.no_grad():
        chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps)
        rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps)
    return losses, chosen_rewards, rejected_rewards
