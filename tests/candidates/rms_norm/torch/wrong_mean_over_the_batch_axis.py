"""Classic bug: the mean square over dim 0, each feature over the batch, as batch norm does."""
# expect-fail: rms_norm[rows_with_an_int_normalized_shape] rms_norm[square_matrix] rms_norm[batch_of_one_*] rms_norm[feature_size_one]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=0, keepdim=True) + eps)
    return out if weight is None else out * weight
