"""Classic bug: the mean square without keepdim, shape (N,), broadcasts against (N, N) along the
wrong axis: x[i, j] is divided by row j's root mean square. Other shapes raise."""
# expect-fail: rms_norm[square_matrix] rms_norm[batch_of_one_with_as_many_tokens_as_features] rms_norm[rows_with_an_int_normalized_shape]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0))) + eps)
    return out if weight is None else out * weight
