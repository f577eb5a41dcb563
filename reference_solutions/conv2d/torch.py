import torch
import torch.nn.functional as F


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None, stride=1,
           padding=0) -> torch.Tensor:
    stride_h, stride_w = _pair(stride)
    pad_h, pad_w = _pair(padding)
    kernel_h, kernel_w = weight.shape[2:]
    padded = F.pad(x, (pad_w, pad_w, pad_h, pad_h))  # F.pad lists the last dimension first
    # Every window the kernel visits, as a view: (N, C_in, H_out, W_out, KH, KW).
    windows = padded.unfold(2, kernel_h, stride_h).unfold(3, kernel_w, stride_w)
    # Cross-correlation, as in deep learning: the kernel is not flipped.
    out = torch.einsum("nchwij,ocij->nohw", windows, weight)
    if bias is not None:
        out = out + bias[:, None, None]
    return out
