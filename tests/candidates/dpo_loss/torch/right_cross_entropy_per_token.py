"""Correct: the per-token log-probability is minus the unreduced cross-entropy of the shifted
logits (nothing is forbidden), the mask multiplied in; the loss through F.logsigmoid, smoothing
as a mix of the two labels."""
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    shifted = logits[:, :-1].transpose(1, 2)  # (B, V, T - 1): cross_entropy wants classes second
    token_logps = -F.cross_entropy(shifted, labels[:, 1:], reduction="none")
    return (token_logps * loss_mask[:, 1:].to(logits.dtype)).sum(dim=1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    chosen = policy_chosen_logps - ref_chosen_logps
    rejected = policy_rejected_logps - ref_rejected_logps
    z = beta * (chosen - rejected)
    losses = -((1 - label_smoothing) * F.logsigmoid(z) + label_smoothing * F.logsigmoid(-z))
    return losses, (beta * chosen).detach(), (beta * rejected).detach()
