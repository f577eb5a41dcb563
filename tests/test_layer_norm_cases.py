"""The layer_norm grader's oracles, proved against plain float64 math; its tolerances, proved fair to
PyTorch's own float32 layer norm and firm against the one-pass variance; and its cases, proved to
do what their names promise."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from interviewkit.grading.toolkit import compare
from interviewkit.catalog import content_root
from interviewkit.grading.toolkit.compare import Expected, expect_close
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grader import sibling

cases = sibling(str(content_root() / "graders" / "layer_norm" / "test_torch.py"), "cases")
TORCH_CASES = {case.name: case for case in cases.torch_cases()}
NUMPY_CASES = {case.name: case for case in cases.numpy_cases()}
SEED_OFFSETS = range(10)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny tensors: a thread pool only spins against the other processes (grades run on one too)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def explicit_layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """The definition, written out: two passes, the biased variance, eps under the square root."""
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    rows = x.reshape(-1, math.prod(shape))
    centred = rows - rows.sum(dim=1, keepdim=True) / rows.shape[1]
    variance = (centred * centred).sum(dim=1, keepdim=True) / rows.shape[1]
    out = (centred / torch.sqrt(variance + eps)).reshape(x.shape)
    out = out if weight is None else out * weight
    return out if bias is None else out + bias


def as_torch_arguments(inputs: dict) -> dict:
    """A numpy-track case's inputs under the torch track's names."""
    if "gamma" not in inputs:
        return inputs
    return {"x": inputs["x"], "normalized_shape": inputs["x"].shape[-1], "weight": inputs["gamma"],
            "bias": inputs["beta"], **({"eps": inputs["eps"]} if "eps" in inputs else {})}


def float_leaves(inputs: dict) -> dict:
    return {name: value.requires_grad_() for name, value in inputs.items()
            if isinstance(value, torch.Tensor) and value.is_floating_point()}


def share(got, expected, dtype: str, condition: float, magnitude: float | None = None) -> float:
    """The share of its tolerance `got` uses, as the grader's comparison measures it (inf if it fails
    before comparing values: a NaN, say)."""
    used = []
    compare.observers.append(lambda what, fraction: used.append(fraction))
    try:
        expect_close(got, expected, Expected("torch", dtype), condition=condition, magnitude=magnitude)
    except CheckFailed:
        pass
    finally:
        compare.observers.pop()
    return max(used, default=math.inf)


def worst_share(case, seed_offset: int, implementation) -> float:
    """Grades `implementation` (torch-track arguments) on a case the way check_function does: its
    output and the gradients of every input for the case's upstream, against the oracle in float64."""
    reference = case.reference_inputs(seed_offset)
    condition = case.condition * cases.conditioning(**reference)
    oracle_inputs = float_leaves(reference)
    expected = cases.torch_reference(**as_torch_arguments(reference))
    upstream = case.upstream(tuple(expected.shape), seed_offset)
    wanted = torch.autograd.grad(expected, list(oracle_inputs.values()), upstream)

    inputs = case.torch_inputs(seed_offset)
    dtype = str(inputs["x"].dtype).removeprefix("torch.")
    leaves = float_leaves(inputs)
    got = implementation(**as_torch_arguments(inputs))
    gradients = torch.autograd.grad(got, list(leaves.values()), upstream.to(got.dtype))
    floor = cases.gradient_scale(**as_torch_arguments(reference))(upstream)
    shares = [share(got, expected, dtype, condition)]
    for mine, theirs in zip(gradients, wanted):
        shares.append(share(mine, theirs, dtype, condition, magnitude=max(float(theirs.abs().max()), floor)))
    return max(shares)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS[:2])
@pytest.mark.parametrize("case", [*TORCH_CASES.values(), *NUMPY_CASES.values()], ids=str)
def test_the_oracle_is_the_written_out_definition(case, seed_offset):
    inputs = as_torch_arguments(case.reference_inputs(seed_offset))
    leaves = list(float_leaves(inputs).values())
    ours, written = cases.torch_reference(**inputs), explicit_layer_norm(**inputs)
    torch.testing.assert_close(ours, written, rtol=1e-12, atol=1e-12)
    upstream = case.upstream(tuple(ours.shape), seed_offset)
    scale = float(upstream.abs().max()) * 1e-10
    torch.testing.assert_close(torch.autograd.grad(ours, leaves, upstream),
                               torch.autograd.grad(written, leaves, upstream), rtol=1e-9, atol=scale)


@pytest.mark.parametrize("case", [*TORCH_CASES.values(), *NUMPY_CASES.values()], ids=str)
def test_pytorch_own_layer_norm_passes_with_room_to_spare(case):
    """The library's own float32 kernels, F.layer_norm and its closed-form backward, are the
    standard a correct solution is held to: over three seeds they use at most half the tolerance on
    every case, the ill-conditioned ones included."""
    def library(x, normalized_shape, weight=None, bias=None, eps=1e-5):
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        return F.layer_norm(x, shape, weight, bias, eps)

    assert max(worst_share(case, seed, library) for seed in SEED_OFFSETS[:3]) < 0.5


def one_pass(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    out = (x - mean) / torch.sqrt((x * x).mean(dim=dims, keepdim=True) - mean * mean + eps)
    out = out if weight is None else out * weight
    return out if bias is None else out + bias


@pytest.mark.parametrize("name, missed_by", [("large_offsets", 10), ("near_constant_rows", 3)])
@pytest.mark.parametrize("cases_of_a_track", [TORCH_CASES, NUMPY_CASES], ids=["torch", "numpy"])
def test_the_one_pass_variance_fails_in_float32_and_passes_in_float64(cases_of_a_track, name, missed_by):
    """The decision of cases.py: E[x²] - E[x]² in float32 misses these cases on every seed, by more
    than `missed_by` times their tolerance; the same formula in float64 (cast back) uses under 1%."""
    case = cases_of_a_track[name]
    in_float64 = lambda x, *args, **kwargs: one_pass(x.double(), *args, **kwargs).to(x.dtype)
    assert min(worst_share(case, seed, one_pass) for seed in SEED_OFFSETS) > missed_by
    assert max(worst_share(case, seed, in_float64) for seed in SEED_OFFSETS) < 0.01


@pytest.mark.parametrize("name", ["rows_with_an_int_normalized_shape", "tokens_with_a_one_element_tuple",
                                  "two_trailing_dimensions", "long_rows", "rows_of_very_different_scale"])
def test_the_one_pass_variance_is_not_what_ordinary_rows_reject(name):
    """Where the mean does not dwarf the spread, the one-pass formula is as accurate as any other:
    the grader rejects its inaccuracy, not its form."""
    assert max(worst_share(TORCH_CASES[name], seed, one_pass) for seed in SEED_OFFSETS) < 0.5


def trailing(normalized_shape) -> tuple[int, ...]:
    return tuple(range(-(1 if isinstance(normalized_shape, int) else len(normalized_shape)), 0))


def eps_outside(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    centred = x - x.mean(dim=trailing(normalized_shape), keepdim=True)
    std = torch.sqrt((centred * centred).mean(dim=trailing(normalized_shape), keepdim=True))
    return centred / (std + eps) * weight + bias


def unbiased(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    dims = trailing(normalized_shape)
    return (x - x.mean(dim=dims, keepdim=True)) / torch.sqrt(x.var(dim=dims, keepdim=True) + eps) * weight + bias


def eps_over_count(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """sqrt(sum((x - mean)²) + eps) / sqrt(N): eps divided by N."""
    dims = trailing(normalized_shape)
    centred = x - x.mean(dim=dims, keepdim=True)
    root = torch.sqrt((centred * centred).sum(dim=dims, keepdim=True) + eps)
    return centred * math.sqrt(math.prod(x.shape[d] for d in dims)) / root * weight + bias


@pytest.mark.parametrize("slip", [eps_outside, unbiased, eps_over_count], ids=lambda slip: slip.__name__)
@pytest.mark.parametrize("name", ["float64_input", "float64_small_variance", "float64_variance_equal_to_eps"])
def test_float64_cases_pin_the_semantics_float32_noise_could_hide(slip, name):
    """Each semantic slip misses every float64 case by more than a thousand times its tolerance."""
    assert min(worst_share(TORCH_CASES[name], seed, slip) for seed in SEED_OFFSETS[:3]) > 1e3


def row_statistics(case, seed_offset: int):
    inputs = case.reference_inputs(seed_offset)
    shape = inputs.get("normalized_shape", inputs["x"].shape[-1])
    rows = inputs["x"].reshape(-1, math.prod((shape,) if isinstance(shape, int) else shape))
    return rows.mean(dim=1), rows.var(dim=1, correction=0), inputs.get("eps", 1e-5)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS[:3])
@pytest.mark.parametrize("cases_of_a_track", [TORCH_CASES, NUMPY_CASES], ids=["torch", "numpy"])
def test_the_cases_are_what_their_names_say(cases_of_a_track, seed_offset):
    mean, variance, eps = row_statistics(cases_of_a_track["large_offsets"], seed_offset)
    assert (mean.abs() / variance.sqrt()).min() > 300
    mean, variance, eps = row_statistics(cases_of_a_track["near_constant_rows"], seed_offset)
    assert (variance < eps / 5).all() and (mean.abs() / variance.sqrt()).min() > 1000
    mean, variance, eps = row_statistics(cases_of_a_track["constant_rows"], seed_offset)
    assert (variance == 0).all()
    mean, variance, eps = row_statistics(cases_of_a_track["non_default_eps"], seed_offset)
    assert eps == 0.1 and (variance < 3 * eps).all()
    mean, variance, eps = row_statistics(cases_of_a_track["float64_small_variance"], seed_offset)
    assert (variance < 3 * eps).all() and (variance > eps / 10).all()
    for name in ("square_matrix", "batch_of_one_with_as_many_tokens_as_features"):
        shape = cases_of_a_track[name].reference_inputs(seed_offset)["x"].shape
        assert shape[-1] == shape[-2] and math.prod(shape[:-2]) == 1


@pytest.mark.parametrize("name", ["feature_size_one", "constant_rows"])
@pytest.mark.parametrize("cases_of_a_track", [TORCH_CASES, NUMPY_CASES], ids=["torch", "numpy"])
def test_without_spread_the_output_is_exactly_the_bias(cases_of_a_track, name):
    inputs = as_torch_arguments(cases_of_a_track[name].reference_inputs(0))
    assert torch.equal(cases.torch_reference(**inputs), inputs["bias"].expand_as(inputs["x"]))


def test_the_constant_rows_are_exact_in_float32_whatever_the_summation_order():
    rows = cases.CONSTANT_ROWS.build(np.random.default_rng(0))
    assert (np.cumsum(rows, axis=1) / np.arange(1, rows.shape[1] + 1) == rows).all()
    assert (rows.sum(axis=1) / rows.shape[1] == rows[:, 0]).all()
