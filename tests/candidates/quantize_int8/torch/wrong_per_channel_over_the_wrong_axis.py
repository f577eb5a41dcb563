"""Flattens the slices with x.reshape(C, -1) without moving the channel axis to the front first: on a square matrix per column, the rows are quantized instead."""
# expect-fail: quantize[symmetric_square_matrix_per_column] quantize[asymmetric_per_channel_on_a_middle_axis] quantize[symmetric_cube_per_channel_on_the_last_axis] round_trip[symmetric_square_matrix_per_column]
# hint: which-axes
import torch


def _rows(x: torch.Tensor, axis: int | None) -> tuple[torch.Tensor, list[int]]:
    """x as (slices, values of a slice), and the shape that broadcasts one value per slice back
    against x. (amax(dim=[]) would reduce over everything: a 1-d x per element has no other dims.)"""
    if axis is None:
        return x.reshape(1, -1), [1] * x.dim()
    axis %= x.dim()
    return x.reshape(x.shape[axis], -1), [d if i == axis else 1 for i, d in enumerate(x.shape)]


def quantize(x: torch.Tensor, symmetric: bool = True, axis: int | None = None):
    rows, shape = _rows(x, axis)
    if symmetric:
        scale = rows.abs().amax(dim=1) / 127
        scale = torch.where(scale == 0, torch.ones_like(scale), scale)  # a slice of zeros: 1.0 by rule
        q = torch.round(x / scale.reshape(shape)).clamp(-127, 127).to(torch.int8)
        zero_point = torch.zeros_like(scale, dtype=torch.int32)
    else:
        lo = rows.amin(dim=1).clamp(max=0)  # the range always holds 0, so that 0 is exactly representable
        hi = rows.amax(dim=1).clamp(min=0)
        scale = (hi - lo) / 255
        scale = torch.where(scale == 0, torch.ones_like(scale), scale)
        zero_point = torch.round(-lo / scale).clamp(0, 255)
        q = (torch.round(x / scale.reshape(shape)) + zero_point.reshape(shape)).clamp(0, 255).to(torch.uint8)
        zero_point = zero_point.to(torch.int32)
    if axis is None:
        return q, scale[0], zero_point[0]  # 0-d: one scale for the tensor
    return q, scale, zero_point


def dequantize(q: torch.Tensor, scale: torch.Tensor, zero_point: torch.Tensor, axis: int | None = None) -> torch.Tensor:
    shape = [1] * q.dim() if axis is None else [d if i == axis % q.dim() else 1 for i, d in enumerate(q.shape)]
    # int32 before subtracting: uint8 - zero_point must not wrap around.
    return (q.to(torch.int32) - zero_point.reshape(shape)) * scale.reshape(shape)
