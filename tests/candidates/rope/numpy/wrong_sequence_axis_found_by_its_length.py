"""Slip: the sequence axis looked up by its length, to accept Meta's (B, S, H, D) layout as well as
(B, H, S, D); where the heads (or the batch) are as many as the positions, the first such axis is
rotated instead. The contract's sequence axis is always -2."""
# expect-fail: apply_rope[as_many_heads_as_positions] apply_rope[as_many_sequences_as_positions]
# hint: positions-and-frequencies
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    dim = x.shape[-1]
    positions = np.arange(x.shape[-2]) if positions is None else np.asarray(positions)
    axis = next(i for i in range(x.ndim - 1) if x.shape[i] == len(positions))  # the slip
    moved = np.moveaxis(x, axis, -2)
    half = dim // 2
    theta = positions[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([-moved[..., half:], moved[..., :half]], axis=-1)
    return np.moveaxis(moved * np.cos(angles) + rotated * np.sin(angles), -2, axis).astype(x.dtype)
