"""THE comparison helper: every grader compares through these functions.

A result is held first to its kind (ndarray or tensor), shape, dtype and device, then to being
finite where the reference is, and last to its values, with `torch.testing.assert_close` deciding
and a message that says where and by how much it is off."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.values import Foreign
from interviewkit.messages import N_, _, ngettext
from interviewkit.grading.toolkit.diagnoses import failure
from interviewkit.grading.toolkit.tolerances import BASE_TOLERANCE, DEFAULT_DTYPE

EXCERPT = 8

# assert_close imports torch.distributed.tensor (and sympy with it, 0.4 s of every cold grade) on
# its first call, only to unwrap DTensors; values that cross the seam are plain tensors.
if hasattr(torch.testing._comparison, "_HAS_DTENSOR"):
    torch.testing._comparison._HAS_DTENSOR = False


# Callbacks told, for every value comparison, how much of its tolerance was used (error / allowed);
# benchmarks/tolerance_margins.py listens to prove tolerances over many seeds.
observers: list = []


@dataclass
class HigherPrecision:
    """A NumPy result of higher precision than its input (float64 for float32, as `np.zeros(shape)` or
    NumPy 2's promotion gives) passes, graded at the input's tolerance, with a note for the check's
    report; under `kit grade --strict` it fails. One grade runs at a time in a grader process."""

    strict: bool = False
    seen: list[str] = field(default_factory=list)

    def take(self) -> str | None:
        seen, self.seen = self.seen, []
        if not seen:
            return None
        return _("passed at the input's tolerance, though {what} (np.zeros(shape) and NumPy 2's promotion give "
                 "float64): `kit grade --strict` fails it; create arrays with dtype=x.dtype").format(what=seen[0])


higher_precision = HigherPrecision()


def _of_higher_precision(actual, like: "Expected") -> bool:
    name = _dtype_name(actual)
    return (like.library == "numpy" and like.dtype in ("float16", "float32") and name in ("float32", "float64")
            and np.dtype(name).itemsize > np.dtype(like.dtype).itemsize)


@dataclass(frozen=True)
class Expected:
    """What a result must look like besides its values."""

    library: str  # "numpy" or "torch"
    dtype: str  # "float32", "int64", ...
    device: str = "cpu"


def tolerance(dtype: str, magnitude: float, condition: float = 1.0) -> tuple[float, float]:
    """(rtol, atol) for a dtype, scaled by the magnitude of the values and the problem's conditioning."""
    rtol, atol = BASE_TOLERANCE.get(dtype, BASE_TOLERANCE[DEFAULT_DTYPE])
    return rtol * condition, atol * condition * (magnitude if magnitude > 0 else 1.0)


def shown(what: str) -> str:
    """A result's label in kit's language: "output" (and "output[0]") is a word of the catalogue; a
    grader's own label is shown as it wrote it."""
    head, bracket, rest = what.partition("[")
    return (_(head) if head == OUTPUT else head) + bracket + rest


OUTPUT = N_("output")


def _dtype_name(value) -> str:
    return str(value.dtype).removeprefix("torch.")


def _as_float64(value) -> torch.Tensor:
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", torch.float64)
    return torch.from_numpy(np.asarray(value, dtype=np.float64))


def expect_form(actual, expected_shape: tuple, like: Expected, what: str) -> None:
    """Kind, shape, dtype and device, in that order: the first that is wrong is the message."""
    kind = "numpy.ndarray" if like.library == "numpy" else "torch.Tensor"
    if isinstance(actual, np.generic) and like.library == "numpy":
        actual = np.asarray(actual)
    right_kind = isinstance(actual, np.ndarray) if like.library == "numpy" else isinstance(actual, torch.Tensor)
    if not right_kind:
        got = actual.type_name if isinstance(actual, Foreign) else type(actual).__name__
        if actual is None:
            raise CheckFailed(_("{what}: got None, expected a {kind} (is a `return` missing?)").format(
                what=shown(what), kind=kind))
        if like.library == "numpy" and expected_shape == ():
            kind = _("numpy.ndarray of shape () or a NumPy scalar (np.float32(...), x.sum(), ...)")
        raise CheckFailed(_("{what}: got a {got}, expected a {kind}").format(what=shown(what), got=got, kind=kind))
    if tuple(actual.shape) != tuple(expected_shape):
        raise CheckFailed(_("{what} has shape {shape}, expected {expected}").format(
            what=shown(what), shape=tuple(actual.shape), expected=tuple(expected_shape)))
    if _dtype_name(actual) != like.dtype:
        if _of_higher_precision(actual, like) and not higher_precision.strict:
            higher_precision.seen.append(_("{what} is {dtype} for {expected} input").format(
                what=shown(what), dtype=_dtype_name(actual), expected=like.dtype))
        else:
            advice = _(": results keep the input's dtype (create new arrays with it, e.g. x.new_zeros(...) or "
                       "np.zeros(..., dtype=x.dtype))") if like.dtype.startswith(("float", "bfloat")) else ""
            strict = _(" (kit grade --strict holds results to the input's dtype)") if _of_higher_precision(actual, like) else ""
            raise failure(_("{what} has dtype {dtype}, expected {expected}").format(
                what=shown(what), dtype=_dtype_name(actual), expected=like.dtype) + advice + strict,
                          "result-dtype")
    if like.library == "torch" and str(actual.device) != like.device and actual.device.type != like.device:
        raise CheckFailed(
            _("{what} is on {device}, expected {expected}: create new tensors on the input's device").format(
                what=shown(what), device=actual.device, expected=like.device)
        )


def expect_close(actual, expected, like: Expected, what: str = "output", *,
                 magnitude: float | None = None, condition: float = 1.0,
                 rtol: float | None = None, atol: float | None = None) -> None:
    """Holds `actual` to the float64 reference `expected`, with tolerances for `like.dtype`."""
    reference = _as_float64(expected)
    expect_form(actual, tuple(reference.shape), like, what)
    got = _as_float64(actual)
    _expect_finite(got, reference, what)
    scale = magnitude if magnitude is not None else float(reference.abs().max()) if reference.numel() else 1.0
    default_rtol, default_atol = tolerance(like.dtype, scale, condition)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if observers and reference.numel():
        both_nan = torch.isnan(got) & torch.isnan(reference)  # equal_nan: NaN against NaN is a match
        share = (got - reference).abs() / (atol + rtol * reference.abs())
        used = float(torch.where(both_nan, 0.0, share.nan_to_num(nan=float("inf"))).max())
        for observe in observers:
            observe(what, used)
    try:
        torch.testing.assert_close(got, reference, rtol=rtol, atol=atol, equal_nan=True, check_dtype=False)
    except AssertionError:
        raise CheckFailed(_difference_message(got, reference, rtol, atol, what)) from None


def expect_equal(actual, expected, like: Expected, what: str = "output") -> None:
    """Exact equality, for integer results such as labels and indices."""
    reference = torch.as_tensor(np.asarray(expected)) if not isinstance(expected, torch.Tensor) else expected
    expect_form(actual, tuple(reference.shape), like, what)
    got = torch.as_tensor(np.asarray(actual)) if not isinstance(actual, torch.Tensor) else actual.cpu()
    reference = reference.cpu()
    try:
        torch.testing.assert_close(got, reference, rtol=0, atol=0, check_dtype=False)
    except AssertionError:
        wrong = (got != reference).nonzero()
        first = tuple(int(i) for i in wrong[0]) if len(wrong) else ()
        index = first if len(first) != 1 else first[0]
        raise CheckFailed(
            _("{what} differs at {wrong} of {total} entries; first at index {index}: expected {expected}, got {got}")
            .format(what=shown(what), wrong=len(wrong), total=reference.numel(), index=index,
                    expected=reference[first].item(), got=got[first].item()) + "\n"
            + _("  expected: {values}").format(values=_excerpt(reference, first)) + "\n"
            + _("  got:      {values}").format(values=_excerpt(got, first))
        ) from None


def _expect_finite(got: torch.Tensor, reference: torch.Tensor, what: str) -> None:
    bad = ~torch.isfinite(got) & torch.isfinite(reference)
    if bad.any():
        count = int(bad.sum())
        first = tuple(int(i) for i in bad.nonzero()[0])
        kinds = "NaN" if torch.isnan(got[bad]).all() else "inf" if torch.isinf(got[bad]).all() else "NaN/inf"
        raise CheckFailed(
            ngettext("{what} has {count} {kinds} value where the reference is finite, first at index {index} "
                     "(expected {expected}); an overflow in exp, a division by zero or a log of zero?",
                     "{what} has {count} {kinds} values where the reference is finite, first at index {index} "
                     "(expected {expected}); an overflow in exp, a division by zero or a log of zero?", count)
            .format(what=shown(what), count=count, kinds=kinds, index=_index(first), expected=f"{reference[first].item():.6g}")
        )


def _difference_message(got: torch.Tensor, reference: torch.Tensor, rtol: float, atol: float, what: str) -> str:
    both_nan = torch.isnan(got) & torch.isnan(reference)
    error = torch.where(both_nan, 0.0, (got - reference).abs())
    allowed = atol + rtol * reference.abs()
    excess = torch.where(both_nan, -1.0, torch.where(torch.isnan(error), torch.inf, error - allowed))
    wrong = int((excess > 0).sum())
    relative_errors = torch.where(reference != 0, error / reference.abs(), torch.where(error > 0, torch.inf, 0.0))
    worst = tuple(int(i) for i in np.unravel_index(int(excess.argmax()), tuple(reference.shape)))
    expected_value, got_value = reference[worst].item(), got[worst].item()
    absolute = abs(got_value - expected_value)
    relative = absolute / abs(expected_value) if expected_value else float("inf")
    return "\n".join((
        _("{what} differs from the reference at {wrong} of {total} elements ({percent}%)").format(
            what=shown(what), wrong=wrong, total=reference.numel(), percent=f"{100 * wrong / max(reference.numel(), 1):.0f}"),
        _("  worst at index {index}: expected {expected}, got {got} (off by {off}, {relative})").format(
            index=_index(worst), expected=f"{expected_value:.6g}", got=f"{got_value:.6g}", off=f"{absolute:.3g}",
            relative=_percent(relative)),
        _("  max abs error {absolute}, max rel error {relative}; allowed |got - expected| <= {atol} + {rtol} * "
          "|expected|").format(
            absolute=f"{float(error.nan_to_num(nan=torch.inf, posinf=torch.inf).max()):.3g}",
            relative=f"{float(relative_errors.nan_to_num(nan=torch.inf, posinf=torch.inf).max()):.3g}",
            atol=f"{atol:.2g}", rtol=f"{rtol:.2g}"),
        _("  expected{where} = {values}").format(where=_slice_label(worst), values=_excerpt(reference, worst)),
        _("  got{where}      = {values}").format(where=_slice_label(worst), values=_excerpt(got, worst)),
    ))


def _percent(relative: float) -> str:
    return _("relative error inf") if relative == float("inf") else _("{percent}% off").format(percent=f"{100 * relative:.3g}")


def _index(index: tuple) -> str:
    return str(index[0]) if len(index) == 1 else str(index)


def _slice_label(index: tuple) -> str:
    return "" if len(index) <= 1 else "[" + ", ".join(str(i) for i in index[:-1]) + ", ...]"


def _excerpt(tensor: torch.Tensor, index: tuple) -> str:
    """The row (last axis) holding `index`, trimmed to a few values around it."""
    row = tensor[index[:-1]] if len(index) > 1 else tensor.reshape(-1)
    column = index[-1] if index else 0
    start = max(0, min(column - EXCERPT // 2, row.numel() - EXCERPT))
    values = row.reshape(-1)[start:start + EXCERPT].tolist()
    text = ", ".join(f"{v:.5g}" if isinstance(v, float) else str(v) for v in values)
    return f"[{'…, ' if start else ''}{text}{', …' if start + EXCERPT < row.numel() else ''}]"
