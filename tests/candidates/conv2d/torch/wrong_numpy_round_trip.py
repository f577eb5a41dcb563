"""Classic bug: computes in NumPy and wraps the result in a new tensor, cut off from autograd:
the values are right, no gradient reaches x, weight or bias."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[without_bias] conv2d[float64_input]
# hint: dtype-and-autograd
import numpy as np
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    a = np.pad(x.detach().cpu().numpy(), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    k = weight.detach().cpu().numpy()
    windows = np.lib.stride_tricks.sliding_window_view(a, k.shape[2:], axis=(2, 3))[:, :, ::sh, ::sw]
    out = np.einsum("nchwij,ocij->nohw", windows, k)
    if bias is not None:
        out = out + bias.detach().cpu().numpy()[:, None, None]
    return torch.from_numpy(out).to(x.device)
