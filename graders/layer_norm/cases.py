"""layer_norm cases, their oracles and their conditioning, shared by both tracks.

torch: layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5), as F.layer_norm (which
       takes no int; nn.LayerNorm does, and so does the contract).
numpy: layer_norm(x, gamma, beta, eps=1e-5), over the last axis.

The known-wrong solutions that prove these graders (tests/candidates/layer_norm/), one bug each:
  torch/wrong_unbiased_variance.py                divides the variance by C - 1 (torch.var's default)
  torch/wrong_eps_outside_the_square_root.py      (x - mean) / (std + eps)
  torch/wrong_no_eps.py                           (x - mean) / std: NaN on a constant row
  torch/wrong_eps_ignored.py                      always 1e-5, whatever `eps` says
  torch/wrong_statistics_over_the_batch_axis.py   mean and variance over dim 0, as batch norm does
  torch/wrong_only_the_last_dimension.py          normalises the last dimension when normalized_shape has two
  torch/wrong_int_normalized_shape_rejected.py    len(normalized_shape) fails on an int
  torch/wrong_int_shape_means_all_but_the_batch.py an int normalises every dimension after the first
  torch/wrong_mean_without_keepdim.py             the mean broadcasts along the wrong axis (square inputs)
  torch/wrong_weight_and_bias_swapped.py          x̂ * bias + weight
  torch/wrong_bias_forgotten.py                   x̂ * weight, bias never added
  torch/wrong_none_weight_not_handled.py          x̂ * weight + bias with weight or bias None
  torch/wrong_one_pass_variance.py                E[x²] - E[x]² in float32 (see large_offsets)
  torch/wrong_normalize_clamps_instead_of_eps.py  F.normalize: max(std, tiny) in place of sqrt(var + eps)
  torch/wrong_result_detached.py                  returns out.detach(): no gradient at all
  torch/wrong_statistics_detached.py              mean and variance from x.detach(): the gradient of x is wrong
  torch/wrong_returns_float64.py                  computes in float64 and returns float64
  numpy/wrong_unbiased_variance.py                np.var(..., ddof=1)
  numpy/wrong_eps_outside_the_square_root.py      (x - mean) / (np.std(x) + eps)
  numpy/wrong_eps_ignored.py                      always 1e-5, whatever `eps` says
  numpy/wrong_statistics_over_the_batch_axis.py   mean and variance over axis 0
  numpy/wrong_statistics_of_the_whole_array.py    x.mean() and x.var() without an axis
  numpy/wrong_mean_without_keepdims.py            the mean broadcasts along the wrong axis (square inputs)
  numpy/wrong_gamma_and_beta_swapped.py           x̂ * beta + gamma
  numpy/wrong_beta_forgotten.py                   x̂ * gamma, beta never added
  numpy/wrong_one_pass_variance.py                E[x²] - E[x]² in float32 (see large_offsets)
  numpy/wrong_modifies_input.py                   x -= mean: the caller's array changes
  numpy/wrong_returns_float64.py                  computes in float64 and returns float64

The one-pass variance E[x²] - E[x]² is a bug here, not a style. F.layer_norm (Welford's algorithm
on the CPU) is accurate for rows whose mean dwarfs their spread, and such rows are ordinary:
un-centred features, pixel values, a residual stream with an offset. In float32 the one-pass
formula loses about 2·log10(|mean| / std) of its 7 digits, all of them at |mean| ≈ 3000·std, where
the "variance" can come out negative and sqrt(var + eps) NaN; a correct float32 solution loses
only log10(|mean| / std) (the input's own rounding). So `large_offsets` and `near_constant_rows`
hold solutions to the accuracy of the input (see `conditioning`), which the one-pass formula
misses on every seed, by a factor of 10 to 100 on `large_offsets`; the same formula evaluated in
float64 passes, as does any other formula that is accurate (one-pass of values shifted by a value
of their row, Welford's). tests/test_layer_norm_cases.py proves both sides.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, Recipe, _, normal, scaled_rows


@dataclass(frozen=True)
class constant_rows(Recipe):
    """Rows of one value each, repeated `features` times. Draws nothing."""

    values: tuple[float, ...]
    features: int
    dtype: str = "float32"

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.values), self.features)

    def draw(self, rng):
        return np.repeat(np.array(self.values, dtype=np.float64)[:, None], self.features, axis=1)

    def code(self):
        return f"np.repeat(np.array({list(self.values)!r})[:, None], {self.features}, axis=1)"

    def describe(self):
        return _("{dtype} {shape}, each row constant: {values}").format(
            dtype=self.dtype, shape=self.shape, values=", ".join(f"{v:g}" for v in self.values))


# Dyadic values: a row's mean is exact in float32 however it is summed, so a correct solution
# returns exactly the bias there, and one without eps returns 0 / 0 = NaN.
CONSTANT_ROWS = constant_rows((2.0, -0.5, 0.0), 8)


def _shape(normalized_shape) -> tuple[int, ...]:
    return (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)


def torch_case(name: str, x, normalized_shape, affine: str = "weight and bias", **options) -> Case:
    """A torch-track case: `affine` names the optional parameters drawn ("weight", "bias", both
    or ""); options add `eps`, or pass weight=None / bias=None explicitly."""
    dtype = x.dtype
    inputs = {"x": x, "normalized_shape": normalized_shape}
    if "weight" in affine:
        inputs["weight"] = normal(_shape(normalized_shape), scale=0.5, shift=1.0, dtype=dtype)
    if "bias" in affine:
        inputs["bias"] = normal(_shape(normalized_shape), scale=0.5, dtype=dtype)
    return Case(name, **inputs, **options)


def numpy_case(name: str, x, **options) -> Case:
    """A numpy-track case: gamma ~ N(1, 0.25), beta ~ N(0, 0.25), one per feature (the last axis)."""
    features = (x.shape[-1],)
    return Case(name, x=x, gamma=normal(features, scale=0.5, shift=1.0, dtype=x.dtype),
                beta=normal(features, scale=0.5, dtype=x.dtype), **options)


def torch_cases() -> list[Case]:
    return [
        torch_case("rows_with_an_int_normalized_shape", normal((4, 16)), 16),
        # An int is the last dimension alone, as nn.LayerNorm(12) on tokens: on 2-D rows the last
        # dimension is also every dimension after the batch's, here it is not.
        torch_case("tokens_with_an_int_normalized_shape", normal((2, 5, 12)), 12),
        torch_case("tokens_with_a_one_element_tuple", normal((2, 5, 12)), (12,)),
        torch_case("two_trailing_dimensions", normal((2, 3, 4, 5)), (4, 5)),
        # Every dimension of size 4: only the count of normalised dimensions tells them apart, and
        # statistics of shape (4,) broadcast against (4, 4, 4) without an error.
        torch_case("two_trailing_dimensions_of_equal_size", normal((4, 4, 4)), (4, 4)),
        torch_case("normalized_over_every_dimension", normal((3, 4)), (3, 4)),
        # A mean taken without keepdim, shape (6,), still broadcasts against (6, 6), along the
        # wrong axis: no error, wrong numbers. Likewise (1, 6) against (1, 6, 6).
        torch_case("square_matrix", normal((6, 6)), 6),
        torch_case("batch_of_one_with_as_many_tokens_as_features", normal((1, 6, 6)), (6,)),
        torch_case("vector", normal((10,)), 10),
        torch_case("without_weight_and_bias", normal((3, 8)), 8, affine=""),
        torch_case("weight_and_bias_given_as_none", normal((2, 3, 8)), (8,), affine="", weight=None, bias=None),
        torch_case("weight_without_bias", normal((4, 8)), 8, affine="weight", bias=None),
        torch_case("bias_without_weight", normal((4, 8)), 8, affine="bias", weight=None),
        # One feature: x - mean is 0, the variance 0, and the output is exactly the bias.
        torch_case("feature_size_one", normal((5, 1)), 1),
        # eps = 0.1 against a variance of about 0.09: a solution that ignores `eps` is far off.
        torch_case("non_default_eps", normal((4, 16), scale=0.3), 16, eps=0.1),
        # float64 holds 1e-10: sqrt(var + eps) and sqrt(var) + eps differ by 5e-6 at unit variance.
        torch_case("float64_input", normal((3, 8), dtype="float64"), 8),
        # Variance ~1e-5, as large as eps: eps outside the square root changes the result by tens
        # of percent, a variance divided by C - 1 by a few percent.
        torch_case("float64_small_variance", normal((4, 8), scale=3e-3, dtype="float64"), 8),
        torch_case("float64_variance_equal_to_eps", normal((2, 3, 2, 4), scale=1e-2, dtype="float64"), (2, 4),
                   eps=1e-4),
        # |mean| / std = 1000: E[x²] - E[x]² keeps 1 of float32's 7 digits here (see the docstring).
        torch_case("large_offsets", normal((4, 32), shift=1e3), 32),
        # std 1e-3 around 3, variance 1e-6 < eps: ill-conditioned (see `conditioning`).
        torch_case("near_constant_rows", normal((4, 16), scale=1e-3, shift=3.0), 16),
        torch_case("constant_rows", CONSTANT_ROWS, 8),
        torch_case("rows_of_very_different_scale", scaled_rows((4, 16), (1e-2, 1.0, 1e2, 1e4)), 16),
        torch_case("long_rows", normal((3, 256)), 256),
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
        numpy_case("non_default_eps", normal((4, 16), scale=0.3), eps=0.1),
        numpy_case("float64_input", normal((3, 8), dtype="float64")),
        numpy_case("float64_small_variance", normal((4, 8), scale=3e-3, dtype="float64")),
        numpy_case("float64_variance_equal_to_eps", normal((3, 8), scale=1e-2, dtype="float64"), eps=1e-4),
        numpy_case("large_offsets", normal((4, 32), shift=1e3)),
        numpy_case("near_constant_rows", normal((4, 16), scale=1e-3, shift=3.0)),
        numpy_case("constant_rows", CONSTANT_ROWS),
        numpy_case("rows_of_very_different_scale", scaled_rows((4, 16), (1e-2, 1.0, 1e2, 1e4))),
        numpy_case("long_rows", normal((3, 256))),
    ]


def torch_reference(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    return F.layer_norm(x, _shape(normalized_shape), weight, bias, eps)


def numpy_reference(x, gamma, beta, eps=1e-5):
    return F.layer_norm(x, (x.shape[-1],), gamma, beta, eps)


def conditioning(x, normalized_shape=None, eps=1e-5, **_) -> float:
    """How much a correct float32 solution may lose, as a multiple of the base tolerance.

    float32 holds each input only to within eps·|x|; centring removes the mean but not that
    rounding, so x - mean carries an error of about eps·max|x|. Relative to the row's own scale s,
    its spread max|x - mean| (or sqrt(var + eps) where that is larger: a constant row), that is
    eps·max|x| / s, and so is the error of the normalised values: about eps on ordinary rows,
    330·eps on `large_offsets` (1000 around a spread of 3) and 900·eps on `near_constant_rows`
    (3 around a spread of 3e-3). Summing the C values of a row one at a time multiplies it by
    about sqrt(C); the base tolerance covers about 8 such errors. Gradients lose the same."""
    features = math.prod(_shape(normalized_shape)) if normalized_shape is not None else x.shape[-1]
    rows = x.detach().reshape(-1, features)
    mean = rows.mean(dim=-1, keepdim=True)
    variance = ((rows - mean) ** 2).mean(dim=-1)
    scale = torch.maximum((rows - mean).abs().amax(dim=-1), torch.sqrt(variance + eps))
    amplification = float((rows.abs().amax(dim=-1) / scale).max())
    return max(1.0, amplification * math.sqrt(features) / 8)


def gradient_scale(x, normalized_shape=None, weight=None, eps=1e-5, **_):
    """The unit the gradients are compared in, as a function of the upstream gradient g: that of
    the gradient of x, (w·g - mean(w·g) - x̂·mean(w·g·x̂)) / sqrt(var + eps), whose terms are
    about |w·g| / sqrt(var + eps) each. Where they cancel to 0 (one feature: the output is the
    bias, whatever x is) their rounding does not: F.layer_norm's own float64 backward leaves
    1e-14 there, a closed-form float32 backward about 1e-4. The weight's gradient is held to the
    same unit: with one feature x̂ is 0, so the weight's gradient is 0 too while its rounding is not."""
    features = math.prod(_shape(normalized_shape)) if normalized_shape is not None else x.shape[-1]
    rows = x.detach().reshape(-1, features)
    largest_reciprocal_std = float(torch.rsqrt(rows.var(dim=-1, correction=0) + eps).max())
    largest_weight = float(weight.detach().abs().max()) if weight is not None else 1.0

    def magnitude(upstream) -> float:
        return float(upstream.abs().max()) * largest_weight * largest_reciprocal_std

    return magnitude


# --- diagnoses: the classic bugs a failing output is recognised as (katas/layer_norm/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _normalised(x, dims, weight, bias, eps, *, correction=0, eps_outside=False, eps_override=None,
                detached=False):
    """Layer norm over `dims`, with one classic bug switched on."""
    eps = eps if eps_override is None else eps_override
    source = x.detach() if detached else x
    mean = source.mean(dim=dims, keepdim=True)
    var = source.var(dim=dims, keepdim=True, correction=correction)
    out = (x - mean) / (torch.sqrt(var) + eps if eps_outside else torch.sqrt(var + eps))
    if weight is not None:
        out = out * weight
    return out + bias if bias is not None else out


def _torch_variant(**bug):
    def variant(x, normalized_shape, weight=None, bias=None, eps=1e-5):
        dims = tuple(range(-len(_shape(normalized_shape)), 0))
        if bug.get("swapped"):
            weight, bias = bias, weight
        if bug.get("no_bias"):
            bias = None
        if bug.get("batch_axis"):
            dims = (0,)
        options = {key: value for key, value in bug.items() if key not in ("swapped", "no_bias", "batch_axis")}
        return _normalised(x, dims, weight, bias, eps, **options)
    return variant


def _numpy_variant(**bug):
    torch_variant = _torch_variant(**bug)
    whole = bug.get("whole_array")

    def variant(x, gamma, beta, eps=1e-5):
        if whole:
            return _normalised(x, tuple(range(x.dim())), gamma, beta, eps)
        return torch_variant(x, (x.shape[-1],), gamma, beta, eps)
    return variant


_BUGS = [
    ("unbiased-variance", {"correction": 1}),
    ("eps-outside-the-square-root", {"eps_outside": True}),
    ("eps-ignored", {"eps_override": 1e-5}),
    ("eps-missing", {"eps_override": 0.0}),
    ("statistics-over-other-dimensions", {"batch_axis": True}),
    ("statistics-over-other-dimensions", {"whole_array": True}),
    ("weight-and-bias-misapplied", {"swapped": True}),
    ("weight-and-bias-misapplied", {"no_bias": True}),
    ("statistics-detached", {"detached": True}),
]
TORCH_DIAGNOSES = tuple(Diagnosis(cause, _torch_variant(**bug)) for cause, bug in _BUGS if "whole_array" not in bug)
NUMPY_DIAGNOSES = tuple(Diagnosis(cause, _numpy_variant(**bug)) for cause, bug in _BUGS if "detached" not in bug)
