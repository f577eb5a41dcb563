"""Wrong: the naive k1 estimate logps - ref_logps (of high variance, and negative for some tokens) in place
of k3."""
# expect-fail: grpo_loss[kl_with_the_default_clip] grpo_loss[strong_kl_with_the_default_clip] grpo_loss[one_token_with_kl_in_float64]
# hint: k3-and-the-mask
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.reshape(-1, group_size)
    mean = grouped.mean(dim=1, keepdim=True)
    std = grouped.std(dim=1, keepdim=True) if group_size > 1 else torch.zeros_like(mean)
    return ((grouped - mean) / (std + eps)).reshape(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages.unsqueeze(1)
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta != 0.0:
        per_token = per_token + beta * (logps - ref_logps)
    return (per_token * mask).sum() / mask.sum()
