"""Classic bug: eps added to the standard deviation, (x - mean) / (std + eps), instead of to the
variance under the square root."""
# expect-fail: layer_norm[float64_input] layer_norm[float64_small_variance] layer_norm[near_constant_rows]
# hint: the-variance-and-eps


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True)
    return (x - mean) / (std + eps) * gamma + beta
