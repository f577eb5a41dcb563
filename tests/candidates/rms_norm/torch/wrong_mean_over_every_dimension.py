"""Classic bug: the mean square of the whole tensor, x.pow(2).mean() without a dim: every sample
is divided by one number. Right only when normalized_shape covers every dimension."""
# expect-fail: rms_norm[rows_with_an_int_normalized_shape] rms_norm[tokens_*] rms_norm[two_trailing_dimensions*] rms_norm[square_matrix] rms_norm[rows_of_very_different_scale]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt(x.pow(2).mean() + eps)
    return out if weight is None else out * weight
