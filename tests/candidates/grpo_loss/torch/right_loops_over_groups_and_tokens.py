"""Right: explicit loops over the groups and over every token, the clip written with the sign of A."""
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    out = torch.zeros_like(rewards)
    for start in range(0, rewards.shape[0], group_size):
        group = rewards[start:start + group_size]
        mean = group.sum() / group_size
        if group_size > 1:
            std = torch.sqrt(((group - mean) ** 2).sum() / (group_size - 1))
        else:
            std = torch.zeros((), dtype=rewards.dtype)
        out[start:start + group_size] = (group - mean) / (std + eps)
    return out


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    total = logps.new_zeros(())
    kept = 0
    n, t = logps.shape
    for i in range(n):
        a = advantages[i]
        for j in range(t):
            if not mask[i, j]:
                continue
            ratio = torch.exp(logps[i, j] - old_logps[i, j])
            # A > 0: a ratio above 1 + eps earns nothing more; A < 0: one below 1 - eps saves nothing more.
            if a > 0:
                term = -a * torch.clamp(ratio, max=1 + clip_eps)
            else:
                term = -a * torch.clamp(ratio, min=1 - clip_eps)
            if beta != 0.0:
                d = ref_logps[i, j] - logps[i, j]
                term = term + beta * (torch.exp(d) - d - 1)
            total = total + term
            kept += 1
    return total / kept
