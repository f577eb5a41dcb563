"""Classic bug: eps hard-coded as 1e-5, whatever the `eps` argument says."""
# expect-fail: layer_norm[non_default_eps] layer_norm[float64_variance_equal_to_eps]
# hint: the-variance-and-eps
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True) + 1e-5)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
