"""Subtle bug: softplus as x.clamp(min=0) + log1p(exp(-|x|)): the right values everywhere and
finite, but at x = 0 autograd takes clamp's slope as 1 and abs's as 0, a gradient of 1 where
sigmoid(0) = 0.5. z = 0 exactly is DPO's first step: the policy starts as a copy of the reference."""
# expect-fail: dpo_loss[policy_equal_to_reference] dpo_loss[margins_up_to_1e4_either_way] dpo_loss[margins_up_to_1e4_with_smoothing_in_float64]
# hint: log-probabilities-without-infinity
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    x = logits.double()[:, :-1]
    logps = x - x.logsumexp(dim=-1, keepdim=True)
    picked = (logps * F.one_hot(labels[:, 1:], num_classes=logits.shape[-1])).sum(dim=-1)
    return torch.where(loss_mask[:, 1:], picked, torch.zeros_like(picked)).sum(dim=-1).to(logits.dtype)


def softplus(x):
    return x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))


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
