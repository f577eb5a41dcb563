"""Wrong: groups read as a (G, B) view, every B-th reward, instead of contiguous runs of G."""
# expect-fail: group_advantages[binary_rewards_in_groups_of_four] group_advantages[as_many_prompts_as_completions_per_prompt]
# hint: groups-and-their-spread
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.reshape(group_size, -1)
    mean = grouped.mean(dim=0, keepdim=True)
    std = grouped.std(dim=0, keepdim=True) if group_size > 1 else torch.zeros_like(mean)
    return ((grouped - mean) / (std + eps)).reshape(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return (per_token * mask).sum() / mask.sum()
