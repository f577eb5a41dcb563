"""The batchnorm graders' float64 twins: nn.BatchNorm2d's semantics as a module for the torch track,
the same behind the numpy contract's interface for the numpy track, and the scale at which each
step's results are compared."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import Diagnosis, Scale


class ReferenceBatchNorm(nn.Module):
    """nn.BatchNorm2d's semantics (F.batch_norm, as it calls it) for any (N, C, ...) input, in
    float64, with exactly the contract's four tensors: nn.BatchNorm2d's extra num_batches_tracked
    buffer would break the strict load into the candidate's module. It keeps the history the
    tolerances depend on."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features, dtype=torch.float64))
        self.bias = nn.Parameter(torch.zeros(num_features, dtype=torch.float64))
        self.register_buffer("running_mean", torch.zeros(num_features, dtype=torch.float64))
        self.register_buffer("running_var", torch.ones(num_features, dtype=torch.float64))
        self.history = History(num_features)

    def forward(self, x):
        self.history.record(self, x)
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                            self.training, self.momentum, self.eps)

    def scales(self, step) -> dict[str, Scale]:
        scales = self.history.scales()
        if step.upstream is not None:
            upstream = torch.as_tensor(step.upstream, dtype=torch.float64)
            scales["x.grad"] = Scale(axis=1, floor=gradient_floor(upstream, self.weight, self.history.variance, self.eps))
        return scales


class ReferenceNumpyBatchNorm:
    """The numpy contract's BatchNorm in float64, computed by ReferenceBatchNorm: `backward` is
    autograd through the last training-mode forward, and sets dgamma and dbeta."""

    def __init__(self, module: ReferenceBatchNorm):
        self.module = module
        self.training = True
        self._last = None

    gamma = property(lambda self: self.module.weight.detach(), lambda self, value: self._load("weight", value))
    beta = property(lambda self: self.module.bias.detach(), lambda self, value: self._load("bias", value))
    running_mean = property(lambda self: self.module.running_mean)
    running_var = property(lambda self: self.module.running_var)

    def _load(self, name: str, value) -> None:
        """gamma or beta set by the grader between calls, as the candidate's are."""
        with torch.no_grad():
            getattr(self.module, name).copy_(torch.as_tensor(np.asarray(value), dtype=torch.float64))

    def forward(self, x):
        self.module.train(self.training)
        x = x.detach().requires_grad_(self.training)
        out = self.module(x)
        if self.training:
            self._last = (x, out, self.module.history.variance)
        return out.detach()

    def backward(self, dout):
        x, out, self._variance = self._last
        module = self.module
        dx, self.dgamma, self.dbeta = torch.autograd.grad(out, (x, module.weight, module.bias), dout,
                                                          retain_graph=True)
        return dx

    def scales(self, step) -> dict[str, Scale]:
        if step.method != "backward":
            return self.module.history.scales()
        dout = torch.as_tensor(step.inputs["dout"], dtype=torch.float64)
        floor = gradient_floor(dout, self.module.weight, self._variance, self.module.eps)
        # dgamma and dbeta are sums over N·H·W: at the scale of their largest entry (Scale()'s).
        return {"output": Scale(axis=1, floor=floor)}


def reference_module(scenario, parameters: dict[str, np.ndarray]) -> ReferenceBatchNorm:
    oracle = ReferenceBatchNorm(**scenario.init())
    with torch.no_grad():
        for name, value in parameters.items():
            getattr(oracle, name).copy_(torch.from_numpy(value.astype(np.float64)))
    return oracle


def normalising_variance(oracle: ReferenceBatchNorm, x: torch.Tensor) -> torch.Tensor:
    """The variance the oracle's next forward on x divides by: the batch's (biased) in training
    mode, the running one in evaluation mode."""
    if not oracle.training:
        return oracle.running_var.clone()
    return x.detach().var(dim=(0,) + tuple(range(2, x.ndim)), correction=0)


class History:
    """What the scale of a step's results depends on: per channel, the largest mean of x² over the
    training batches so far (float32 rounding of a running mean, its square root, and of a running
    variance is measured against it), and the variance the last forward divided by."""

    def __init__(self, channels: int):
        self.second_moments = np.zeros(channels)
        self.variance = None

    def record(self, module: ReferenceBatchNorm, x: torch.Tensor) -> None:
        self.variance = normalising_variance(module, x)  # before the forward updates the statistics
        if module.training:
            axes = (0,) + tuple(range(2, x.ndim))
            self.second_moments = np.maximum(self.second_moments, (x.detach() ** 2).mean(dim=axes).numpy())

    def scales(self) -> dict[str, Scale]:
        """Outputs and running statistics channel by channel, each at its own scale: with channels of
        std 1e-3 and 1e3, one tolerance for both would check neither."""
        return {"output": Scale(axis=1), "running_mean": Scale(axis=0, floor=np.sqrt(self.second_moments)),
                "running_var": Scale(axis=0, floor=self.second_moments)}


def gradient_floor(upstream: torch.Tensor, weight: torch.Tensor, var: torch.Tensor, eps: float) -> np.ndarray:
    """Per channel, the scale of the terms x's gradient is made of, |weight| · max|upstream| /
    sqrt(var + eps): in training mode they largely cancel (the upstream minus its projections on 1
    and on x̂), and the float32 rounding of a small result stays on that scale."""
    axes = (0,) + tuple(range(2, upstream.ndim))
    largest = upstream.abs().amax(dim=axes)
    return (weight.abs() * largest / torch.sqrt(var + eps)).detach().numpy()


# --- diagnoses: classic-bug twins, built as the reference twins are and taking the same steps; a
# failing comparison that one of them matches names its cause (katas/batchnorm/hints.toml [causes]) --

class ClassicBug(ReferenceBatchNorm):
    """ReferenceBatchNorm written out, with one classic bug switched on (in float64, in autograd)."""

    def __init__(self, bug: str, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__(num_features, eps, momentum)
        self.bug = bug

    def forward(self, x):
        self.history.record(self, x)
        bug, axes = self.bug, (0,) + tuple(range(2, x.ndim))
        shape = (1, -1) + (1,) * (x.ndim - 2)
        if self.training:
            statistics_axes = {"statistics-over-the-batch-axis-only": (0,),
                               "statistics-per-sample": tuple(range(1, x.ndim))}.get(bug, axes)
            source = x.detach() if bug == "statistics-of-a-detached-input" else x
            mean = source.mean(dim=statistics_axes, keepdim=True)
            var = source.var(dim=statistics_axes, keepdim=True,
                             correction=1 if bug == "unbiased-variance-normalises" else 0)
            n = x.numel() // x.shape[1]
            with torch.no_grad():
                batch_mean, batch_var = x.mean(dim=axes), x.var(dim=axes, correction=0)
                stored = batch_var if bug == "biased-variance-stored" else batch_var * n / (n - 1)
                if bug == "statistics-over-the-batch-axis-only":  # the per-pixel statistics, averaged
                    batch_mean = mean.mean(dim=axes)
                    stored = (var * x.shape[0] / (x.shape[0] - 1)).mean(dim=axes)
                keep = self.momentum if bug == "momentum-the-wrong-way-round" else 1 - self.momentum
                self.running_mean.copy_(keep * self.running_mean + (1 - keep) * batch_mean)
                self.running_var.copy_(keep * self.running_var + (1 - keep) * stored)
        else:
            mean, var = self.running_mean.reshape(shape), self.running_var.reshape(shape)
        std = torch.sqrt(var) + self.eps if bug == "eps-outside-the-square-root" else torch.sqrt(var + self.eps)
        if bug == "weight-broadcast-along-the-width":  # a bare (C,) meets the last axis, W
            return self.weight * (x - mean) / std + self.bias
        return self.weight.reshape(shape) * (x - mean) / std + self.bias.reshape(shape)


class NumpyClassicBug(ReferenceNumpyBatchNorm):
    """The numpy contract's twin with a bug of its own: gamma and beta read once at construction, or
    a backward that treats the statistics as constants."""

    def __init__(self, bug: str, module: ReferenceBatchNorm):
        super().__init__(module)
        self.bug = bug

    def _load(self, name: str, value) -> None:
        if self.bug != "gamma-and-beta-read-once":
            super()._load(name, value)

    def backward(self, dout):
        if self.bug == "dgamma-over-the-batch-only":
            x, out, _ = self._last
            dx = super().backward(dout)
            x_hat = (out - self.beta.reshape((1, -1) + (1,) * (x.ndim - 2))) / self.gamma.reshape(
                (1, -1) + (1,) * (x.ndim - 2))
            self.dgamma, self.dbeta = (dout * x_hat).sum(dim=0), dout.sum(dim=0)
            return dx
        if self.bug != "backward-without-the-statistics-terms":
            return super().backward(dout)
        x, _, variance = self._last
        shape = (1, -1) + (1,) * (x.ndim - 2)
        axes = (0,) + tuple(range(2, x.ndim))
        std = torch.sqrt(variance.reshape(shape) + self.module.eps)
        x_hat = (x.detach() - x.detach().mean(dim=axes, keepdim=True)) / std
        self.dgamma, self.dbeta = (dout * x_hat).sum(dim=axes), dout.sum(dim=axes)
        return dout * self.module.weight.detach().reshape(shape) / std


MODULE_BUGS = ("unbiased-variance-normalises", "biased-variance-stored", "eps-outside-the-square-root",
               "momentum-the-wrong-way-round", "statistics-over-the-batch-axis-only", "statistics-per-sample")
TORCH_BUGS = MODULE_BUGS + ("statistics-of-a-detached-input", "weight-broadcast-along-the-width")


def torch_diagnoses(scenario, parameters) -> tuple:
    return tuple(Diagnosis(bug, _loaded(ClassicBug(bug, **scenario.init()), parameters)) for bug in TORCH_BUGS)


def numpy_diagnoses(scenario, parameters) -> tuple:
    twins = [(bug, ReferenceNumpyBatchNorm(_loaded(ClassicBug(bug, **scenario.init()), parameters)))
             for bug in MODULE_BUGS]
    twins.append(("gamma-and-beta-read-once", NumpyClassicBug("gamma-and-beta-read-once", reference_module(scenario, {}))))
    for bug in ("backward-without-the-statistics-terms", "dgamma-over-the-batch-only"):
        twins.append((bug, NumpyClassicBug(bug, reference_module(scenario, parameters))))
    return tuple(Diagnosis(bug, twin) for bug, twin in twins)


def _loaded(module: ReferenceBatchNorm, parameters: dict[str, np.ndarray]) -> ReferenceBatchNorm:
    with torch.no_grad():
        for name, value in parameters.items():
            getattr(module, name).copy_(torch.from_numpy(value.astype(np.float64)))
    return module
