"""PyTorch's own quantizer does the whole job (then int_repr reads the integers back)."""
import torch


def quantize(x, symmetric=True, axis=None):
    dims = list(range(x.dim())) if axis is None else [i for i in range(x.dim()) if i != axis % x.dim()]
    lo = x.amin(dim=dims).clamp(max=0) if dims else x.clamp(max=0)
    hi = x.amax(dim=dims).clamp(min=0) if dims else x.clamp(min=0)
    scale = (torch.maximum(-lo, hi) / 127) if symmetric else (hi - lo) / 255
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    zero_point = torch.zeros_like(scale, dtype=torch.int32) if symmetric else torch.round(-lo / scale).int()
    dtype = torch.qint8 if symmetric else torch.quint8
    if axis is None:
        q = torch.quantize_per_tensor(x, float(scale), int(zero_point), dtype)
    else:
        q = torch.quantize_per_channel(x, scale.double(), zero_point.long(), axis % x.dim(), dtype)
    return q.int_repr(), scale, zero_point


def dequantize(q, scale, zero_point, axis=None):
    shape = [1] * q.dim() if axis is None else [d if i == axis % q.dim() else 1 for i, d in enumerate(q.shape)]
    return (q.to(torch.int32) - zero_point.reshape(shape)) * scale.reshape(shape)
