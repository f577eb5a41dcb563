"""linear cases and their float64 oracles (numpy track).

linear_forward(x, w, b=None) -> (out, cache), out = x @ w + b with w (D_in, D_out);
linear_backward(dout, cache) -> (dx, dw, db), called with the cache the candidate's own forward
returned (it crosses the seam as plain data, both ways) and held to autograd through the oracle on
the same x, w and b. A case without bias leaves b out, so the contract's default (None) is used, and
db must then be None: zeros would claim a bias that does not exist.

Shapes are chosen so that the dimensions a misreading confuses are equal in some cases (N == D_in,
D_in == D_out, all three) and differ in others: a transposed dw, dx = dout @ w, a forward through
w.T or db summed over the features keep every shape exactly where they are equal.
"""
from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import torch

from interviewkit.grader import CandidateError, Case, CheckFailed, _, expect_close, failure, normal, sibling

bugs = sibling(__file__, "bugs")

BIAS_SCALE = 0.5
DOUT_SEED_SALT = 7019
GRADIENTS = ("dx", "dw", "db")


def case(name: str, shape: tuple, d_out: int, bias: bool, dtype: str = "float32") -> Case:
    """x ~N(0, 1), w ~N(0, 1/D_in) (outputs ~N(0, 1)), b ~N(0, 0.25) when the case has one."""
    d_in = shape[-1]
    inputs = {"x": normal(shape, dtype=dtype), "w": normal((d_in, d_out), scale=1 / math.sqrt(d_in), dtype=dtype)}
    if bias:
        inputs["b"] = normal((d_out,), scale=BIAS_SCALE, dtype=dtype)
    return Case(name, **inputs)


def cases() -> list[Case]:
    return [
        case("rows_with_bias", (4, 6), 5, True),
        case("rows_without_bias", (4, 6), 5, False),
        # N == D_in: x is square, so x in place of x.T in dw keeps its shape.
        case("as_many_rows_as_input_features_with_bias", (7, 7), 4, True),
        # D_in == D_out: w is square, so w.T in the forward, dout @ w and a transposed dw keep every shape.
        case("as_many_outputs_as_inputs_without_bias", (5, 8), 8, False),
        # N == D_in == D_out: db summed over the features has the shape of b too.
        case("every_dimension_the_same_size_with_bias", (6, 6), 6, True),
        # Leading axes: dw and db sum over every one of them, not over the first only.
        case("tokens_in_three_dimensions_with_bias", (2, 3, 5), 4, True),
        case("tokens_in_three_dimensions_without_bias", (3, 4, 6), 5, False),
        case("tokens_in_four_dimensions_with_bias", (2, 2, 3, 4), 5, True),
        case("square_tokens_in_three_dimensions_with_bias", (6, 6, 6), 6, True),
        case("a_single_row_with_bias", (1, 6), 4, True),
        case("a_single_row_without_bias", (1, 5), 5, False),
        case("one_input_feature_with_bias", (4, 1), 3, True),
        case("one_output_feature_with_bias", (4, 5), 1, True),
        case("no_rows_with_bias", (0, 5), 3, True),
        case("float64_rows_with_bias", (5, 4), 3, True, "float64"),
        case("float64_every_dimension_the_same_size_without_bias", (6, 6), 6, False, "float64"),
        case("float64_tokens_in_three_dimensions_with_bias", (2, 4, 6), 6, True, "float64"),
        case("float64_tokens_in_three_dimensions_without_bias", (3, 2, 5), 4, False, "float64"),
    ]


def reference_output(x, w, b=None):
    return x @ w if b is None else x @ w + b


def reference_gradients(inputs: dict, dout: np.ndarray) -> tuple:
    """Autograd through the float64 oracle, for the dout the candidate was given; db None without b."""
    leaves = {name: value.requires_grad_() for name, value in inputs.items()}
    out = reference_output(**leaves)
    grads = torch.autograd.grad(out, list(leaves.values()), torch.from_numpy(dout.astype(np.float64)))
    return (*grads, None) if len(grads) == 2 else grads


def dout_for(case: Case, seed_offset: int, shape: tuple, dtype) -> tuple[np.ndarray, str]:
    """The upstream gradient handed to linear_backward, in the dtype of x, and the line that draws it."""
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
        forward = case.snippet("out, cache = linear_forward", "numpy", grading.seed_offset)
        error.snippet = "\n".join([forward, *lines])
        raise


def expect_pair(actual) -> None:
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise CheckFailed(_("linear_forward must return a pair (out, cache); got {got}").format(got=f"{actual!r:.80}"))


def expect_output_and_cache(actual, expected, like, condition: float) -> None:
    """linear_forward's (out, cache): out held to the oracle."""
    expect_pair(actual)
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


def expect_gradient(name: str, got, want, like) -> None:
    if want is not None:
        expect_close(got, want, like, name)
    elif got is not None:
        raise failure(_("{name}: expected None (the layer has no bias, so there is no db), got {got}; return None for "
                        "db when b is None").format(name=name, got=f"{got!r:.80}"), "bias-gradient-not-none")


def check_backward(grading, case: Case) -> None:
    inputs = grading.inputs(case)
    x = inputs["x"]
    dout, dout_line = dout_for(case, grading.seed_offset, (*x.shape[:-1], inputs["w"].shape[1]), x.dtype.name)
    with tagged(case, grading, [dout_line, "dx, dw, db = linear_backward(dout, cache)"]):
        args, kwargs = grading.split_arguments("linear_forward", inputs)
        forward = grading.candidate.call("linear_forward", *args, **kwargs)
        expect_pair(forward.output)
        cache = forward.output[1]
        foreign = foreign_part(cache)
        if foreign:
            raise CheckFailed(_("the cache holds a {kind} object, which cannot travel from {forward} to {backward}: "
                                "return a plain tuple, list or dict (string keys) of arrays, numbers and None").format(
                kind=foreign, forward="linear_forward", backward="linear_backward"))
        try:
            result = grading.candidate.call("linear_backward", dout, cache)
        except CandidateError as error:  # a product of the wrong shapes (bugs.py)?
            error.cause = bugs.raised_like(error, case.reference_inputs(grading.seed_offset), dout)
            raise
        if "dout" in result.modified_inputs:  # the cache is the candidate's own: changing it is its business
            raise CheckFailed(_("changed its input `{name}` in place; the caller's array must stay as it was").format(
                name="dout"))
        gradients = result.output
        if not isinstance(gradients, (tuple, list)) or len(gradients) != len(GRADIENTS):
            raise CheckFailed(_("linear_backward must return the three gradients (dx, dw, db); got {got}").format(
                got=f"{gradients!r:.80}"))
        like = grading.expected(x.dtype.name)
        reference = case.reference_inputs(grading.seed_offset)
        expected = reference_gradients(reference, dout)
        try:
            for name, got, want in zip(GRADIENTS, gradients, expected):
                expect_gradient(name, got, want, like)
        except CheckFailed as error:  # a classic slip of the hand-written backward (bugs.py)?
            raise failure(str(error), getattr(error, "cause", "") or bugs.backward_cause(gradients, reference, dout,
                                                                                         like)) from None
