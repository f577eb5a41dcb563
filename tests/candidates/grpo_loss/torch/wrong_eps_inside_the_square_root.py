"""Wrong: eps added to the variance, under the square root, instead of to the standard deviation."""
# expect-fail: group_advantages[tiny_spread_where_the_default_eps_decides] group_advantages[a_large_eps]
# hint: eps-outside-the-root
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(dim=1, keepdim=True)
    variance = grouped.var(dim=1, keepdim=True) if group_size > 1 else torch.zeros_like(mean)
    return ((grouped - mean) / torch.sqrt(variance + eps)).reshape(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return (per_token * mask).sum() / mask.sum()
