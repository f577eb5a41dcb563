"""Classic bug: eps added to the standard deviation, (x - mean) / (std + eps), instead of to the
variance under the square root. At unit variance the two differ by 5e-6, at the edge of float32's
tolerance (float64 sees it clearly); with a variance near eps, by tens of percent."""
# expect-fail: layer_norm[float64_input] layer_norm[float64_small_variance] layer_norm[near_constant_rows] layer_norm[non_default_eps]
# hint: the-variance-and-eps


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    std = x.std(dim=dims, keepdim=True, correction=0)
    out = (x - mean) / (std + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
