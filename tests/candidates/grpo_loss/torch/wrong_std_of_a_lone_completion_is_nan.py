"""Wrong: torch.std of a group of one is NaN (G - 1 = 0), and so is every advantage of it."""
# expect-fail: group_advantages[groups_of_one_have_zero_advantage] group_advantages[groups_of_one_with_a_large_eps_in_float64]
# hint: groups-and-their-spread
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(dim=1, keepdim=True)
    std = grouped.std(dim=1, keepdim=True)
    return ((grouped - mean) / (std + eps)).reshape(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return (per_token * mask).sum() / mask.sum()
