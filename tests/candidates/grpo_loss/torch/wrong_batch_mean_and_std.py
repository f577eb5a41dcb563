"""Wrong: one mean and one std over the whole batch (TRL's scale_rewards="batch" and more), not per group."""
# expect-fail: group_advantages[binary_rewards_in_groups_of_four] group_advantages[constant_groups_among_others]
# hint: groups-and-their-spread
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    std = rewards.std() if rewards.numel() > 1 else torch.zeros_like(rewards[0])
    return (rewards - rewards.mean()) / (std + eps)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return (per_token * mask).sum() / mask.sum()
