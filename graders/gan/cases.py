"""gan cases and the float64 oracle.

A `Gan` case is a generator G (latent -> g_hidden -> data) and a discriminator D (data -> d_hidden
-> 1), both the candidate's MLP loaded with the oracle's weights by name, one batch of real samples
(N rows) and one of latent codes (M rows), an optimizer kind for each network, and a script: the
calls made in sequence on the same two modules. Each call gets optimizers built afresh over them
(kit builds one per call), and so does the oracle; gradients left in a module by one call reach the
next, which is how a stale .grad shows.

Dimensions a misreading would confuse are equal in some cases and differ in others: N == M and
N != M (a loss over the concatenated batch), latent == data (G's and D's inputs swapped), one row."""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from interviewkit.grader import Case, normal

SGD = ("SGD", {"lr": 0.1})
MOMENTUM = ("SGD", {"lr": 0.05, "momentum": 0.9})
# Adam's first step is lr·g/(|g| + eps): near g = 0 it multiplies the rounding of a float32 gradient
# by lr/eps (1e4 at the default eps, a failed grade every few dozen seeds). eps = lr keeps that
# factor at 1 and still normalises the gradients of these cases (|g| ~ 0.1).
ADAM = ("Adam", {"lr": 0.01, "eps": 0.01})


class ReferenceMLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dim: int, out_dim: int):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, out_dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def _bce(logits: torch.Tensor, label: float) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def _optimizer(module: nn.Module, kind: tuple) -> torch.optim.Optimizer:
    name, options = kind
    return getattr(torch.optim, name)(module.parameters(), **options)


def discriminator_step(g, d, d_kind, real, z) -> torch.Tensor:
    step = _optimizer(d, d_kind)
    step.zero_grad()
    loss = _bce(d(real), 1.0) + _bce(d(g(z).detach()), 0.0)
    loss.backward()
    step.step()
    return loss.detach()


def generator_step(g, d, g_kind, z) -> torch.Tensor:
    step = _optimizer(g, g_kind)
    step.zero_grad()
    loss = _bce(d(g(z)), 1.0)
    loss.backward()
    step.step()
    return loss.detach()


def train_gan_step(g, d, g_kind, d_kind, real, z) -> tuple[torch.Tensor, torch.Tensor]:
    return discriminator_step(g, d, d_kind, real, z), generator_step(g, d, g_kind, z)


def loss_variants(call: str, arguments: list) -> dict[str, torch.Tensor]:
    """The loss each classic bug returns, on the twins as they are before `call` steps them (the
    oracle's arguments): a returned loss that matches one of them names its cause."""
    g, d = arguments[0], arguments[1]
    with torch.no_grad():
        if call == "discriminator_step":
            real, fake = d(arguments[3]), d(g(arguments[4]))
            return {"labels-swapped": _bce(real, 0.0) + _bce(fake, 1.0),
                    "two-terms-averaged": (_bce(real, 1.0) + _bce(fake, 0.0)) / 2,
                    "sigmoid-before-the-loss": _bce(torch.sigmoid(real), 1.0) + _bce(torch.sigmoid(fake), 0.0)}
        if call == "generator_step":
            fake = d(g(arguments[3]))
            return {"saturating-generator-loss": -_bce(fake, 0.0),
                    "sigmoid-before-the-loss": _bce(torch.sigmoid(fake), 1.0)}
    return {}


ORACLES = {"discriminator_step": discriminator_step, "generator_step": generator_step,
           "train_gan_step": train_gan_step}
TRAINS = {"discriminator_step": ("discriminator",), "generator_step": ("generator",),
          "train_gan_step": ("discriminator", "generator")}


@dataclass
class Gan:
    name: str
    N: int                       # real rows
    M: int                       # latent rows: the fake batch
    latent: int
    data: int
    g_hidden: int = 5
    d_hidden: int = 4
    dtype: str = "float32"
    g_kind: tuple = SGD
    d_kind: tuple = SGD
    calls: tuple = ("discriminator_step",)

    def __str__(self) -> str:
        return self.name

    @property
    def seed(self) -> int:
        return zlib.crc32(f"gan/{self.name}".encode()) % 100_000

    def case(self) -> Case:
        # Real samples away from 0, so that D has something to tell apart from G's first samples.
        return Case(self.name, case_seed=self.seed, real=normal((self.N, self.data), scale=0.5, shift=1.5,
                                                               dtype=self.dtype),
                    z=normal((self.M, self.latent), dtype=self.dtype))

    def inits(self) -> dict[str, dict]:
        return {"generator": {"in_dim": self.latent, "hidden_dim": self.g_hidden, "out_dim": self.data},
                "discriminator": {"in_dim": self.data, "hidden_dim": self.d_hidden, "out_dim": 1}}

    def oracles(self, seed_offset: int) -> dict[str, ReferenceMLP]:
        """G then D, drawn one after the other from one seed: never the same weights, even in shape."""
        torch.manual_seed(self.seed + seed_offset)
        return {name: ReferenceMLP(**init).double() for name, init in self.inits().items()}

    def describe_script(self) -> str:
        kinds = f"G: {self.g_kind[0]}{self.g_kind[1]}, D: {self.d_kind[0]}{self.d_kind[1]}"
        return f"{' then '.join(self.calls)} ({kinds})"


def scripts(first: str) -> list[Gan]:
    """The cases of the check of `first`: one call on fresh modules, then after the other step."""
    other = {"discriminator_step": "generator_step", "generator_step": "discriminator_step"}.get(first)
    cases = [
        Gan("real_and_fake_batches_of_equal_size", N=6, M=6, latent=3, data=2, calls=(first,)),
        Gan("more_real_rows_than_fake", N=7, M=4, latent=3, data=2, dtype="float64", g_kind=ADAM,
            d_kind=ADAM, calls=(first,)),
        Gan("more_fake_rows_than_real", N=3, M=8, latent=2, data=3, g_kind=ADAM, d_kind=MOMENTUM, calls=(first,)),
        Gan("latent_as_wide_as_the_data", N=5, M=4, latent=3, data=3, dtype="float64", d_kind=ADAM,
            calls=(first,)),
        Gan("one_real_row_and_one_fake", N=1, M=1, latent=2, data=2, calls=(first,)),
        Gan("one_dimensional_data", N=8, M=6, latent=1, data=1, g_hidden=6, d_hidden=6, dtype="float64",
            g_kind=MOMENTUM, calls=(first,)),
    ]
    if other:
        cases += [
            Gan(f"after_a_{other}", N=6, M=5, latent=3, data=2, dtype="float64", calls=(other, first)),
            Gan(f"after_a_{other}_with_adam", N=5, M=6, latent=2, data=3, g_kind=ADAM, d_kind=ADAM,
                calls=(other, first)),
        ]
    else:
        cases += [
            Gan("two_steps_in_a_row", N=6, M=5, latent=3, data=2, dtype="float64", calls=(first, first)),
            Gan("three_steps_in_a_row_with_adam", N=5, M=6, latent=2, data=3, g_kind=ADAM, d_kind=ADAM,
                calls=(first, first, first)),
            # A short run on a 1-D toy distribution N(1.5, 0.5²): the oracle's G moves its samples'
            # mean most of the way to the data's; held step by step, in float64 (GAN dynamics
            # amplify float32 rounding over many steps).
            Gan("twenty_steps_on_one_dimensional_data", N=16, M=16, latent=1, data=1, g_hidden=8, d_hidden=8,
                dtype="float64", calls=(first,) * 20),
        ]
    return cases
