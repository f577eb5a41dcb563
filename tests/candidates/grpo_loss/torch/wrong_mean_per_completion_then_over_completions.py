"""Wrong: TRL's loss_type="grpo" (the paper's 1/G sum 1/|o_i|), a mean per completion and then over the
batch, where the kata asks for one mean over the kept tokens."""
# expect-fail: grpo_loss[padded_completions_of_different_lengths] grpo_loss[a_completion_with_no_kept_token] grpo_loss[padded_completions_with_kl_in_float64]
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
        d = ref_logps - logps
        per_token = per_token + beta * (torch.exp(d) - d - 1)
    return ((per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1)).mean()
