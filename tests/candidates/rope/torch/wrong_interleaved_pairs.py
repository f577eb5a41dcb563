"""Classic bug: Meta's original Llama code, pairs (2j, 2j + 1) viewed as complex numbers: the
interleaved-pair convention, a rotation too but a different function (issue 14)."""
# expect-fail: apply_rope[rotate_half_not_interleaved_pairs] apply_rope[default_positions_without_leading_dimensions] apply_rope[float64_input]
# hint: rotate-half-not-interleaved
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    freqs = 1.0 / (base ** (torch.arange(0, dim, 2, device=x.device)[: dim // 2].float() / dim))
    freqs_cis = torch.polar(torch.ones(seq_len, dim // 2, device=x.device), torch.outer(positions.float(), freqs))
    x_ = torch.view_as_complex(x.double().reshape(*x.shape[:-1], -1, 2))
    return torch.view_as_real(x_ * freqs_cis).flatten(-2).to(x.dtype)
