"""Classic bug: the variance as E[x²] - E[x]², in float32. Algebraically right; numerically it
cancels catastrophically when |mean| >> std (both terms ~1e6 for a row 1000 + noise)."""
# expect-fail: layer_norm[large_offsets] layer_norm[near_constant_rows]
# hint: subtract-the-mean-first
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = (x * x).mean(axis=-1, keepdims=True) - mean * mean
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
