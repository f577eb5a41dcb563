import torch
import torch.nn.functional as F


def sequence_logps(logits: torch.Tensor, labels: torch.Tensor, loss_mask: torch.Tensor) -> torch.Tensor:
    # Position t predicts token t + 1: drop the last logits, and the first label with its mask.
    logps = logits[:, :-1].log_softmax(dim=-1)
    token_logps = logps.gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (token_logps * loss_mask[:, 1:]).sum(dim=-1)


def dpo_loss(policy_chosen_logps: torch.Tensor, policy_rejected_logps: torch.Tensor,
             ref_chosen_logps: torch.Tensor, ref_rejected_logps: torch.Tensor,
             beta: float = 0.1, label_smoothing: float = 0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    # logsigmoid, never log(sigmoid(z)): sigmoid rounds to 0 for z << 0 and its log is -inf.
    losses = -F.logsigmoid(z) * (1 - label_smoothing) - F.logsigmoid(-z) * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
