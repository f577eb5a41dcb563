"""autoencoder cases and the float64 oracle.

A `Net` is one AutoEncoder(in_dim, hidden_dims, latent_dim) and one batch: its weights come from the
float64 oracle module (seeded by the case), loaded into the candidate's by name. A `Training` is a
Net with the options of train_step (noise_std, a seeded generator) and a script of optimizer steps,
each taken by train_step and, beside it, by the oracle on the same noise: the oracle draws it from
its twin of the candidate's generator at the candidate's dtype (torch.randn in float32 and float64
gives different numbers from the same seed), and the generator's state after the call is compared.

Shapes: hidden_dims empty, of one width and of two different widths (a decoder that is not the
mirror image of the encoder loads no weights there); in_dim == hidden width and latent_dim ==
in_dim (nothing may hinge on the widths differing); N == in_dim (a loss divided by the features
instead of the batch is right there, and wrong everywhere else); one example. Noise on and off
meets each of these, both dtypes, and each optimizer, in some case."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from interviewkit.grader import Case, Recipe, _, integers, normal, torch_generator, uniform


def _linears(widths: list[int]) -> nn.ModuleList:
    return nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))


class ReferenceAutoEncoder(nn.Module):
    """The contract's module; a classic `bug` (MODULE_BUGS) gives that bug's outputs and gradients."""

    def __init__(self, in_dim: int, hidden_dims, latent_dim: int, dead_unit: bool = False, bug: str = ""):
        super().__init__()
        self.bug = bug
        widths = [in_dim, *hidden_dims, latent_dim]
        self.encoder = _linears(widths)
        self.decoder = _linears(widths[::-1])
        if dead_unit:  # a hidden unit whose pre-activation is exactly 0 on every input
            for stack in (self.encoder, self.decoder):
                with torch.no_grad():
                    stack[0].weight[0].zero_()
                    stack[0].bias[0] = 0

    def relu(self, x: torch.Tensor) -> torch.Tensor:
        return x.clamp(min=0) if self.bug == "relu-derivative-one-at-zero" else torch.relu(x)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.encoder[:-1]:
            x = self.relu(layer(x))
        code = self.encoder[-1](x)
        return self.relu(code) if self.bug == "relu-on-the-code" else code

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        for layer in self.decoder[:-1]:
            z = self.relu(layer(z))
        out = self.decoder[-1](z)
        return out if self.bug == "no-sigmoid-on-the-output" else torch.sigmoid(out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))


@dataclass(frozen=True)
class patterns(Recipe):
    """Rows near `count` random binary prototypes: each row one prototype, each entry moved by
    U(0, 0.05) towards the middle. Data an autoencoder can compress: what a short training run learns."""

    shape: tuple[int, ...]
    count: int = 3
    dtype: str = "float32"

    def draw(self, rng):
        prototypes = rng.integers(0, 2, (self.count, self.shape[1]))
        rows = prototypes[rng.integers(0, self.count, self.shape[0])]
        return np.abs(rows - rng.uniform(0.0, 0.05, self.shape))

    def lines(self, name):
        rows, width = self.shape
        return [f"prototypes = rng.integers(0, 2, ({self.count}, {width}))",
                f"{name} = np.abs(prototypes[rng.integers(0, {self.count}, {rows})] - rng.uniform(0.0, 0.05, "
                f"({rows}, {width}))).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} ({rows}, {columns}) near {count} binary prototypes").format(
            dtype=self.dtype, rows=self.shape[0], columns=self.shape[1], count=self.count)


@dataclass
class Net:
    """An AutoEncoder case: the constructor's arguments and a batch of N inputs in [0, 1] (binary
    with `binary`); `dead_unit` zeroes a unit of the first layer of both stacks."""

    name: str
    N: int
    in_dim: int
    hidden_dims: tuple | list
    latent_dim: int
    dtype: str = "float32"
    binary: bool = False
    dead_unit: bool = False

    def __str__(self) -> str:
        return self.name

    def init(self) -> dict:
        return {"in_dim": self.in_dim, "hidden_dims": self.hidden_dims, "latent_dim": self.latent_dim}

    def oracle(self, bug: str = "") -> ReferenceAutoEncoder:
        return ReferenceAutoEncoder(self.in_dim, self.hidden_dims, self.latent_dim, self.dead_unit, bug)

    def x(self) -> Recipe:
        shape = (self.N, self.in_dim)
        return integers(shape, 0, 2, dtype=self.dtype) if self.binary else uniform(shape, 0.0, 1.0, dtype=self.dtype)

    def case(self, method: str) -> Case:
        if method == "decode":
            return Case(self.name, z=normal((self.N, self.latent_dim), dtype=self.dtype))
        return Case(self.name, x=self.x())


def nets() -> list[Net]:
    return [
        Net("no_hidden_layer", N=5, in_dim=6, hidden_dims=[], latent_dim=3),
        Net("one_hidden_layer", N=6, in_dim=8, hidden_dims=[5], latent_dim=2),
        Net("two_hidden_layers_of_different_widths_in_a_tuple", N=4, in_dim=7, hidden_dims=(6, 3), latent_dim=2,
            dtype="float64"),
        Net("input_as_wide_as_the_hidden_layer", N=7, in_dim=5, hidden_dims=[5], latent_dim=3, dtype="float64"),
        Net("code_as_wide_as_the_input", N=5, in_dim=4, hidden_dims=[6], latent_dim=4),
        Net("batch_as_large_as_the_input", N=6, in_dim=6, hidden_dims=[4, 3], latent_dim=2),
        Net("one_example", N=1, in_dim=6, hidden_dims=[4], latent_dim=2, dtype="float64"),
        Net("binary_inputs", N=8, in_dim=9, hidden_dims=[6, 4], latent_dim=3, binary=True),
        Net("a_pre_activation_exactly_zero", N=6, in_dim=6, hidden_dims=[8], latent_dim=3, dtype="float64",
            dead_unit=True),
    ]


NETS = {net.name: net for net in nets()}
SGD = ("SGD", {"lr": 0.1})


@dataclass
class Training:
    """train_step on a Net's batch: noise_std and generator (a seed) as given, left out where None
    (their defaults then), and the optimizer steps, one train_step call each."""

    name: str
    net: Net
    noise_std: float | None = None
    generator: int | None = None
    steps: list = field(default_factory=lambda: [SGD])

    def __str__(self) -> str:
        return self.name

    @property
    def dtype(self) -> str:
        return self.net.dtype

    def case(self) -> Case:
        options = {}
        if self.noise_std is not None:
            options["noise_std"] = self.noise_std
        if self.generator is not None:
            options["generator"] = torch_generator(self.generator)
        seed = zlib.crc32(f"autoencoder/{self.name}".encode()) % 100_000
        return Case(self.name, case_seed=seed, x=self.net.x(), **options)


def trainings() -> list[Training]:
    momentum = ("SGD", {"lr": 0.05, "momentum": 0.9})
    adam = ("Adam", {"lr": 1e-2})
    return [
        Training("no_hidden_layer_denoising", NETS["no_hidden_layer"], noise_std=0.3, generator=1),
        Training("no_hidden_layer_without_noise", NETS["no_hidden_layer"]),
        Training("one_hidden_layer_denoising_with_momentum", NETS["one_hidden_layer"], noise_std=0.5, generator=2,
                 steps=[momentum]),
        Training("one_hidden_layer_without_noise_with_momentum", NETS["one_hidden_layer"], steps=[momentum]),
        Training("two_hidden_layers_denoising_with_adam", NETS["two_hidden_layers_of_different_widths_in_a_tuple"],
                 noise_std=0.2, generator=3, steps=[adam]),
        Training("two_hidden_layers_without_noise_with_adam",
                 NETS["two_hidden_layers_of_different_widths_in_a_tuple"], steps=[adam]),
        # noise_std 0 with a generator given: nothing may be drawn from it.
        Training("zero_noise_leaves_the_generator_untouched", NETS["input_as_wide_as_the_hidden_layer"],
                 noise_std=0.0, generator=4),
        Training("code_as_wide_as_the_input_denoising", NETS["code_as_wide_as_the_input"], noise_std=0.4, generator=5),
        Training("batch_as_large_as_the_input_denoising", NETS["batch_as_large_as_the_input"], noise_std=0.3,
                 generator=6),
        Training("batch_as_large_as_the_input_without_noise", NETS["batch_as_large_as_the_input"], noise_std=0.0),
        Training("one_example_denoising", NETS["one_example"], noise_std=0.3, generator=7),
        Training("one_example_without_noise", NETS["one_example"]),
        Training("binary_inputs_denoising", NETS["binary_inputs"], noise_std=1.0, generator=8),
        # Two steps in a row: the second must start from zeroed gradients, not the first's.
        Training("two_denoising_steps_in_a_row", NETS["a_pre_activation_exactly_zero"], noise_std=0.3, generator=9,
                 steps=[SGD, SGD]),
        Training("two_steps_in_a_row_without_noise", NETS["one_hidden_layer"], steps=[SGD, SGD]),
    ]


MODULE_BUGS = ("no-sigmoid-on-the-output", "relu-on-the-code", "relu-derivative-one-at-zero")
STEP_BUGS = ("target-is-the-noisy-input", "noise-std-read-as-a-variance", "noise-added-in-place")


def reference_step(model: nn.Module, name: str, options: dict, inputs: dict, dtype: str, bug: str = "",
                   zero_grad: bool = True) -> torch.Tensor:
    """The same step in float64, with a fresh optimizer of the same kind (kit builds one per call);
    the noise drawn at the candidate's dtype, from the twin of its generator. A classic `bug`
    (STEP_BUGS, or no `zero_grad`) takes that bug's step; noise added in place makes the target
    leave [0, 1], which binary_cross_entropy refuses as the candidate's does."""
    step = getattr(torch.optim, name)(model.parameters(), **options)
    x, noise_std = inputs["x"], inputs.get("noise_std", 0.0)
    noisy = x
    if noise_std > 0:
        noise = torch.randn(x.shape, generator=inputs.get("generator"), dtype=getattr(torch, dtype))
        noisy = x + (noise_std ** 0.5 if bug == "noise-std-read-as-a-variance" else noise_std) * noise.double()
    target = {"target-is-the-noisy-input": noisy.clamp(0, 1), "noise-added-in-place": noisy}.get(bug, x)
    if zero_grad:
        step.zero_grad()
    loss = F.binary_cross_entropy(model(noisy), target, reduction="sum") / x.shape[0]
    loss.backward()
    step.step()
    return loss.detach()


@dataclass
class Run:
    """A short training run on data an autoencoder can compress: `steps` calls of train_step, each
    with a fresh Adam (kit builds the optimizer per call: every step moves each weight by about lr)."""

    name: str
    net: Net
    noise_std: float | None = None
    steps: int = 40
    optimizer: tuple = ("Adam", {"lr": 0.02})

    def __str__(self) -> str:
        return self.name

    def case(self, step: int) -> Case:
        options = {} if self.noise_std is None else {"noise_std": self.noise_std, "generator": torch_generator(step)}
        seed = zlib.crc32(f"autoencoder/{self.name}".encode()) % 100_000
        shape = (self.net.N, self.net.in_dim)
        return Case(self.name, case_seed=seed, x=patterns(shape, dtype=self.net.dtype), **options)


def runs() -> list[Run]:
    net = Net("run", N=32, in_dim=12, hidden_dims=[16], latent_dim=3)
    return [Run("a_short_run_reduces_the_loss", net), Run("a_short_denoising_run_reduces_the_loss", net, 0.2)]
