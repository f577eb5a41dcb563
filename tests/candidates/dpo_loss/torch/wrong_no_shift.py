"""Classic bug: no shift. logits[:, t] scored against labels[:, t], the token it was given, not the
one after it; the last logits are used and the first label is scored."""
# expect-fail: sequence_logps[batch_equal_to_length] sequence_logps[batch_different_from_length] sequence_logps[only_the_first_token_marked] sequence_logps[single_token_sequences]
# hint: shift-labels-and-mask-together
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    logps = logits.log_softmax(dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    return (logps * loss_mask).sum(dim=-1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    losses = -F.logsigmoid(z) * (1 - label_smoothing) - F.logsigmoid(-z) * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
