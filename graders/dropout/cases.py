"""dropout cases and oracles, both tracks.

With a seeded generator the mask is graded draw for draw: the oracle draws it from its twin of the
candidate's generator at the candidate's dtype (torch.rand in float32 and float64 gives different
numbers from the same seed), and check_function holds the generator's state after the call to the
oracle's, so drawing at p = 0, at p = 1 or out of training, drawing twice or from torch's global
generator all fail. With generator=None the mask cannot be compared: each entry must be 0 or
x / (1 - p), and the kept fraction is held to 1 - p (expect_frequencies, false-fail rate 1e-6).

Shapes: (N, D) with N == D and N != D, 3-d, one element, empty, and in torch a 0-d tensor.
x is drawn away from 0 (|x| >= 0.5 via shift and a sign) where kept entries are told from dropped
ones by being non-zero.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import (
    Case, CheckFailed, Diagnosis, Expected, Recipe, _, expect_close, expect_equal, expect_frequencies, expect_outputs,
    mask, normal, numpy_generator, torch_generator, transposed,
)

PROBABILITIES = (0.0, 0.1, 0.5, 1.0)


@dataclass(frozen=True)
class away_from_zero(Recipe):
    """Values of magnitude 0.5 to 2.5 and random sign: a dropped entry (0) is never a kept one."""

    shape: tuple[int, ...]
    dtype: str = "float32"

    def draw(self, rng):
        return rng.choice((-1.0, 1.0), self.shape) * rng.uniform(0.5, 2.5, self.shape)

    def code(self):
        return f"rng.choice((-1.0, 1.0), {self.shape!r}) * rng.uniform(0.5, 2.5, {self.shape!r})"

    def describe(self):
        return f"{self.dtype} {self.shape}, 0.5 <= |x| <= 2.5"


def _named(p: float) -> str:
    return {0.0: "p_of_zero", 0.1: "p_of_a_tenth", 0.5: "p_of_a_half", 1.0: "p_of_one"}[p]


def torch_draw(seed: int, shape: tuple[int, ...], index: tuple[int, ...], dtype: str) -> float:
    """The draw torch.rand(shape) of a generator seeded `seed` puts at `index`, in `dtype`: used as
    p, it lands exactly on the boundary, where `>= p` keeps the entry and `> p` drops it."""
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=generator, dtype=getattr(torch, dtype))[index].item()


def numpy_draw(seed: int, shape: tuple[int, ...], index: tuple[int, ...]) -> float:
    """The same for np.random.default_rng(seed).random(shape)."""
    return float(np.random.default_rng(seed).random(shape)[index])


def torch_cases() -> list[Case]:
    """Seeded generator: every p with training on and off, both dtypes, and the edge shapes."""
    cases = []
    for index, p in enumerate(PROBABILITIES):
        for training in (True, False):
            for dtype in ("float32", "float64"):
                mode = "in_training" if training else "in_eval"
                cases.append(Case(f"{_named(p)}_{mode}_in_{dtype}", x=normal((6, 9), dtype=dtype), p=p,
                                  training=training, generator=torch_generator(10 + index)))
    return cases + [
        Case("default_p_and_training_on_a_square_input", x=normal((8, 8)), generator=torch_generator(21)),
        Case("default_p_in_eval", x=normal((8, 8), dtype="float64"), training=False, generator=torch_generator(22)),
        Case("three_dimensions_p_of_0_3", x=normal((2, 3, 5), dtype="float64"), p=0.3, generator=torch_generator(23)),
        Case("a_single_element", x=normal((1,)), p=0.25, generator=torch_generator(24)),
        Case("a_zero_dimensional_tensor", x=normal(()), p=0.2, generator=torch_generator(25)),
        Case("an_empty_tensor", x=normal((0, 4)), p=0.5, generator=torch_generator(26)),
        Case("a_long_row_p_of_0_9", x=normal((1, 300), dtype="float64"), p=0.9, generator=torch_generator(27)),
        Case("a_draw_exactly_equal_to_p_is_kept", x=normal((3, 4)), p=torch_draw(28, (3, 4), (1, 2), "float32"),
             generator=torch_generator(28)),
        Case("a_draw_exactly_equal_to_p_is_kept_in_float64", x=normal((3, 4), dtype="float64"),
             p=torch_draw(29, (3, 4), (2, 0), "float64"), generator=torch_generator(29)),
        # A transposed view: torch.rand(x.shape) draws in x's shape, rand_like(x) in its memory layout.
        Case("a_transposed_input_draws_in_its_shape_not_its_layout", x=transposed(normal((9, 6))), p=0.5,
             generator=torch_generator(30)),
    ]


def _dtype(case: Case) -> str:
    x = case.inputs["x"]
    return x.dtype if hasattr(x, "dtype") else x.spec["tensor"].dtype  # a transposed(recipe)


def torch_reference(case: Case):
    """The contract's dropout, drawing its mask at the candidate's dtype."""
    dtype = getattr(torch, _dtype(case))

    def reference(x, p=0.5, training=True, generator=None):
        if not training or p == 0:
            return x * 1
        if p == 1:
            return x * 0
        keep = torch.rand(x.shape, generator=generator, dtype=dtype) >= p
        return x * keep / (1 - p)

    return reference


def global_cases() -> list[Case]:
    """generator=None: drawn by distribution (p random) or deterministic (p = 0, p = 1, eval)."""
    return [
        Case("global_generator_p_of_a_half", x=away_from_zero((100, 100))),
        Case("global_generator_p_of_a_tenth_in_float64", x=away_from_zero((80, 125), dtype="float64"), p=0.1),
        Case("global_generator_p_of_0_9", x=away_from_zero((50, 200)), p=0.9),
        Case("global_generator_p_of_zero", x=normal((5, 7)), p=0.0),
        Case("global_generator_p_of_one", x=normal((5, 7), dtype="float64"), p=1.0),
        Case("global_generator_in_eval", x=normal((7, 5)), training=False),
        Case("global_generator_p_of_a_tenth_in_eval", x=normal((4, 6), dtype="float64"), p=0.1, training=False),
    ]


def drawn(case: Case) -> bool:
    """Whether the call draws: training with 0 < p < 1."""
    p, training = case.inputs.get("p", 0.5), case.inputs.get("training", True)
    return training and 0 < p < 1


def by_distribution(case: Case):
    """Compare for a global-generator case: the oracle's output is x / (1 - p) (every entry kept);
    each of the candidate's entries must be 0 or that, and the kept share near 1 - p."""
    p = case.inputs.get("p", 0.5)

    def compare(actual, expected, like, condition):
        if not drawn(case):
            expect_close(actual, expected, like, condition=condition)
            return
        if not isinstance(actual, torch.Tensor):
            expect_close(actual, expected, like, condition=condition)  # fails, naming what came back
        kept = actual.detach().cpu() != 0
        expect_close(actual, torch.where(kept, expected, 0.0), like, _("output (each entry 0 or x / (1 - p))"),
                     condition=condition)
        count = int(kept.sum())
        expect_frequencies([count, kept.numel() - count], [1 - p, p],
                           _("kept entries (of {count}, each kept with probability 1 - p = {keep})").format(
                               count=kept.numel(), keep=f"{1 - p:g}"))

    return compare


def global_reference(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x * 1
    if p == 1:
        return x * 0
    return x / (1 - p)


def numpy_cases() -> list[Case]:
    cases = []
    for index, p in enumerate(PROBABILITIES):
        for training in (True, False):
            mode = "in_training" if training else "in_eval"
            # Each p meets both dtypes, one in training and the other in eval, alternating with p.
            dtype = ("float64", "float32")[(index + training) % 2]
            cases.append(Case(f"{_named(p)}_{mode}_in_{dtype}", x=normal((6, 9), dtype=dtype), p=p,
                              training=training, rng=numpy_generator(30 + index)))
    return cases + [
        Case("a_square_input_p_of_a_half_in_float64", x=normal((8, 8), dtype="float64"), p=0.5, training=True,
             rng=numpy_generator(41)),
        Case("three_dimensions_p_of_0_3", x=normal((2, 3, 5)), p=0.3, training=True, rng=numpy_generator(42)),
        Case("a_single_element", x=normal((1,)), p=0.25, training=True, rng=numpy_generator(43)),
        Case("an_empty_array", x=normal((0, 4)), p=0.5, training=True, rng=numpy_generator(44)),
        Case("a_long_row_p_of_0_9", x=normal((1, 300), dtype="float64"), p=0.9, training=True,
             rng=numpy_generator(45)),
        Case("a_draw_exactly_equal_to_p_is_kept", x=normal((3, 4)), p=numpy_draw(46, (3, 4), (1, 2)), training=True,
             rng=numpy_generator(46)),
    ]


def numpy_forward(x, p, training, rng):
    """The contract's forward on the float64 copy; the mask from the oracle's twin of rng."""
    if not training or p == 0:
        return x * 1, torch.ones(x.shape, dtype=torch.bool)
    if p == 1:
        return x * 0, torch.zeros(x.shape, dtype=torch.bool)
    keep = torch.from_numpy(np.asarray(rng.random(tuple(x.shape)) >= p))
    return x * keep / (1 - p), keep


def expect_output_and_mask(actual, expected, like, condition):
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise CheckFailed(_("dropout_forward must return a tuple (out, mask); got {kind}").format(
            kind=type(actual).__name__))
    expect_close(actual[0], expected[0], like, "out", condition=condition)
    expect_equal(actual[1], expected[1], Expected(like.library, "bool", like.device), "mask")


def backward_cases() -> list[Case]:
    cases = []
    for index, p in enumerate(PROBABILITIES):
        for dtype in ("float32", "float64"):
            cases.append(Case(f"{_named(p)}_in_{dtype}", dout=normal((6, 9), dtype=dtype),
                              mask=mask((6, 9), keep=1 - p if 0 < p < 1 else 0.6), p=p))
    return cases + [
        Case("a_square_gradient_p_of_0_3", dout=normal((7, 7)), mask=mask((7, 7), keep=0.7), p=0.3),
        Case("three_dimensions_p_of_0_8_in_float64", dout=normal((2, 3, 4), dtype="float64"),
             mask=mask((2, 3, 4), keep=0.2), p=0.8),
        Case("an_empty_gradient", dout=normal((0, 3)), mask=mask((0, 3)), p=0.5),
    ]


def numpy_backward(dout, mask, p):
    if p == 1:
        return dout * 0
    return dout * mask / (1 - p)


# --- diagnoses: the classic bugs a failing output is recognised as (katas/dropout/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _kept(u, p, bug):
    return {"below-p": u < p, "above-p": u > p, "below-one-minus-p": u < 1 - p}.get(bug, u >= p)


@dataclass(frozen=True)
class OtherDraws:
    """A variant's answer "some mask of x, each kept entry x / (1 - p)": draws the grader cannot
    replay (torch's global generator), told from a wrong side or scale by its form alone."""

    scaled: torch.Tensor


def draw_for_draw(actual, expected, like, condition):
    """check_function's compare for the seeded cases: the reference's very output, or for an
    OtherDraws variant any mask of it."""
    if not isinstance(expected, OtherDraws):
        expect_outputs(actual, expected, like, condition)
        return
    kept = actual.detach().cpu() != 0 if isinstance(actual, torch.Tensor) else True
    expect_outputs(actual, torch.where(torch.as_tensor(kept), expected.scaled, 0.0), like, condition)


def _torch_variant(dtype, *, side="", rescale=True, eval_scale=False, draw_dtype=None, like_layout=False,
                   other_draws=False):
    def variant(x, p=0.5, training=True, generator=None):
        if not training:
            return x * (1 - p) if eval_scale else x * 1
        if p == 0 or p == 1:
            return x * (1 - p)
        if other_draws:
            return OtherDraws((x / (1 - p)).detach())
        drawn = getattr(torch, draw_dtype or dtype)
        u = (torch.rand_like(x, dtype=drawn, generator=generator) if like_layout else
             torch.rand(x.shape, generator=generator, dtype=drawn))
        return x * _kept(u, p, side) / ((1 - p) if rescale else 1)
    return variant


def torch_diagnoses(case: Case) -> tuple[Diagnosis, ...]:
    dtype = _dtype(case)
    return (
        Diagnosis("kept-below-p", _torch_variant(dtype, side="below-p")),
        Diagnosis("kept-below-one-minus-p", _torch_variant(dtype, side="below-one-minus-p")),
        Diagnosis("draw-equal-to-p-dropped", _torch_variant(dtype, side="above-p")),
        Diagnosis("no-rescaling", _torch_variant(dtype, rescale=False)),
        Diagnosis("scaled-in-eval", _torch_variant(dtype, eval_scale=True)),
        Diagnosis("mask-in-the-default-dtype", _torch_variant(dtype, draw_dtype="float32")),
        Diagnosis("mask-in-the-memory-layout", _torch_variant(dtype, like_layout=True)),
        Diagnosis("other-draws", _torch_variant(dtype, other_draws=True)),  # last: any mask matches it
    )


def _numpy_variant(*, side="", eval_scale=False):
    def variant(x, p, training, rng):
        if not training and eval_scale:
            return x * (1 - p), torch.ones(x.shape, dtype=torch.bool)
        if not training or p == 0 or p == 1:
            return numpy_forward(x, p, training, rng)
        keep = torch.from_numpy(np.asarray(_kept(rng.random(tuple(x.shape)), p, side)))
        return x * keep / (1 - p), keep
    return variant


NUMPY_DIAGNOSES = (
    Diagnosis("kept-below-p", _numpy_variant(side="below-p")),
    Diagnosis("kept-below-one-minus-p", _numpy_variant(side="below-one-minus-p")),
    Diagnosis("scaled-in-eval", _numpy_variant(eval_scale=True)),
)
BACKWARD_DIAGNOSES = (Diagnosis("no-rescaling", lambda dout, mask, p: dout * mask),)
