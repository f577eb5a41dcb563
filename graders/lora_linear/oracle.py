"""The lora_linear graders' float64 twin: the contract's layer, loaded with a scenario's weights."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import Diagnosis


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


# --- diagnoses: the twin with one classic bug, loaded as the twin is and taking the same steps; a
# failing comparison that one of them matches names its cause (katas/lora_linear/hints.toml [causes]) ---

BUGS = ("scaling-is-alpha", "scaling-by-integer-division", "transposed-update", "merge-without-a-flag",
        "unmerge-without-a-flag", "update-added-while-merged", "merge-records-the-graph",
        "dtype-fixed-at-construction")


class ClassicBug(ReferenceLoRA):
    def __init__(self, bug: str, layer, weights: dict[str, np.ndarray]):
        super().__init__(layer, weights)
        self.bug, self.graph_used = bug, False
        if bug == "scaling-is-alpha":
            self.scaling = layer.alpha
        elif bug == "scaling-by-integer-division":
            self.scaling = layer.alpha // layer.r
        # A base built in float32 then moved: the low-rank path and the update still computed in float32.
        self.compute = torch.float32 if bug == "dtype-fixed-at-construction" and layer.built else torch.float64

    def _update(self):
        if self.bug == "transposed-update":  # (in, out): a RuntimeError unless in == out, as the candidate's
            return self.scaling * self.lora_A.T @ self.lora_B.T
        return (self.scaling * self.lora_B.to(self.compute) @ self.lora_A.to(self.compute)).double()

    def forward(self, x):
        bias = None if self.base.bias is None else self.base.bias.detach()
        out = F.linear(x, self.base.weight.detach(), bias)
        if self.merged and self.bug == "merge-records-the-graph":
            # The merge's graph (through lora_A and lora_B) is freed by the first backward while
            # merged: the candidate's next one raises RuntimeError, as this does.
            if self.graph_used:
                raise RuntimeError("Trying to backward through the graph a second time")
            self.graph_used = True
        if self.merged and self.bug != "update-added-while-merged":
            return out
        low = x.to(self.compute) @ self.lora_A.to(self.compute).T @ self.lora_B.to(self.compute).T
        return out + (low * self.scaling).double()

    @torch.no_grad()
    def merge(self):
        if not self.merged or self.bug == "merge-without-a-flag":
            self.base.weight += self._update()
            self.merged, self.graph_used = True, False

    @torch.no_grad()
    def unmerge(self):
        if self.merged or self.bug == "unmerge-without-a-flag":
            self.base.weight -= self._update()
            self.merged = False


def diagnoses(layer, weights: dict[str, np.ndarray]) -> tuple:
    return tuple(Diagnosis(bug, ClassicBug(bug, layer, weights)) for bug in BUGS)
