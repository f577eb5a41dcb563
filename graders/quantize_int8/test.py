"""Grader for quantize_int8, both tracks: quantize's integers, scales and zero points held exactly
(dtype and shape included) to the contract's float32 formulas; dequantize held to
(q - zero_point) * scale on the oracle's own quantization; and the round trip through the
candidate's own two functions within half a step (scale / 2) of x, slice by slice. Nothing is
differentiated: no gradients are graded in either track."""
import numpy as np
import pytest
import torch

from interviewkit.grader import (
    CheckFailed, Expected, _, about, check_function, expect_close, expect_equal, failure, sibling,
)

shared = sibling(__file__, "cases")

# What each of quantize's results must be, by mode.
FORMS = {True: ("int8", "float32", "int32"), False: ("uint8", "float32", "int32")}
NAMES = ("q", "scale", "zero_point")


def _numpy(value) -> np.ndarray:
    return value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def _on_track(value: np.ndarray, grading):
    return value if grading.track == "numpy" else torch.from_numpy(np.ascontiguousarray(value)).to(grading.device)


def _float32_x(grading, case) -> np.ndarray:
    return _numpy(grading.inputs(case)["x"]).astype(np.float32)


def oracle(x, symmetric=True, axis=None):
    """The contract in float32: the float64 copy of x holds exactly the candidate's float32 values."""
    return shared.quantize(_numpy(x).astype(np.float32), symmetric, axis)


def exactly(symmetric: bool):
    """Each of the three results compared exactly, after its kind, shape and dtype."""
    def compare(actual, expected, like, condition):
        if not isinstance(actual, (tuple, list)) or len(actual) != 3:
            raise CheckFailed(_("expected a tuple (q, scale, zero_point), got {got}").format(got=f"{actual!r:.80}"))
        for got, want, name, dtype in zip(actual, expected, NAMES, FORMS[symmetric]):
            # The contract fixes these dtypes: a float64 scale is wrong here even on the NumPy
            # track, where a float64 *result* passes under the higher-precision rule.
            found = str(getattr(got, "dtype", dtype)).removeprefix("torch.")
            if found != dtype:
                raise failure(_("`{name}` has dtype {found}, expected {dtype}: q is int8 (symmetric) or uint8, scale "
                                "float32 and zero_point int32, whatever precision you compute in").format(
                                  name=name, found=found, dtype=dtype), "result-dtype")
            expect_equal(got, want, Expected(like.library, dtype, like.device), f"`{name}`")
    return compare


def _dequantized(grading, symbol_inputs: dict):
    args, kwargs = grading.split_arguments("dequantize", symbol_inputs)
    return grading.candidate.call("dequantize", *args, **kwargs).output


def _expect_float32(actual, expected: np.ndarray, grading, what: str) -> None:
    """float32 (on the NumPy track float64 passes with a note, under the higher-precision rule), held
    to one or two float32 roundings of the product."""
    like = Expected(grading.track, "float32", grading.device if grading.track == "torch" else "cpu")
    expect_close(actual, torch.from_numpy(expected.astype(np.float64)), like, what)


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_quantize(grading, case):
    symmetric = case.inputs["symmetric"]
    check_function(grading, "quantize", case, oracle, grad=False, compare=exactly(symmetric),
                   diagnoses=shared.DIAGNOSES)


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_dequantize(grading, case):
    """dequantize on the oracle's own (q, scale, zero_point): (q - zero_point) * scale."""
    axis = case.inputs["axis"]
    with about(case, grading, "dequantize"):
        q, scale, zero_point = shared.quantize(_float32_x(grading, case), case.inputs["symmetric"], axis)
        inputs = {"q": q, "scale": scale, "zero_point": zero_point}
        got = _dequantized(grading, {**{k: _on_track(v, grading) for k, v in inputs.items()}, "axis": axis})
        try:
            _expect_float32(got, shared.dequantize(q, scale, zero_point, axis), grading, _("dequantize's output"))
        except CheckFailed as error:
            if _matches(got, shared.dequantize_in_the_dtype_of_q(q, scale, zero_point, axis), grading):
                error.cause = "zero-point-subtracted-in-the-dtype-of-q"
            raise


def _matches(got, bug: np.ndarray, grading) -> bool:
    """Whether dequantize's output is a classic bug's, at the check's own tolerance."""
    try:
        _expect_float32(got, bug, grading, _("dequantize's output"))
    except CheckFailed:
        return False
    return True


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_round_trip(grading, case):
    """dequantize(*quantize(x)) with the candidate's own functions: within scale / 2 of x, scale being
    each slice's (the oracle's), plus float32's rounding of the product."""
    symmetric, axis = case.inputs["symmetric"], case.inputs["axis"]
    with about(case, grading, "quantize"):
        x = _float32_x(grading, case)
        args, kwargs = grading.split_arguments("quantize", {"x": _on_track(x, grading),
                                                            "symmetric": symmetric, "axis": axis})
        quantized = grading.candidate.call("quantize", *args, **kwargs).output
        if not isinstance(quantized, (tuple, list)) or len(quantized) != 3:
            raise CheckFailed(_("quantize: expected a tuple (q, scale, zero_point), got {got}").format(
                got=f"{quantized!r:.80}"))
        got = _dequantized(grading, {**dict(zip(NAMES, quantized)), "axis": axis})
        if not isinstance(got, (np.ndarray, torch.Tensor)) or tuple(got.shape) != x.shape:
            raise CheckFailed(_("dequantize(*quantize(x)) gave {got}, expected an array of shape {shape}").format(
                got=f"{got!r:.60}", shape=x.shape))
        scale = shared.quantize(x, symmetric, axis)[1].reshape(shared.slice_shape(x, axis))
        error = np.abs(_numpy(got).astype(np.float64) - x)
        allowed = scale.astype(np.float64) / 2 + 2.0 ** -22 * np.abs(x)
        if not (error <= allowed).all():
            worst = np.unravel_index(int(np.argmax(error - allowed)), x.shape)
            raise CheckFailed(_(
                "dequantize(*quantize(x)) is off by more than scale / 2 at {wrong} of {total} elements; worst at index "
                "{index}: x = {x}, got {got}, allowed ±{allowed} (scale {scale})").format(
                    wrong=int((error > allowed).sum()), total=x.size, index=tuple(int(i) for i in worst),
                    x=f"{x[worst]:.6g}", got=f"{_numpy(got)[worst]:.6g}", allowed=f"{allowed[worst]:.3g}",
                    scale=f"{np.broadcast_to(scale, x.shape)[worst]:.6g}"))
