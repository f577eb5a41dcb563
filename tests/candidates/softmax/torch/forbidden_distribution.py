"""Forbidden: a torch.distributions object computes the softmax for us."""
import torch


def softmax(x, dim=-1):
    probs = torch.distributions.Categorical(logits=x.movedim(dim, -1)).probs
    return probs.movedim(-1, dim)
