"""Forbidden: SciPy (every torch-track kata forbids importing it); its log_expit is logsigmoid."""
import torch
import torch.nn.functional as F
from scipy.special import log_expit


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(dim=-1).gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (logps * loss_mask[:, 1:]).sum(dim=-1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    log_p = torch.from_numpy(log_expit(z.detach().numpy()))
    log_q = torch.from_numpy(log_expit(-z.detach().numpy()))
    losses = -log_p * (1 - label_smoothing) - log_q * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
