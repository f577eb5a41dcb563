"""Correct, in another style: a torch.autograd.Function with the closed-form backward,
dx = rstd * (g - mean(g) - x̂ * mean(g * x̂)) for g the upstream gradient times the weight."""
import torch


class _Normalise(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, dims, eps):
        centred = x - x.mean(dim=dims, keepdim=True)
        rstd = torch.rsqrt(centred.pow(2).mean(dim=dims, keepdim=True) + eps)
        normalised = centred * rstd
        ctx.save_for_backward(normalised, rstd)
        ctx.dims = dims
        return normalised

    @staticmethod
    def backward(ctx, grad):
        normalised, rstd = ctx.saved_tensors
        dims = ctx.dims
        mean_grad = grad.mean(dim=dims, keepdim=True)
        mean_projection = (grad * normalised).mean(dim=dims, keepdim=True)
        return rstd * (grad - mean_grad - normalised * mean_projection), None, None


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    count = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    out = _Normalise.apply(x, tuple(range(-count, 0)), eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
