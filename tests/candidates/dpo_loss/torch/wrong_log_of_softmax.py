"""Classic bug: log(softmax(x)) in two steps: softmax rounds to 0 for a far-away logit and its
log is -inf (log_softmax subtracts the logsumexp instead)."""
# expect-fail: sequence_logps[huge_logits] sequence_logps[huge_logits_in_float64]
# hint: log-probabilities-without-infinity
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    probs = logits[:, :-1].softmax(dim=-1).gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (torch.log(probs) * loss_mask[:, 1:]).sum(dim=-1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    losses = -F.logsigmoid(z) * (1 - label_smoothing) - F.logsigmoid(-z) * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
