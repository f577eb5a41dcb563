"""Classic bug: a tuple normalized_shape treated as its last dimension only: (4, 5) normalises
each row of 5, not each 4×5 sample."""
# expect-fail: rms_norm[two_trailing_dimensions*] rms_norm[normalized_over_every_dimension] rms_norm[default_eps_on_tiny_samples_of_two_dimensions_in_float64]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=-1, keepdim=True) + eps)
    return out if weight is None else out * weight
