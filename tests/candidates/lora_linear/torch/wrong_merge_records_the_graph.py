"""Classic bug: merge and unmerge change base.weight outside torch.no_grad(), so the in-place add
records autograd history: base.weight stops being a frozen leaf, and gradients flow from the merged
weight back into lora_A and lora_B."""
# expect-fail: only_lora_A_and_lora_B_learn[square_layer] only_lora_A_and_lora_B_learn[rank_equal_to_out_features_without_bias] lora_linear[square_layer]
# hint: merge-with-a-flag-under-no-grad
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        for parameter in self.base.parameters():
            parameter.requires_grad = False
        out_features, in_features = base.weight.shape
        like = {"dtype": base.weight.dtype, "device": base.weight.device}
        self.lora_A = nn.Parameter(torch.empty(r, in_features, **like))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r, **like))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        if self.merged:
            return self.base(x)
        return self.base(x) + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling

    def merge(self):
        if not self.merged:
            self.base.weight.add_(self.scaling * self.lora_B @ self.lora_A)
            self.merged = True

    def unmerge(self):
        if self.merged:
            self.base.weight.sub_(self.scaling * self.lora_B @ self.lora_A)
            self.merged = False
