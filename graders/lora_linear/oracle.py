"""The lora_linear graders' float64 twin: the contract's layer, loaded with a scenario's weights."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _float64(value: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(value.astype(np.float64))


class ReferenceLoRA(nn.Module):
    """LoRALinear in float64. Its base parameters require grad, but forward reads them detached:
    check_steps asks autograd for the gradient of every parameter of its twin (which fails for one
    that does not require grad), and a detached read gives them none, as a frozen base gets."""

    def __init__(self, layer, weights: dict[str, np.ndarray]):
        super().__init__()
        self.base = nn.Linear(layer.in_features, layer.out_features, bias=layer.bias, dtype=torch.float64)
        with torch.no_grad():
            self.base.weight.copy_(_float64(weights["weight"]))
            if layer.bias:
                self.base.bias.copy_(_float64(weights["bias"]))
        self.lora_A = nn.Parameter(_float64(weights["lora_A"]))
        self.lora_B = nn.Parameter(_float64(weights["lora_B"]))
        self.scaling = layer.alpha / layer.r
        self.merged = False

    def forward(self, x):
        bias = None if self.base.bias is None else self.base.bias.detach()
        out = F.linear(x, self.base.weight.detach(), bias)
        return out if self.merged else out + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.base.weight += self.scaling * self.lora_B @ self.lora_A
            self.merged = True

    @torch.no_grad()
    def unmerge(self):
        if self.merged:
            self.base.weight -= self.scaling * self.lora_B @ self.lora_A
            self.merged = False
