"""Comparisons of what an object holds between calls, for `check_steps`: values at a chosen scale
(per slice, with floors), a module's parameters and buffers, a plain object's attributes, and the
arrays its constructor was given, which it must update in place."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import torch

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.diagnoses import failure
from interviewkit.grading.toolkit.compare import Expected, expect_close, expect_equal, expect_form, shown, tolerance
from interviewkit.messages import _, ngettext

FLOATS = ("float32", "float64")


@dataclass(frozen=True)
class Scale:
    """How finely a value is compared: atol is relative to its largest entry, or to `floor` if that
    is larger (a result that is small while the terms it is made of are not keeps their rounding).
    With `axis`, slice by slice along it, each at its own largest entry or at floor[i] (channels of
    very different scales). `condition` multiplies the tolerances. For a list or tuple of values, a
    list of Scales gives one per item."""

    floor: Any = None
    axis: int | None = None
    condition: float = 1.0


def expect_scaled(actual, expected, like: Expected, what: str, scale, condition: float = 1.0,
                  tolerance_dtype: str | None = None) -> None:
    """Holds `actual` to the float64 `expected` at `scale`; `tolerance_dtype` grades it at another
    dtype's tolerance than the dtype `like` requires (an attribute kept in float64 for a float32 case)."""
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            raise CheckFailed(_("{what}: expected a {kind} of {count} items, got {got}").format(
                what=shown(what), kind=type(expected).__name__, count=len(expected), got=f"{actual!r:.80}"))
        for index, (got, want) in enumerate(zip(actual, expected)):
            item_scale = scale[index] if isinstance(scale, (list, tuple)) else scale
            expect_scaled(got, want, like, f"{what}[{index}]", item_scale, condition, tolerance_dtype)
        return
    if not isinstance(expected, torch.Tensor):
        _expect_same(actual, expected, what)
        return
    if not expected.is_floating_point():
        expect_equal(actual, expected, replace(like, dtype=str(expected.dtype).removeprefix("torch.")), what)
        return
    condition *= scale.condition
    if scale.axis is None:
        _expect_close_at(actual, expected, like, what, _floor(scale.floor, None), condition, tolerance_dtype)
        return
    expect_form(actual, tuple(expected.shape), like, what)
    lead = (slice(None),) * scale.axis
    for index in range(expected.shape[scale.axis]):
        # An entry of a vector stays a vector of one: its message then names index 0, not ().
        at = lead + ((slice(index, index + 1),) if expected.ndim == 1 else (index,))
        _expect_close_at(actual[at], expected[at], like, f"{what}[{':, ' * scale.axis}{index}]",
                         _floor(scale.floor, index), condition, tolerance_dtype)


def _floor(floor, index: int | None) -> float:
    if floor is None:
        return 0.0
    return float(np.asarray(floor).reshape(-1)[index]) if index is not None and np.ndim(floor) else float(floor)


def _expect_close_at(actual, expected: torch.Tensor, like: Expected, what: str, floor: float, condition: float,
                     tolerance_dtype: str | None) -> None:
    magnitude = max(float(expected.abs().max()) if expected.numel() else 0.0, floor)
    rtol, atol = tolerance(tolerance_dtype or like.dtype, magnitude, condition)
    expect_close(actual, expected, like, what, rtol=rtol, atol=atol)


def _expect_same(actual, expected, what: str) -> None:
    """A flag, a count or a name: equal, with a NumPy scalar as good as a Python one."""
    if isinstance(expected, bool):
        same = isinstance(actual, (bool, np.bool_)) and bool(actual) == expected
    else:
        same = actual == expected
    if not same:
        raise CheckFailed(_("{what} is {got}, expected {expected}").format(
            what=shown(what), got=f"{actual!r:.80}", expected=repr(expected)))


def compare_attribute(actual, expected, like: Expected, name: str, scale: Scale, condition: float,
                      values: bool = True) -> None:
    """An attribute of a plain object. A float array kept in float32 or float64 passes either way
    (np.zeros makes float64), graded at the case's tolerance; without `values`, only its form."""
    floats = isinstance(expected, torch.Tensor) and expected.is_floating_point()
    tolerance_dtype = None
    if floats and isinstance(actual, (np.ndarray, np.generic)):
        kept = actual.dtype.name if actual.dtype.name in FLOATS else like.dtype
        like, tolerance_dtype = replace(like, dtype=kept), like.dtype
    if values:
        expect_scaled(actual, expected, like, name, scale, condition, tolerance_dtype)
    elif floats:
        expect_form(actual, tuple(expected.shape), like, name)


def compare_buffer(actual, expected, like: Expected, name: str, scale: Scale, condition: float, device: str,
                   values: bool = True) -> None:
    """A module's parameter or buffer, from its state_dict(): in the module's dtype and on its device."""
    if actual is None:
        raise CheckFailed(_("state_dict() has no `{name}`: register it under the contract's name").format(name=name))
    if isinstance(actual, torch.Tensor) and (str(actual.dtype).removeprefix("torch.") != like.dtype
                                             or actual.device.type != torch.device(device).type):
        raise failure(_(
            "{name} is {dtype} on {device}, but the module was moved to {wanted_dtype} on {wanted_device}: update "
            "it in place (copy_, mul_, add_) or assign it a tensor made from itself; torch.tensor(...) and "
            "torch.zeros(C) are float32 on the CPU").format(
            name=name, dtype=str(actual.dtype).removeprefix("torch."), device=actual.device,
            wanted_dtype=like.dtype, wanted_device=device), "buffer-not-moved")
    if values:
        expect_scaled(actual, expected, like, name, scale, condition)


def compare_argument(actual, initial, expected, like: Expected, name: str, scale, condition: float,
                     replaced: list[str], values: bool = True) -> None:
    """An array (or list of arrays) the constructor was given and the object must update in place:
    the caller holds those very arrays (a model's weights), never copies or replacements."""
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, list) or len(actual) != len(expected):
            raise CheckFailed(_("the `{name}` list now holds {got}, expected the {count} arrays it was built with: "
                                "update those arrays in place, not the list").format(
                name=name, got=f"{actual!r:.120}", count=len(expected)))
        items = list(zip(actual, initial, expected, [f"{name}[{i}]" for i in range(len(expected))]))
    else:
        items = [(actual, initial, expected, name)]
    for now, start, _want, what in items:
        if isinstance(now, np.ndarray) and isinstance(start, np.ndarray) and now.dtype.name != start.dtype.name:
            raise CheckFailed(_(
                "{what} is now a {dtype} array, it was {initial}: an array keeps its dtype. Write the update into "
                "the array (`p -= update`, `p[...] = ...`) instead of putting a new array in its place").format(
                what=what, dtype=now.dtype, initial=start.dtype))
    new = [path for path in replaced if path == name or path.startswith(f"{name}[")]
    if new:
        raise CheckFailed(ngettext(
            "{names} is a new array: the caller still holds the arrays it passed, which never see the update. "
            "Change them in place (`p -= update`, `p[...] = new_value`)",
            "{names} are new arrays: the caller still holds the arrays it passed, which never see the update. "
            "Change them in place (`p -= update`, `p[...] = new_value`)", len(new)).format(names=", ".join(new)))
    for index, (now, start, want, what) in enumerate(items):
        item_scale = scale[index] if isinstance(scale, (list, tuple)) else scale
        _expect_moved(now, start, want, like, what, item_scale, condition)
        if values:
            expect_scaled(now, want, like, what, item_scale, condition)


def _expect_moved(now, initial, expected: torch.Tensor, like: Expected, what: str, scale: Scale,
                  condition: float) -> None:
    """An array left exactly as it was where the reference moved beyond rounding: the update went to a copy."""
    if not isinstance(now, np.ndarray) or not isinstance(initial, np.ndarray):
        return
    if now.shape != initial.shape or not np.array_equal(now, initial):
        return
    start = torch.from_numpy(initial.astype(np.float64))
    magnitude = max(float(expected.abs().max()) if expected.numel() else 0.0, _floor(scale.floor, None))
    rtol, atol = tolerance(like.dtype, magnitude, condition * scale.condition)
    if bool(((expected - start).abs() > atol + rtol * expected.abs()).any()):
        raise CheckFailed(_(
            "{what} still holds its initial values: update the arrays it was given in place (`p -= update`, "
            "`p[...] = ...`). Updating copies of them, or rebinding a name (`p = p - update`), leaves the "
            "caller's arrays as they were").format(what=what))
