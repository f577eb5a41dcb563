"""Classic bug: the mean log-probability per scored token (IPO and SimPO average; DPO sums)."""
# expect-fail: sequence_logps[every_token_scored] sequence_logps[prompt_answer_and_padding] sequence_logps[long_sequences]
# hint: shift-labels-and-mask-together
import torch
import torch.nn.functional as F


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(dim=-1).gather(-1, labels[:, 1:].unsqueeze(-1)).squeeze(-1)
    mask = loss_mask[:, 1:]
    return (logps * mask).sum(dim=-1) / mask.sum(dim=-1).clamp(min=1)


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1, label_smoothing=0.0):
    z = beta * ((policy_chosen_logps - policy_rejected_logps) - (ref_chosen_logps - ref_rejected_logps))
    losses = -F.logsigmoid(z) * (1 - label_smoothing) - F.logsigmoid(-z) * label_smoothing
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards
