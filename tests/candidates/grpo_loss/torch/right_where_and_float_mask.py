"""Right: the clip chosen with torch.where, the mask as a float weight, the KL term only when asked."""
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    groups = rewards.unflatten(0, (-1, group_size))
    centred = groups - groups.mean(1, keepdim=True)
    if group_size == 1:
        return centred.flatten()  # zeros
    std = (centred.pow(2).sum(1, keepdim=True) / (group_size - 1)).sqrt()
    return (centred / (std + eps)).flatten()


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = (logps - old_logps).exp()
    a = advantages[:, None]
    clipped = ratio.clamp(1 - clip_eps, 1 + clip_eps)
    surrogate = torch.where(ratio * a < clipped * a, ratio * a, clipped * a)
    per_token = -surrogate
    if beta > 0:
        per_token = per_token + beta * ((ref_logps - logps).exp() - (ref_logps - logps) - 1)
    weight = mask.to(logps.dtype)
    return (per_token * weight).sum() / weight.sum()
