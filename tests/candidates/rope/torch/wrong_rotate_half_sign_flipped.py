"""Classic bug: rotate_half with the minus on the wrong half, [x2, -x1]: a rotation by -theta."""
# expect-fail: apply_rope[rotate_half_not_interleaved_pairs] apply_rope[two_features_a_single_pair] apply_rope[float64_input]
# hint: rotate-half-not-interleaved
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    theta = positions[:, None] * base ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    angles = torch.cat([theta, theta], dim=-1)
    rotated = torch.cat([x[..., half:], -x[..., :half]], dim=-1)
    return x * angles.cos() + rotated * angles.sin()
