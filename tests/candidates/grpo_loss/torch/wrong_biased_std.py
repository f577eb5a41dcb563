"""Wrong: the biased (population) standard deviation, divided by G instead of G - 1."""
# expect-fail: group_advantages[groups_of_two] group_advantages[binary_rewards_in_groups_of_four] group_advantages[a_single_group]
# hint: groups-and-their-spread
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(dim=1, keepdim=True)
    std = grouped.std(dim=1, keepdim=True, unbiased=False)
    return ((grouped - mean) / (std + eps)).reshape(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return (per_token * mask).sum() / mask.sum()
