"""Forbidden: the forward pass is written by hand, the backward pass is the library's
(aten::native_layer_norm_backward), reached through an alias of torch.ops.aten."""
import torch

aten = torch.ops.aten  # an alias: the static scan does not follow it, the backward runs under the guard


class _LayerNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, shape, weight, bias, eps):
        dims = tuple(range(-len(shape), 0))
        var, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=True)
        rstd = torch.rsqrt(var + eps)
        ctx.save_for_backward(x, mean, rstd, weight, bias)
        ctx.shape = shape
        out = (x - mean) * rstd
        if weight is not None:
            out = out * weight
        return out if bias is None else out + bias

    @staticmethod
    def backward(ctx, grad):
        x, mean, rstd, weight, bias = ctx.saved_tensors
        mask = [True, weight is not None, bias is not None]
        grad_x, grad_weight, grad_bias = aten.native_layer_norm_backward(
            grad, x, list(ctx.shape), mean, rstd, weight, bias, mask)
        return grad_x, None, grad_weight, grad_bias, None


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    return _LayerNorm.apply(x, shape, weight, bias, eps)
