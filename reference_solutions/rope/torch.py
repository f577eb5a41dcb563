import torch


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def apply_rope(x: torch.Tensor, positions: torch.Tensor | None = None, base: float = 10000.0) -> torch.Tensor:
    seq_len, dim = x.shape[-2], x.shape[-1]
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    # Angles in x's own dtype: float64 inputs get float64 angles.
    inv_freq = base ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    theta = positions.to(x.dtype)[:, None] * inv_freq[None, :]  # (S, D/2)
    angles = torch.cat([theta, theta], dim=-1)  # (S, D): channel j pairs with j + D/2
    return x * torch.cos(angles) + rotate_half(x) * torch.sin(angles)
