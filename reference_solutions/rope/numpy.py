import numpy as np


def rotate_half(x: np.ndarray) -> np.ndarray:
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    seq_len, dim = x.shape[-2], x.shape[-1]
    if positions is None:
        positions = np.arange(seq_len)
    inv_freq = base ** (-np.arange(0, dim, 2) / dim)  # (D/2,), float64
    theta = positions[:, None] * inv_freq[None, :]  # (S, D/2)
    angles = np.concatenate([theta, theta], axis=-1)  # (S, D): channel j pairs with j + D/2
    out = x * np.cos(angles) + rotate_half(x) * np.sin(angles)
    return out.astype(x.dtype)
