"""rms_norm cases and their float64 oracles, one list per track.

torch: rms_norm(x, normalized_shape, weight=None, eps=None), as F.rms_norm (which takes no int;
       nn.RMSNorm does, and so does the contract). eps=None is torch.finfo(x.dtype).eps: 1.19e-07
       for float32, 2.22e-16 for float64, so the tiny rows of each dtype are sized to its own eps.
numpy: rms_norm(x, weight, eps=1e-6), over the last axis.

Where eps decides: a row of values ~1e-4 has a mean square of ~1e-8, far below float32's eps
(and the numpy track's 1e-6), so its output is x / sqrt(eps) and not ±1: eps outside the square
root, or a wrong default, is off by a factor there, while on unit rows it moves nothing that
float32 can see. Huge rows stay below where float32's x², or the u^-1.5 of rsqrt's backward,
overflows or turns subnormal: a whiteboard solution must pass them.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, normal, scaled_rows

# One row each: eps dominates, unit scale, large, huge (x² ~ 1e16, still exact enough in float32).
VERY_DIFFERENT_SCALES = (1e-5, 1.0, 1e3, 1e8)


def _shape(normalized_shape) -> tuple[int, ...]:
    return (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)


def torch_case(name: str, x, normalized_shape, weighted: bool = True, **options) -> Case:
    """A torch-track case: a weight ~N(1, 0.25) of shape normalized_shape unless `weighted` is
    False; options add `eps`, or pass weight=None / eps=None explicitly."""
    weight = {"weight": normal(_shape(normalized_shape), scale=0.5, shift=1.0, dtype=x.dtype)} if weighted else {}
    return Case(name, x=x, normalized_shape=normalized_shape, **weight, **options)


def numpy_case(name: str, x, **options) -> Case:
    """A numpy-track case: a weight ~N(1, 0.25) per feature (the last axis)."""
    return Case(name, x=x, weight=normal((x.shape[-1],), scale=0.5, shift=1.0, dtype=x.dtype), **options)


def torch_cases() -> list[Case]:
    return [
        torch_case("rows_with_an_int_normalized_shape", normal((4, 16)), 16),
        # An int is the last dimension alone: on tokens it is not every dimension after the batch's.
        torch_case("tokens_with_an_int_normalized_shape", normal((2, 5, 12)), 12),
        torch_case("tokens_with_a_one_element_tuple", normal((2, 5, 12)), (12,)),
        torch_case("two_trailing_dimensions", normal((2, 3, 4, 5)), (4, 5)),
        torch_case("two_trailing_dimensions_in_float64", normal((3, 4, 5), dtype="float64"), (4, 5)),
        # Every dimension of size 4: only the count of normalised dimensions tells them apart.
        torch_case("two_trailing_dimensions_of_equal_size", normal((4, 4, 4)), (4, 4)),
        torch_case("normalized_over_every_dimension", normal((3, 4)), (3, 4)),
        # A mean square taken without keepdim, shape (6,), still broadcasts against (6, 6), along
        # the wrong axis: no error, wrong numbers. Likewise (1, 6) against (1, 6, 6).
        torch_case("square_matrix", normal((6, 6)), 6),
        torch_case("batch_of_one_with_as_many_tokens_as_features", normal((1, 6, 6)), (6,)),
        torch_case("vector", normal((10,)), 10),
        torch_case("without_weight", normal((3, 8)), 8, weighted=False),
        torch_case("weight_and_eps_given_as_none", normal((2, 3, 8)), (8,), weighted=False, weight=None, eps=None),
        # One feature: the output is sign(x)·weight, its gradient of x nearly 0 (see gradient_scale).
        torch_case("feature_size_one", normal((5, 1)), 1),
        # Mean square 1e-8 against eps = 1.19e-7: eps decides the output.
        torch_case("default_eps_on_tiny_rows", normal((4, 16), scale=1e-4), 16),
        # Mean square 1e-16 against eps = 2.22e-16: float32's eps here is a million times too large.
        torch_case("default_eps_on_tiny_rows_in_float64", normal((4, 16), scale=1e-8, dtype="float64"), 16),
        torch_case("default_eps_on_tiny_samples_of_two_dimensions_in_float64",
                   normal((2, 3, 4), scale=1e-8, dtype="float64"), (3, 4)),
        # eps = 0.1 against a mean square of about 0.09: a solution that ignores `eps` is far off.
        torch_case("explicit_eps", normal((4, 16), scale=0.3), 16, eps=0.1),
        torch_case("explicit_eps_in_float64", normal((4, 16), scale=1e-3, dtype="float64"), 16, eps=1e-6),
        torch_case("float64_input", normal((3, 8), dtype="float64"), 8),
        torch_case("huge_values", normal((4, 16), scale=1e8), 16),
        torch_case("huge_values_in_float64", normal((4, 16), scale=1e100, dtype="float64"), 16),
        torch_case("rows_of_very_different_scale", scaled_rows((4, 16), VERY_DIFFERENT_SCALES), 16),
        torch_case("long_rows", normal((3, 512)), 512),
    ]


def numpy_cases() -> list[Case]:
    return [
        numpy_case("rows", normal((4, 16))),
        numpy_case("tokens", normal((2, 5, 12))),
        numpy_case("four_dimensions", normal((2, 3, 4, 5))),
        numpy_case("square_matrix", normal((6, 6))),
        numpy_case("batch_of_one_with_as_many_tokens_as_features", normal((1, 6, 6))),
        numpy_case("vector", normal((10,))),
        numpy_case("feature_size_one", normal((5, 1))),
        # Mean square 1e-8 against the default eps = 1e-6, in both dtypes.
        numpy_case("default_eps_on_tiny_rows", normal((4, 16), scale=1e-4)),
        numpy_case("default_eps_on_tiny_rows_in_float64", normal((4, 16), scale=1e-4, dtype="float64")),
        numpy_case("explicit_eps", normal((4, 16), scale=0.3), eps=0.1),
        # eps = 1e-12 against a mean square of 1e-12: the default 1e-6 in its place is far off.
        numpy_case("explicit_eps_in_float64", normal((4, 16), scale=1e-6, dtype="float64"), eps=1e-12),
        numpy_case("float64_input", normal((3, 8), dtype="float64")),
        numpy_case("huge_values", normal((4, 16), scale=1e8)),
        numpy_case("huge_values_in_float64", normal((4, 16), scale=1e100, dtype="float64")),
        numpy_case("rows_of_very_different_scale", scaled_rows((4, 16), VERY_DIFFERENT_SCALES)),
        numpy_case("long_rows", normal((3, 512))),
    ]


def cases(track: str) -> list[Case]:
    return numpy_cases() if track == "numpy" else torch_cases()


def numpy_reference(x, weight, eps=1e-6):
    return F.rms_norm(x, (x.shape[-1],), weight, eps)


def torch_reference(case: Case):
    """F.rms_norm on the float64 inputs, with eps=None meaning the eps of the dtype the candidate
    is given (the oracle's own float64 would mean 2.22e-16 for float32 inputs too)."""
    dtype = getattr(torch, case.inputs["x"].dtype)

    def reference(x, normalized_shape, weight=None, eps=None):
        return F.rms_norm(x, _shape(normalized_shape), weight, torch.finfo(dtype).eps if eps is None else eps)

    return reference


def gradient_scale(case: Case, seed_offset: int):
    """The unit the gradient of x is compared in, as a function of the upstream gradient g: its
    terms w·g / r and x·mean(w·g·x) / r³ are each about |w·g| / r, r the smallest root mean square
    (eps included). Where they cancel (one feature: the output is sign(x)·w whatever |x| is, its
    gradient eps·w·g / r³) their float32 rounding does not. The weight's gradient has no such
    cancellation and keeps its own scale."""
    inputs = case.reference_inputs(seed_offset)
    x, shape = inputs["x"], _shape(inputs["normalized_shape"])
    eps = inputs.get("eps") or torch.finfo(getattr(torch, case.inputs["x"].dtype)).eps
    rows = x.reshape(-1, math.prod(shape))
    smallest_rms = float(torch.sqrt((rows * rows).mean(dim=-1) + eps).min())
    weight = inputs.get("weight")
    largest_weight = float(weight.abs().max()) if weight is not None else 1.0

    def magnitude(upstream) -> dict:
        return {"x": float(upstream.abs().max()) * largest_weight / smallest_rms}

    return magnitude


# --- diagnoses: the classic bugs a failing output is recognised as (katas/rms_norm/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _normalised(x, dims, weight, eps, *, centred=False, summed=False, keepdim=True, eps_outside=False):
    """RMS norm over `dims`, with one classic bug switched on."""
    if centred:  # layer norm's (x - mean) / sqrt(var + eps)
        x = x - x.mean(dim=dims, keepdim=True)
    squares = (x * x).sum(dim=dims, keepdim=keepdim) if summed else (x * x).mean(dim=dims, keepdim=keepdim)
    out = x / (torch.sqrt(squares) + eps if eps_outside else torch.sqrt(squares + eps))
    return out * weight if weight is not None else out


def _variant(dtype, dims_of, *, default_eps=None, constant_eps=None, no_weight=False, **bug):
    """The bug on either track (the numpy track's rms_norm has no normalized_shape and eps=1e-6):
    `dims_of(x, shape)` the dimensions it averages over."""
    def variant(x, normalized_shape=None, weight=None, eps=None):
        shape = (x.shape[-1],) if normalized_shape is None else _shape(normalized_shape)
        default = default_eps if default_eps is not None else torch.finfo(dtype).eps
        eps = default if eps is None else eps
        eps = constant_eps if constant_eps is not None else eps
        return _normalised(x, dims_of(x, shape), None if no_weight else weight, eps, **bug)
    return variant


_TRAILING = lambda x, shape: tuple(range(-len(shape), 0))
# A wrong default eps before eps outside the root: with one feature both are off by about eps.
_BUGS = [
    ("default-eps-not-the-input-dtypes", _TRAILING, {"default_eps": 1e-5}),
    ("default-eps-not-the-input-dtypes", _TRAILING, {"default_eps": 1e-6}),
    ("default-eps-not-the-input-dtypes", _TRAILING, {"default_eps": torch.finfo(torch.float32).eps}),
    ("default-eps-not-the-input-dtypes", _TRAILING, {"default_eps": torch.finfo(torch.float64).eps}),
    ("eps-outside-the-square-root", _TRAILING, {"eps_outside": True}),
    ("eps-ignored", _TRAILING, {"constant_eps": 1e-5}),
    ("mean-square-over-other-dimensions", lambda x, shape: (0,), {}),
    ("mean-square-over-other-dimensions", lambda x, shape: tuple(range(x.dim())), {}),
    ("mean-square-over-other-dimensions", lambda x, shape: (-1,), {}),
    ("mean-square-without-keepdim", _TRAILING, {"keepdim": False}),
    ("sum-of-squares-not-their-mean", _TRAILING, {"summed": True}),
    ("centred-like-layer-norm", _TRAILING, {"centred": True}),
    ("weight-ignored", _TRAILING, {"no_weight": True}),
]


def diagnoses(case: Case) -> tuple[Diagnosis, ...]:
    """The classic bugs, for the dtype the candidate is given (eps=None means its eps); the numpy
    track's eps defaults to 1e-6 (a bug's constant eps stands in for it there). With one feature the
    output is about sign(x)·weight whatever eps is, and eps outside the root looks like a default eps
    far too small (float64's for float32): there those two are one cause."""
    dtype = getattr(torch, case.inputs["x"].dtype)
    numpy = "normalized_shape" not in case.inputs
    one_feature = not numpy and math.prod(_shape(case.inputs["normalized_shape"])) == 1
    found = []
    for cause, dims_of, bug in _BUGS:
        if numpy and "default_eps" in bug:
            continue
        if numpy and "constant_eps" not in bug:
            bug = {**bug, "default_eps": 1e-6}
        if one_feature and ("eps_outside" in bug or bug.get("default_eps", 1.0) < torch.finfo(dtype).eps):
            cause = "eps-outside-or-too-small"
        found.append(Diagnosis(cause, _variant(dtype, dims_of, **bug)))
    return tuple(found)
