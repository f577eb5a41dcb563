"""Bug: TRL's robust DPO (divided by 1 - 2 * label_smoothing, the flipped term subtracted) in
place of the sigmoid loss with label smoothing."""
# expect-fail: dpo_loss[default_beta_smoothing_0_1_in_float64] dpo_loss[beta_3_smoothing_0_3]
# hint: the-loss-term-by-term
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(dim=-1).gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (logps * loss_mask[:, 1:]).sum(dim=-1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    losses = (-F.logsigmoid(z) * (1 - label_smoothing) + F.logsigmoid(-z) * label_smoothing) / (1 - 2 * label_smoothing)
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
