"""Correct, in another style: einsum for the low-rank path and the update, the frozen base updated
through .data (no autograd history, as torch.no_grad() would), the dtype and device from
base.weight's factory methods."""
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        base.requires_grad_(False)
        self.base = base
        out_features, in_features = base.weight.shape
        self.lora_A = nn.Parameter(base.weight.new_empty(r, in_features))
        self.lora_B = nn.Parameter(base.weight.new_zeros(out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = float(alpha) / r
        self._merged = False

    def _update(self):
        return torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * self.scaling

    def forward(self, x):
        out = self.base(x)
        if not self._merged:
            low = torch.einsum("...i,ri->...r", x, self.lora_A)
            out = out + torch.einsum("...r,or->...o", low, self.lora_B) * self.scaling
        return out

    def merge(self):
        if self._merged:
            return
        self.base.weight.data += self._update().detach()
        self._merged = True

    def unmerge(self):
        if not self._merged:
            return
        self.base.weight.data -= self._update().detach()
        self._merged = False
