import torch


def group_advantages(rewards: torch.Tensor, group_size: int, eps: float = 1e-4) -> torch.Tensor:
    grouped = rewards.reshape(-1, group_size)  # row g: the completions of prompt g (contiguous)
    mean = grouped.mean(dim=1, keepdim=True)
    # Bessel-corrected, as TRL; a lone completion has no spread: std 0 (torch.std would give NaN).
    std = grouped.std(dim=1, keepdim=True) if group_size > 1 else torch.zeros_like(mean)
    return ((grouped - mean) / (std + eps)).reshape(-1)


def grpo_loss(logps: torch.Tensor, old_logps: torch.Tensor, advantages: torch.Tensor, mask: torch.Tensor,
              ref_logps: torch.Tensor | None = None, clip_eps: float = 0.2, beta: float = 0.0) -> torch.Tensor:
    ratio = torch.exp(logps - old_logps)
    advantages = advantages.unsqueeze(1)  # one per completion, broadcast over its tokens
    unclipped = ratio * advantages
    clipped = torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * advantages
    per_token = -torch.minimum(unclipped, clipped)  # the pessimistic of the two
    if beta != 0.0:
        log_ratio = ref_logps - logps
        per_token = per_token + beta * (torch.exp(log_ratio) - log_ratio - 1)  # k3: unbiased and >= 0
    return (per_token * mask).sum() / mask.sum()  # a mean over the kept tokens of the whole batch
