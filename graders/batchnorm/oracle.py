"""The batchnorm graders' float64 oracle and the comparisons they make step by step."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import Expected, expect_close, expect_form, tolerance


class ReferenceBatchNorm(nn.Module):
    """nn.BatchNorm2d's semantics (F.batch_norm, as it calls it) for any (N, C, ...) input, in
    float64, with exactly the contract's four tensors: nn.BatchNorm2d's extra num_batches_tracked
    buffer would break the strict load into the candidate's module."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features, dtype=torch.float64))
        self.bias = nn.Parameter(torch.zeros(num_features, dtype=torch.float64))
        self.register_buffer("running_mean", torch.zeros(num_features, dtype=torch.float64))
        self.register_buffer("running_var", torch.ones(num_features, dtype=torch.float64))

    def forward(self, x):
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                            self.training, self.momentum, self.eps)


def reference_module(scenario, parameters: dict[str, np.ndarray]) -> ReferenceBatchNorm:
    oracle = ReferenceBatchNorm(**scenario.init())
    with torch.no_grad():
        for name, value in parameters.items():
            getattr(oracle, name).copy_(torch.from_numpy(value.astype(np.float64)))
    return oracle


def reference_input(x: np.ndarray, requires_grad: bool) -> torch.Tensor:
    return torch.from_numpy(x.astype(np.float64)).requires_grad_(requires_grad)


def normalising_variance(oracle: ReferenceBatchNorm, x: torch.Tensor) -> torch.Tensor:
    """The variance the oracle's next forward on x divides by: the batch's (biased) in training
    mode, the running one in evaluation mode."""
    if not oracle.training:
        return oracle.running_var.clone()
    return x.detach().var(dim=(0,) + tuple(range(2, x.ndim)), correction=0)


class SecondMoments:
    """Per channel, the largest mean of x² over the training batches so far: the scale that float32
    rounding of a running mean (its square root) and of a running variance is measured against."""

    def __init__(self, channels: int):
        self.value = np.zeros(channels)

    def add(self, x: np.ndarray) -> None:
        axes = (0,) + tuple(range(2, x.ndim))
        self.value = np.maximum(self.value, (x.astype(np.float64) ** 2).mean(axis=axes))


def gradient_floor(upstream: torch.Tensor, weight: torch.Tensor, var: torch.Tensor, eps: float) -> np.ndarray:
    """Per channel, the scale of the terms x's gradient is made of, |weight| · max|upstream| /
    sqrt(var + eps): in training mode they largely cancel (the upstream minus its projections on 1
    and on x̂), and the float32 rounding of a small result stays on that scale."""
    axes = (0,) + tuple(range(2, upstream.ndim))
    largest = upstream.abs().amax(dim=axes)
    return (weight.abs() * largest / torch.sqrt(var + eps)).detach().numpy()


def expect_per_channel(actual, expected: torch.Tensor, like: Expected, what: str, condition: float,
                       floors: np.ndarray | None = None) -> None:
    """Channel by channel, each at its own scale (or `floors[c]`, if larger): with channels of std
    1e-3 and 1e3, x's gradient in one is a million times that in the other, and one tolerance for
    both would check neither."""
    expect_form(actual, tuple(expected.shape), like, what)
    for channel in range(expected.shape[1]):
        reference = expected[:, channel]
        magnitude = float(reference.abs().max()) if reference.numel() else 1.0
        if floors is not None:
            magnitude = max(magnitude, float(floors[channel]))
        expect_close(actual[:, channel], reference, like, f"{what}, channel {channel}", magnitude=magnitude,
                     condition=condition)


def expect_statistic(actual, expected: torch.Tensor, scales: np.ndarray, like: Expected, what: str,
                     condition: float, tolerance_dtype: str | None = None) -> None:
    """A per-channel vector (a running statistic), each entry at the larger of its own size and
    `scales[c]`; `tolerance_dtype` grades a float64 attribute of a float32 case at float32's."""
    expect_form(actual, tuple(expected.shape), like, what)
    for channel in range(expected.shape[0]):
        magnitude = max(abs(float(expected[channel])), float(scales[channel]))
        rtol, atol = tolerance(tolerance_dtype or like.dtype, magnitude, condition)
        expect_close(actual[channel:channel + 1], expected[channel:channel + 1], like, f"{what}[{channel}]",
                     rtol=rtol, atol=atol)
