"""Forbidden: the sparse softmax kernel, on a sparse tensor that stores every entry, called in a
worker thread (no mode of the main thread sees it), with a hand-written backward."""
import threading

import torch


class SparseSoftmax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, dim):
        result = {}
        worker = threading.Thread(target=lambda: result.update(
            y=torch._C._sparse._sparse_softmax(x.detach().to_sparse(), dim, False).to_dense()))
        worker.start()
        worker.join()
        ctx.save_for_backward(result["y"])
        ctx.dim = dim
        return result["y"]

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return y * (grad - (grad * y).sum(ctx.dim, keepdim=True)), None


def softmax(x, dim=-1):
    return SparseSoftmax.apply(x, dim % x.dim())
