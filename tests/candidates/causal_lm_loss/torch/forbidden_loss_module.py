"""Forbidden: nn.CrossEntropyLoss, with the logits moved to its (B, V, T) layout for sequences."""
from torch import nn


def causal_lm_loss(logits, labels, ignore_index=-100):
    loss = nn.CrossEntropyLoss(ignore_index=ignore_index)
    return loss(logits[:, :-1].transpose(1, 2), labels[:, 1:])
