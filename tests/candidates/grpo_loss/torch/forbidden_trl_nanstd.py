"""Forbidden: TRL's own helpers (the kata refuses the trl import)."""
import torch
from trl.trainer.utils import nanstd


def group_advantages(rewards, group_size, eps=1e-4):
    grouped = rewards.view(-1, group_size)
    std = nanstd(grouped, dim=1, keepdim=True).nan_to_num(0.0)
    return ((grouped - grouped.mean(dim=1, keepdim=True)) / (std + eps)).view(-1)


def grpo_loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    ratio = torch.exp(logps - old_logps)
    a = advantages[:, None]
    per_token = -torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if beta:
        per_token = per_token + beta * (torch.exp(ref_logps - logps) - (ref_logps - logps) - 1)
    return (per_token * mask).sum() / mask.sum()
