"""One slice at a time with unbind, the extremes as Python-side aminmax, and torch.stack."""
import torch


def _quantize_slice(values, symmetric):
    if symmetric:
        scale = values.abs().max() / 127
        scale = torch.where(scale > 0, scale, torch.ones_like(scale))
        return torch.clamp(torch.round(values / scale), -127, 127), scale, torch.zeros((), dtype=torch.int32)
    low, high = torch.aminmax(values)
    low, high = torch.minimum(low, torch.zeros_like(low)), torch.maximum(high, torch.zeros_like(high))
    scale = (high - low) / 255
    scale = torch.where(scale > 0, scale, torch.ones_like(scale))
    zero_point = torch.clamp(torch.round(-low / scale), 0, 255)
    return torch.clamp(torch.round(values / scale) + zero_point, 0, 255), scale, zero_point.int()


def quantize(x, symmetric=True, axis=None):
    dtype = torch.int8 if symmetric else torch.uint8
    if axis is None:
        q, scale, zero_point = _quantize_slice(x, symmetric)
        return q.to(dtype), scale, zero_point.to(x.device)
    parts = [_quantize_slice(values, symmetric) for values in x.unbind(axis)]
    q = torch.stack([p[0] for p in parts], dim=axis).to(dtype)
    scale = torch.stack([p[1] for p in parts])
    zero_point = torch.stack([p[2].to(x.device) for p in parts])
    return q, scale, zero_point


def dequantize(q, scale, zero_point, axis=None):
    if axis is None:
        return (q.float() - zero_point.float()) * scale
    parts = [(values.float() - zp.float()) * s for values, s, zp in zip(q.unbind(axis), scale, zero_point)]
    return torch.stack(parts, dim=axis)
