"""Right: float64 inside, torch.var for the groups, masked_select for the tokens, cast back at the end."""
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.double().view(-1, group_size)
    variance = grouped.var(dim=-1, keepdim=True, correction=1).nan_to_num(0.0)  # NaN for a group of one
    advantages = (grouped - grouped.mean(dim=-1, keepdim=True)) / (variance.sqrt() + eps)
    return advantages.flatten().to(rewards.dtype)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    current = logps.double()
    log_ratio = current - old_logps.double()
    a = advantages.double().unsqueeze(-1).expand_as(current)
    ratio = log_ratio.exp()
    objective = torch.min(ratio * a, ratio.clamp(1 - clip_eps, 1 + clip_eps) * a)
    loss = -objective
    if beta:
        d = ref_logps.double() - current
        loss = loss + beta * (torch.expm1(d) - d)
    return torch.masked_select(loss, mask).mean().to(logps.dtype)
