"""mlp cases and the float64 oracles of both tracks.

NumPy: a `Net` is one TwoLayerMLP with its weights and one batch (X, y), every value drawn from one
generator seeded by the case; the oracle is the same network in float64 torch, its gradients from
autograd (torch.relu: derivative 0 at 0; F.cross_entropy: stable for any logits).
Torch: a `Stack` is one MLP(in_dim, hidden_dims, out_dim) and one batch; its weights come from the
float64 oracle module (seeded by the case), loaded into the candidate's by name; a training script
is a list of optimizer steps, each taken by train_step and, beside it, by the oracle.

Dimensions a misreading would confuse are equal in some case and differ in others (N == C for a
bias gradient summed over the wrong axis, N == H, D == H, C == 2)."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from interviewkit.grader import Case, _, integers, normal

NAMES = ("W1", "b1", "W2", "b2")


def conditioning(logits: torch.Tensor) -> float:
    """A stable cross-entropy is exact only to about eps·max|logit|."""
    return max(1.0, 0.1 * float(logits.abs().max()))


@dataclass
class Net:
    """A TwoLayerMLP case: D -> H -> C on a batch of N, `logit_scale` multiplying W2 (huge logits);
    `dead_unit` zeroes a column of W1 and its bias: that unit's pre-activation is exactly 0."""

    name: str
    N: int
    D: int
    H: int
    C: int
    dtype: str = "float32"
    logit_scale: float = 1.0
    dead_unit: bool = False

    def __str__(self) -> str:
        return self.name

    @property
    def seed(self) -> int:
        return zlib.crc32(f"mlp/{self.name}".encode()) % 100_000

    def recipes(self) -> dict:
        dtype = self.dtype
        return {"W1": normal((self.D, self.H), dtype=dtype), "b1": normal((self.H,), scale=0.5, dtype=dtype),
                "W2": normal((self.H, self.C), scale=self.logit_scale, dtype=dtype),
                "b2": normal((self.C,), scale=0.5, dtype=dtype),
                "X": normal((self.N, self.D), dtype=dtype), "y": integers((self.N,), 0, self.C)}

    def draw(self, seed_offset: int = 0) -> dict:
        rng = np.random.default_rng(self.seed + seed_offset)
        values = {name: recipe.build(rng) for name, recipe in self.recipes().items()}
        if self.dead_unit:
            values["W1"][:, 0] = 0
            values["b1"][0] = 0
        return values

    def describe(self, seed_offset: int = 0) -> str:
        parts = ", ".join(f"{name}: {recipe.describe()}" for name, recipe in self.recipes().items())
        dead = _("; W1[:, 0] and b1[0] set to 0 (a pre-activation exactly 0)") if self.dead_unit else ""
        return _("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset) + parts + dead

    def snippet(self, call: str = "", library: str = "numpy", seed_offset: int = 0) -> str:
        lines = ["import numpy as np", f"rng = np.random.default_rng({self.seed + seed_offset})"]
        for name, recipe in self.recipes().items():
            lines.extend(recipe.lines(name))
        if self.dead_unit:
            lines += ["W1[:, 0] = 0", "b1[0] = 0"]
        lines += ["model = TwoLayerMLP(W1, b1, W2, b2)", f"# then: {call}"]
        return "\n".join(lines)


def nets() -> list[Net]:
    return [
        Net("small_batch", N=8, D=5, H=7, C=3),
        Net("float64_weights", N=6, D=4, H=9, C=5, dtype="float64"),
        Net("batch_as_large_as_the_classes", N=4, D=3, H=6, C=4, dtype="float64"),
        Net("batch_as_large_as_the_hidden_layer", N=6, D=3, H=6, C=4),
        Net("input_as_wide_as_the_hidden_layer", N=7, D=5, H=5, C=3, dtype="float64"),
        Net("two_classes", N=9, D=4, H=6, C=2),
        Net("one_example", N=1, D=4, H=5, C=3, dtype="float64"),
        Net("huge_logits", N=8, D=4, H=6, C=3, logit_scale=3e3),
        Net("huge_logits_float64", N=8, D=4, H=6, C=3, dtype="float64", logit_scale=3e3),
        Net("a_pre_activation_exactly_zero", N=6, D=4, H=5, C=3, dtype="float64", dead_unit=True),
    ]


def _float64(value) -> torch.Tensor:
    return torch.as_tensor(np.asarray(value, dtype=np.float64)) if not isinstance(value, torch.Tensor) \
        else value.detach().to(torch.float64)


class ReferenceTwoLayerMLP:
    """The NumPy contract in float64 torch: autograd gives the gradients."""

    def __init__(self, values: dict):
        for name in NAMES:
            setattr(self, name, _float64(values[name]))

    def forward(self, X) -> torch.Tensor:
        return torch.relu(_float64(X) @ self.W1 + self.b1) @ self.W2 + self.b2

    def loss_and_grads(self, X, y) -> tuple[torch.Tensor, dict, torch.Tensor]:
        """(loss, grads, logits)."""
        params = {name: getattr(self, name).clone().requires_grad_() for name in NAMES}
        logits = torch.relu(_float64(X) @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
        loss = F.cross_entropy(logits, torch.as_tensor(np.asarray(y)))
        grads = torch.autograd.grad(loss, list(params.values()))
        return loss.detach(), dict(zip(NAMES, grads)), logits.detach()

    def gradient_floors(self, X, y) -> dict:
        """The gradients of the same backward pass run on absolute values: the size of the terms
        each gradient sums, which keep their rounding where they cancel."""
        X, labels = _float64(X), torch.as_tensor(np.asarray(y))
        logits = torch.relu(X @ self.W1 + self.b1) @ self.W2 + self.b2
        hidden = X.abs() @ self.W1.abs() + self.b1.abs()
        dlogits = (torch.softmax(logits, 1) + F.one_hot(labels, logits.shape[1])) / X.shape[0]
        dpre = dlogits @ self.W2.abs().T
        return {"W1": float((X.abs().T @ dpre).max()), "b1": float(dpre.sum(0).max()),
                "W2": float((hidden.T @ dlogits).max()), "b2": float(dlogits.sum(0).max())}

    def sgd_step(self, grads: dict, lr: float) -> None:
        for name in NAMES:
            setattr(self, name, getattr(self, name) - lr * _float64(grads[name]))


# ---- the torch track -------------------------------------------------------------------------------

class ReferenceMLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dims, out_dim: int, dead_unit: bool = False):
        super().__init__()
        widths = [in_dim, *hidden_dims, out_dim]
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))
        if dead_unit and hidden_dims:
            with torch.no_grad():
                self.layers[0].weight[0].zero_()
                self.layers[0].bias[0] = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)


@dataclass
class Stack:
    """An MLP case: the constructor's arguments, the batch, the training script (optimizer steps)."""

    name: str
    N: int
    in_dim: int
    hidden_dims: tuple | list
    out_dim: int
    dtype: str = "float32"
    x_scale: float = 1.0
    dead_unit: bool = False
    steps: list = field(default_factory=lambda: [("SGD", {"lr": 0.1})])

    def __str__(self) -> str:
        return self.name

    def init(self) -> dict:
        return {"in_dim": self.in_dim, "hidden_dims": self.hidden_dims, "out_dim": self.out_dim}

    def oracle(self) -> ReferenceMLP:
        return ReferenceMLP(self.in_dim, self.hidden_dims, self.out_dim, self.dead_unit)

    def case(self, with_labels: bool) -> Case:
        labels = {"y": integers((self.N,), 0, self.out_dim)} if with_labels else {}
        return Case(self.name, x=normal((self.N, self.in_dim), scale=self.x_scale, dtype=self.dtype), **labels)


def stacks() -> list[Stack]:
    momentum = [("SGD", {"lr": 0.05, "momentum": 0.9}), ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True})]
    return [
        Stack("no_hidden_layer", N=6, in_dim=4, hidden_dims=[], out_dim=3),
        Stack("one_hidden_layer", N=8, in_dim=5, hidden_dims=[7], out_dim=3, steps=momentum),
        Stack("two_hidden_layers_in_a_tuple", N=5, in_dim=4, hidden_dims=(6, 3), out_dim=4, dtype="float64",
              steps=[("Adam", {"lr": 1e-2})]),
        Stack("one_example", N=1, in_dim=3, hidden_dims=[4], out_dim=3),
        Stack("batch_as_large_as_the_classes", N=4, in_dim=3, hidden_dims=[5], out_dim=4, dtype="float64"),
        Stack("input_as_wide_as_the_hidden_layers", N=6, in_dim=5, hidden_dims=[5, 5], out_dim=3,
              steps=[("SGD", {"lr": 0.1, "weight_decay": 0.01})]),
        Stack("two_classes", N=9, in_dim=4, hidden_dims=[6], out_dim=2, dtype="float64",
              steps=[("AdamW", {"lr": 1e-2})]),
        Stack("huge_logits", N=8, in_dim=4, hidden_dims=[6], out_dim=3, x_scale=3e3,
              steps=[("SGD", {"lr": 1e-4})]),
        Stack("a_pre_activation_exactly_zero", N=6, in_dim=4, hidden_dims=[5], out_dim=3, dtype="float64",
              dead_unit=True),
        # Two steps in a row: the second must start from zeroed gradients, not the first's.
        Stack("two_steps_in_a_row", N=6, in_dim=4, hidden_dims=[5], out_dim=3, dtype="float64",
              steps=[("SGD", {"lr": 0.1}), ("SGD", {"lr": 0.1})]),
        Stack("two_adam_steps_in_a_row", N=6, in_dim=4, hidden_dims=[5, 4], out_dim=3, dtype="float64",
              steps=[("Adam", {"lr": 1e-2}), ("Adam", {"lr": 1e-2})]),
    ]
