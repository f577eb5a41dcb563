"""Classic bug: the update written as A.T @ B.T, (in, out): a shape error when in != out, the
transposed update when in == out."""
# expect-fail: lora_linear[square_layer] lora_linear[float64_square_layer_without_bias] lora_linear[rank_equal_to_in_features] lora_linear[rank_one_update]
# hint: the-update-and-its-shape
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
        self.merged = False

    def forward(self, x):
        if self.merged:  # the update already lives in base.weight
            return self.base(x)
        return self.base(x) + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling

    def delta(self):
        return self.scaling * self.lora_A.T @ self.lora_B.T

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
