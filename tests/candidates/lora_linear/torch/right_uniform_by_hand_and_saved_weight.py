"""Correct, in another style: lora_A drawn uniform on ±1/sqrt(in_features) by hand (what
kaiming_uniform_ with a = sqrt(5) draws), F.linear for both paths, and unmerge restoring a copy of
the weight saved by merge (kept as a plain attribute, outside the state dict), in float64."""
import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        if self.base.bias is not None:
            self.base.bias.requires_grad_(False)
        out_features, in_features = base.weight.shape
        bound = 1 / math.sqrt(in_features)
        A = torch.rand(r, in_features, dtype=base.weight.dtype, device=base.weight.device) * 2 * bound - bound
        self.lora_A = nn.Parameter(A)
        self.lora_B = nn.Parameter(torch.zeros(out_features, r, dtype=base.weight.dtype, device=base.weight.device))
        self.scaling = alpha / r
        self.saved = None  # the base weight before merging; None while unmerged

    def forward(self, x):
        out = F.linear(x, self.base.weight, self.base.bias)
        if self.saved is None:
            out = out + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling
        return out

    @torch.no_grad()
    def merge(self):
        if self.saved is None:
            self.saved = self.base.weight.clone()
            update = (self.lora_B.double() @ self.lora_A.double()) * self.scaling
            self.base.weight.copy_(self.base.weight.double() + update)

    @torch.no_grad()
    def unmerge(self):
        if self.saved is not None:
            self.base.weight.copy_(self.saved)
            self.saved = None
