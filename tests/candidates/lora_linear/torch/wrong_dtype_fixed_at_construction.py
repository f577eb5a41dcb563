"""Wrong: base.weight's dtype read once in __init__ and kept as a plain attribute, x and the merged
update cast to it: after .double() the layer still computes in float32."""
# expect-fail: lora_linear[built_in_float32_then_moved_to_float64]
# hint: freeze-and-initialise
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        for parameter in self.base.parameters():
            parameter.requires_grad = False  # only the low-rank factors learn
        out_features, in_features = base.weight.shape
        like = {"dtype": base.weight.dtype, "device": base.weight.device}
        self.lora_A = nn.Parameter(torch.empty(r, in_features, **like))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r, **like))  # zero: the layer starts as the base
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.compute_dtype = base.weight.dtype  # fixed here: .double() does not change it
        self.merged = False

    def forward(self, x):
        out = self.base(x)
        if self.merged:  # the update already lives in base.weight
            return out
        low = x.to(self.compute_dtype) @ self.lora_A.to(self.compute_dtype).T @ self.lora_B.to(self.compute_dtype).T
        return out + (low * self.scaling).to(out.dtype)

    def delta(self):
        return (self.scaling * self.lora_B @ self.lora_A).to(self.compute_dtype)  # (out, r) @ (r, in)

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.base.weight += self.delta()
            self.merged = True

    @torch.no_grad()
    def unmerge(self):
        if self.merged:
            self.base.weight -= self.delta()
            self.merged = False
