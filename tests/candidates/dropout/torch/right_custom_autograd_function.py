"""Right: a hand-written autograd Function that keeps the scaled mask for its backward."""
import torch


class _Dropout(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scaled_mask):
        ctx.save_for_backward(scaled_mask)
        return x * scaled_mask

    @staticmethod
    def backward(ctx, grad_out):
        (scaled_mask,) = ctx.saved_tensors
        return grad_out * scaled_mask, None


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return _Dropout.apply(x, torch.zeros_like(x))
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return _Dropout.apply(x, keep.to(x.dtype) / (1 - p))
