"""Correct: float64 inside, the label's log-probability picked by a one-hot product, the mask
applied with where; the loss by the "double where": each branch of the stable softplus sees only
inputs clamped to its own side, so the branch not taken stays finite and leaks no NaN into the
gradient. The rewards from detached inputs; results cast back to the input's dtype."""
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    x = logits.double()[:, :-1]
    logps = x - x.logsumexp(dim=-1, keepdim=True)
    picked = (logps * F.one_hot(labels[:, 1:], num_classes=logits.shape[-1])).sum(dim=-1)
    return torch.where(loss_mask[:, 1:], picked, torch.zeros_like(picked)).sum(dim=-1).to(logits.dtype)


def softplus(x):
    """log(1 + e^x): x + log1p(e^-x) for x >= 0, log1p(e^x) below, exp only of non-positive numbers."""
    upper, lower = x.clamp(min=0), x.clamp(max=0)
    return torch.where(x >= 0, upper + torch.log1p(torch.exp(-upper)), torch.log1p(torch.exp(lower)))


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    dtype = policy_chosen_logps.dtype
    pc, pr = policy_chosen_logps.double(), policy_rejected_logps.double()
    rc, rr = ref_chosen_logps.double().detach(), ref_rejected_logps.double().detach()
    z = beta * ((pc - rc) - (pr - rr))
    losses = (1 - label_smoothing) * softplus(-z) + label_smoothing * softplus(z)
    chosen_rewards = beta * (pc.detach() - rc)
    rejected_rewards = beta * (pr.detach() - rr)
    return losses.to(dtype), chosen_rewards.to(dtype), rejected_rewards.to(dtype)
