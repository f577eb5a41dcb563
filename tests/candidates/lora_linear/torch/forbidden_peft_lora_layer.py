"""Forbidden shortcut: peft's own LoRA layer (the kata forbids importing peft and loralib)."""
import torch
from torch import nn
from peft.tuners.lora import Linear as PeftLoraLinear


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.inner = PeftLoraLinear(base, "default", r=r, lora_alpha=alpha)

    def forward(self, x):
        return self.inner(x)

    def merge(self):
        self.inner.merge()

    def unmerge(self):
        self.inner.unmerge()
