"""Classic bug: no maximum subtracted, so exp overflows or underflows into NaN."""
# expect-fail: softmax[huge_magnitudes] softmax[all_very_negative]
# hint: subtract-the-maximum
import torch


def softmax(x, dim=-1):
    e = torch.exp(x)
    return e / e.sum(dim=dim, keepdim=True)
