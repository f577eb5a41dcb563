"""Classic bug: a stable-looking torch.where between two formulas, each fine on its own side: the
values are finite, but autograd differentiates both branches and exp(1e4) = inf times a zero
upstream is NaN in the gradient."""
# expect-fail: dpo_loss[margins_up_to_1e4_either_way] dpo_loss[margins_up_to_1e4_either_way_in_float64] dpo_loss[margins_up_to_1e4_with_smoothing] dpo_loss[margins_up_to_1e4_with_smoothing_in_float64]
# hint: log-probabilities-without-infinity
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(dim=-1).gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (logps * loss_mask[:, 1:]).sum(dim=-1)


def softplus(x):
    return torch.where(x > 0, x + torch.log1p(torch.exp(-x)), torch.log1p(torch.exp(x)))


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    losses = softplus(-z) * (1 - label_smoothing) + softplus(z) * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
