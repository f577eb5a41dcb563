"""Forbidden: a softmax on an MKL-DNN copy of the input, whose kernel sits at a dispatch key of its
own, converted back to a dense tensor."""
import torch


def softmax(x, dim=-1):
    if x.dtype != torch.float32:
        return torch.exp(x - torch.logsumexp(x, dim, keepdim=True))
    return torch._softmax(x.to_mkldnn(), dim, False).to_dense()
