"""Classic bug: a result buffer in the default dtype (float32), so float64 inputs lose precision."""
# expect-fail: softmax[float64_input] softmax[huge_magnitudes_float64]
# hint: shape-of-the-sum
import torch


def softmax(x, dim=-1):
    out = torch.zeros(x.shape, device=x.device)
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    out[...] = e / e.sum(dim=dim, keepdim=True)
    return out
