"""swiglu cases and their float64 oracles, one list per track.

numpy: swiglu_forward(x, w_gate, w_up, w_down) -> (out, cache), x (N, dim), weights used as x @ w;
       swiglu_backward(dout, cache) -> (dx, dw_gate, dw_up, dw_down), called with the cache the
       candidate's own forward returned (it crosses the seam as plain data, both ways) and held to
       autograd through the oracle on the same weights.
torch: SwiGLU(dim, hidden_dim, bias=False) with gate_proj, up_proj, down_proj, x (..., dim).

Weights are drawn so that every pre-activation is ~N(0, 1) (silu is neither linear nor a ReLU
there, so sigmoid alone, tanh in its place or the gate and up swapped are far off), except where a
case scales the gate: pre-activations in the hundreds (float32) or thousands (float64) overflow a
naive 1 / (1 + exp(-z)). In NumPy its value is still right (1 / inf is 0); only the overflow
warning shows it, so those cases also fail a RuntimeWarning the candidate's code printed. In torch,
autograd through it multiplies 0 by exp(-z) = inf: a NaN gradient.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import CandidateError, Case, CheckFailed, _, expect_close, failure, normal, sibling

bugs = sibling(__file__, "bugs")

BIAS_SCALE = 0.5
DOUT_SEED_SALT = 6007
GRADIENTS = ("dx", "dw_gate", "dw_up", "dw_down")
# z = -100 overflows exp(-z) in float32 (above 88.7), z = -1000 in float64 (above 709.8).
LARGE_GATE = {"float32": 100.0, "float64": 1000.0}
# float32 rounds a pre-activation of ~100 by ~1e-5, and silu' moves by up to half of that where the
# gate is near 0: the gate's gradients inherit errors several times float32's base tolerance.
LARGE_GATE_CONDITION = 4.0


# --- numpy track ------------------------------------------------------------------------------------

def numpy_case(name: str, rows: int, dim: int, hidden: int, dtype: str = "float32", gate_scale: float = 1.0,
               condition: float = 1.0) -> Case:
    """x ~N(0, 1); weights ~N(0, 1/fan_in), the gate's times gate_scale: pre-activations
    ~N(0, gate_scale²)."""
    return Case(name, condition=condition, x=normal((rows, dim), dtype=dtype),
                w_gate=normal((dim, hidden), scale=gate_scale / math.sqrt(dim), dtype=dtype),
                w_up=normal((dim, hidden), scale=1 / math.sqrt(dim), dtype=dtype),
                w_down=normal((hidden, dim), scale=1 / math.sqrt(hidden), dtype=dtype))


def numpy_cases() -> list[Case]:
    return [
        numpy_case("rows_with_a_wider_hidden_layer", 4, 6, 16),
        # dim == hidden: a weight gradient transposed has the right shape and wrong values.
        numpy_case("hidden_as_wide_as_the_input", 5, 8, 8),
        # N == dim: x is square, so x.T in place of x (in the forward, or in dw = x.T @ dg) keeps every shape.
        numpy_case("as_many_rows_as_features", 8, 8, 12),
        numpy_case("every_dimension_the_same_size", 6, 6, 6),
        numpy_case("hidden_narrower_than_the_input", 3, 12, 5),
        numpy_case("llama_proportions_hidden_eight_thirds_of_dim", 4, 12, 32),
        numpy_case("a_single_row", 1, 6, 16),
        numpy_case("one_input_feature", 5, 1, 4),
        numpy_case("one_hidden_unit", 4, 6, 1),
        numpy_case("no_rows", 0, 6, 10),
        numpy_case("float64_rows", 4, 6, 10, "float64"),
        numpy_case("float64_with_every_dimension_the_same_size", 7, 7, 7, "float64"),
        numpy_case("pre_activations_in_the_hundreds", 6, 8, 16, gate_scale=LARGE_GATE["float32"],
                   condition=LARGE_GATE_CONDITION),
        numpy_case("pre_activations_in_the_thousands_in_float64", 6, 8, 16, "float64",
                   gate_scale=LARGE_GATE["float64"]),
    ]


def watched_for_overflow(case: Case) -> bool:
    return case.name.startswith("pre_activations_in_the_")


def reference_output(x, w_gate, w_up, w_down):
    return (F.silu(x @ w_gate) * (x @ w_up)) @ w_down


def reference_gradients(inputs: dict, dout: np.ndarray) -> tuple[torch.Tensor, ...]:
    """Autograd through the float64 oracle, for the dout the candidate was given."""
    leaves = [inputs[name].requires_grad_() for name in ("x", "w_gate", "w_up", "w_down")]
    out = reference_output(*leaves)
    return torch.autograd.grad(out, leaves, torch.from_numpy(dout.astype(np.float64)))


def dout_for(case: Case, seed_offset: int, shape: tuple, dtype) -> tuple[np.ndarray, str]:
    """The upstream gradient handed to swiglu_backward, in the dtype of x, and the line that draws it."""
    seed = case.seed + seed_offset + DOUT_SEED_SALT
    dout = np.random.default_rng(seed).standard_normal(shape).astype(dtype)
    return dout, f"dout = np.random.default_rng({seed}).standard_normal({tuple(shape)}).astype(np.{dtype})"


@contextmanager
def tagged(case: Case, grading, lines: list[str]):
    """As `about`, with a snippet that runs the forward, draws dout and calls the backward."""
    try:
        yield
    except (CheckFailed, CandidateError) as error:
        error.case_description = case.describe(grading.seed_offset)
        forward = case.snippet("out, cache = swiglu_forward", "numpy", grading.seed_offset)
        error.snippet = "\n".join([forward, *lines])
        raise


def expect_output_and_cache(actual, expected, like, condition: float) -> None:
    """swiglu_forward's (out, cache): out held to the oracle, the cache to being plain data."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise CheckFailed(_("swiglu_forward must return a pair (out, cache); got {got}").format(got=f"{actual!r:.80}"))
    expect_close(actual[0], expected, like, "out", condition=condition)


def foreign_part(value) -> str | None:
    """The type of the first thing in a cache that cannot cross the seam (None if all of it can)."""
    if isinstance(value, (tuple, list)):
        return next((found for item in value if (found := foreign_part(item))), None)
    if isinstance(value, dict):
        return next((found for item in value.values() if (found := foreign_part(item))), None)
    if value is None or isinstance(value, (np.ndarray, np.generic, bool, int, float, complex, str)):
        return None
    return getattr(value, "type_name", type(value).__name__)


def expect_quiet(grading) -> None:
    """No NumPy warning printed: an overflow in exp is right by luck (1 / inf is 0), not by design."""
    printed = grading.candidate.take_printed()
    if "RuntimeWarning" in printed:
        raise failure(_("your code raised NumPy's RuntimeWarning on large pre-activations; compute sigmoid without "
                        "overflow for any z, e.g. from exp(-|z|), which is never above 1:\n{printed}").format(
                          printed=printed.strip()[-600:]), "sigmoid-overflows")


def check_backward(grading, case: Case) -> None:
    inputs = grading.inputs(case)
    x = inputs["x"]
    dout, dout_line = dout_for(case, grading.seed_offset, x.shape, x.dtype.name)
    with tagged(case, grading, [dout_line, "dx, dw_gate, dw_up, dw_down = swiglu_backward(dout, cache)"]):
        forward = grading.candidate.call("swiglu_forward", *inputs.values())
        if not isinstance(forward.output, (tuple, list)) or len(forward.output) != 2:
            raise CheckFailed(_("swiglu_forward must return a pair (out, cache); got {got}").format(
                got=f"{forward.output!r:.80}"))
        cache = forward.output[1]
        foreign = foreign_part(cache)
        if foreign:
            raise CheckFailed(_("the cache holds a {foreign} object, which cannot travel from {cell}_forward to "
                                "{cell}_backward: return a plain tuple, list or dict (string keys) of arrays and "
                                "numbers").format(foreign=foreign, cell="swiglu"))
        result = grading.candidate.call("swiglu_backward", dout, cache)
        if "dout" in result.modified_inputs:  # the cache is the candidate's own: changing it is its business
            raise CheckFailed(_("changed its input `{name}` in place; the caller's array must stay as it was").format(
                name="dout"))
        gradients = result.output
        if not isinstance(gradients, (tuple, list)) or len(gradients) != len(GRADIENTS):
            raise CheckFailed(_("swiglu_backward must return the four gradients (dx, dw_gate, dw_up, dw_down); got "
                                "{got}").format(got=f"{gradients!r:.80}"))
        like = grading.expected(x.dtype.name)
        reference = case.reference_inputs(grading.seed_offset)
        expected = reference_gradients(reference, dout)
        try:
            for name, got, want in zip(GRADIENTS, gradients, expected):
                expect_close(got, want, like, name, condition=case.condition)
        except CheckFailed as error:  # a classic slip of the hand-written backward (bugs.py)?
            raise failure(str(error), bugs.backward_cause(gradients, reference, dout, like, case.condition)) from None
        if watched_for_overflow(case):
            expect_quiet(grading)


# --- torch track ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ModuleCase:
    """The input of forward and the module's shape; bias None leaves the contract's default."""

    data: Case
    hidden_dim: int
    bias: bool | None = None
    gate_scale: float = 1.0

    def __str__(self) -> str:
        return self.data.name

    @property
    def dim(self) -> int:
        return self.data.inputs["x"].shape[-1]

    def init(self) -> dict:
        init = {"dim": self.dim, "hidden_dim": self.hidden_dim}
        return init if self.bias is None else {**init, "bias": self.bias}


def module_case(name: str, shape: tuple, hidden_dim: int, bias: bool | None = None, dtype: str = "float32",
                gate_scale: float = 1.0, condition: float = 1.0) -> ModuleCase:
    data = Case(name, condition=condition, x=normal(shape, dtype=dtype))
    return ModuleCase(data, hidden_dim, bias, gate_scale)


def module_cases() -> list[ModuleCase]:
    return [
        module_case("tokens_with_bias", (2, 5, 8), 16, bias=True),
        module_case("tokens_without_bias_by_default", (2, 5, 8), 16),
        module_case("hidden_narrower_than_the_input_without_bias", (4, 12), 5, bias=False),
        # dim == hidden: a projection built the wrong way round, or down_proj skipped, keeps every shape.
        module_case("hidden_as_wide_as_the_input_with_bias", (3, 8), 8, bias=True),
        module_case("hidden_as_wide_as_the_input_without_bias_in_float64", (2, 3, 8), 8, bias=False,
                    dtype="float64"),
        module_case("as_many_tokens_as_features", (8, 8), 12, bias=True),
        module_case("llama_proportions_hidden_eight_thirds_of_dim", (2, 3, 12), 32),
        module_case("a_single_vector", (6,), 16, bias=True),
        module_case("four_dimensions", (2, 3, 4, 6), 10),
        module_case("one_token", (1, 1, 8), 16, bias=True),
        module_case("one_input_feature", (5, 1), 4, bias=True),
        module_case("one_hidden_unit", (2, 3, 6), 1),
        module_case("empty_batch", (0, 8), 16, bias=True),
        module_case("float64_tokens_with_bias", (2, 4, 8), 16, bias=True, dtype="float64"),
        module_case("float64_by_default", (3, 8), 12, dtype="float64"),
        module_case("pre_activations_in_the_hundreds_with_bias", (4, 8), 16, bias=True,
                    gate_scale=LARGE_GATE["float32"], condition=LARGE_GATE_CONDITION),
        module_case("pre_activations_in_the_thousands_in_float64", (4, 8), 16, dtype="float64",
                    gate_scale=LARGE_GATE["float64"]),
    ]


class ReferenceSwiGLU(nn.Module):
    """The contract's module in float64, its weights ~N(0, 1/fan_in) (the gate's times gate_scale) and
    biases ~N(0, 0.25): pre-activations ~N(0, gate_scale²), not nn.Linear's narrower default."""

    def __init__(self, dim: int, hidden_dim: int, bias: bool = False, gate_scale: float = 1.0):
        super().__init__()
        linear = lambda size_in, size_out: nn.Linear(size_in, size_out, bias=bias, dtype=torch.float64)
        self.gate_proj, self.up_proj = linear(dim, hidden_dim), linear(dim, hidden_dim)
        self.down_proj = linear(hidden_dim, dim)
        with torch.no_grad():
            scales = ((self.gate_proj, gate_scale), (self.up_proj, 1.0), (self.down_proj, 1.0))
            for projection, scale in scales:
                projection.weight.normal_(0.0, scale / math.sqrt(projection.in_features))
                if bias:
                    projection.bias.normal_(0.0, BIAS_SCALE)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


def reference_module(case: ModuleCase) -> ReferenceSwiGLU:
    return ReferenceSwiGLU(case.dim, case.hidden_dim, bool(case.bias), case.gate_scale)
