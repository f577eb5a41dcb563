"""sqrt_by_gradient_descent cases and the float64 oracle of the stated rule, one list per track.

The rule (both tracks): a = m·4^e with m in [1, 4) (exact: powers of 4 only move the exponent), then
y ← y − lr·4y(y² − m) from y0 = m, stopped before an update once |y² − m| <= tol·m; x = y·2^e and
iterations = the updates made. The iterate is graded, not √a: with a loose tol or few max_iters a
closed-form square root is far off. Float64: x to 1e-10, iterations exactly. Float32: the stopping
test sits on rounding (|y² − m| is known to ~1e-7·m), so one update more or fewer is allowed there
and x is held to the float32 tolerance times max(1, tol/1e-5).
"""
from __future__ import annotations

import numpy as np
import torch

from dataclasses import dataclass

from interviewkit.grader import (
    Case, CandidateError, CheckFailed, Diagnosis, Expected, Recipe, _, expect_close, given, raised_a,
)

@dataclass(frozen=True)
class scalar(Recipe):
    """A 0-d array of one fixed value."""

    value: float
    dtype: str = "float64"

    def draw(self, rng):
        return np.array(self.value)

    def code(self):
        return f"np.array({self.value!r})"

    def describe(self):
        return _("{dtype} 0-d {value}").format(dtype=self.dtype, value=repr(self.value))


DEFAULTS = {"lr": 0.01, "tol": 1e-6, "max_iters": 1000}


def scaled(a: float) -> tuple[float, float]:
    """(m, 2^e) with a = m·4^e, m in [1, 4) (0 stays 0)."""
    m, scale = float(a), 1.0
    while m >= 4:
        m, scale = m / 4, scale * 2
    while 0 < m < 1:
        m, scale = m * 4, scale / 2
    return m, scale


def rule(a: float, lr: float, tol: float, max_iters: int, bug: str = "") -> tuple[float, int]:
    """The stated rule on one non-negative float64 a (or, for diagnoses, with one classic bug)."""
    m, scale = (float(a), 1.0) if bug == "no-scaling" else scaled(a)
    y = 0.0 if bug == "starts-at-zero" else m
    for step in range(max_iters):
        new = y - lr * 4 * y * (y * y - m)
        # not (... > tol·m): unscaled, a huge a overflows to NaN, which stops it, as an `active` mask does.
        if not (abs(new - y) if bug == "stops-on-the-step-size" else abs(y * y - m)) > tol * m:
            return scale * y, step + (bug == "tests-counted")
        y = new
    return scale * y, max_iters


def numpy_cases() -> list[Case]:
    return [
        Case("two", a=2.0),
        Case("one_is_already_its_own_root", a=1.0),
        Case("four_is_already_its_own_root", a=4.0),
        Case("just_below_four", a=3.99),
        Case("between_zero_and_one", a=0.3),
        Case("zero_is_a_stationary_point_and_the_root", a=0.0),
        Case("tiny", a=1e-8),
        Case("huge", a=1e8),
        Case("enormous", a=1e300),
        Case("subnormal", a=5e-324),
        Case("an_integer_argument", a=7),
        # Few updates: the iterate after them is graded, far from √a.
        Case("three_updates_only", a=2.0, max_iters=3),
        Case("no_update_allowed", a=2.0, max_iters=0),
        # Out of updates on an a outside [1, 4): x is the iterate scaled back, y·2^e.
        Case("three_updates_on_a_huge_a", a=1e8, max_iters=3),
        Case("a_loose_tolerance", a=10.0, tol=1e-2),
        Case("a_tight_tolerance", a=10.0, tol=1e-12),
        Case("a_larger_learning_rate", a=2.0, lr=0.02),
        Case("a_smaller_learning_rate_on_a_huge_a", a=1e8, lr=0.002, max_iters=5000),
        # Every option set: the loose tolerance is met after 7 updates, one before max_iters runs out.
        Case("a_loose_tolerance_met_one_update_before_max_iters", a=10.0, lr=0.02, tol=1e-2, max_iters=8),
    ]


MIXED = (0.0, 1e-8, 0.3, 1.0, 2.0, 3.99, 4.0, 7.0, 1e8)


def torch_cases() -> list[Case]:
    return [
        Case("a_batch_of_very_different_scales", a=given(MIXED, dtype="float64")),
        Case("a_batch_in_float32", a=given(MIXED, dtype="float32"), tol=1e-4),
        Case("a_zero_dimensional_tensor", a=scalar(2.0, "float64")),
        Case("a_zero_dimensional_tensor_in_float32", a=scalar(2.0, "float32"), tol=1e-4),
        Case("a_matrix", a=given(((2.0, 0.5), (1e-3, 1e6)), dtype="float64")),
        Case("a_single_element", a=given((1e8,), dtype="float64")),
        # 16 reaches exactly 4 on the last pass over the batch: it must be divided once more.
        Case("powers_of_four", a=given((4.0, 16.0), dtype="float64")),
        Case("zero_alone_stops_at_once", a=given((0.0, 0.0), dtype="float64")),
        Case("huge_and_tiny_in_float64", a=given((1e300, 5e-324, 1e-300), dtype="float64")),
        Case("three_updates_only", a=given((2.0, 1e8, 0.3), dtype="float64"), max_iters=3),
        Case("no_update_allowed", a=given((2.0, 1.0), dtype="float64"), max_iters=0),
        Case("a_loose_tolerance", a=given((10.0, 1e-6), dtype="float64"), tol=1e-2),
        Case("a_tight_tolerance", a=given((10.0, 2.0), dtype="float64"), tol=1e-12),
        Case("a_larger_learning_rate", a=given((2.0, 3.0), dtype="float64"), lr=0.02),
        Case("a_larger_learning_rate_in_float32", a=given((2.0, 3.0, 0.7, 1e6), dtype="float32"), lr=0.02, tol=1e-4),
        # Every option set: 10 and 3 meet the loose tolerance (after 7 and 6 updates), 2 and 1e8 run out at 9.
        Case("some_elements_meet_the_tolerance_others_run_out_of_updates",
             a=given((10.0, 3.0, 2.0, 1e8), dtype="float64"), lr=0.02, tol=1e-2, max_iters=9),
    ]


def cases(track: str) -> list[Case]:
    return numpy_cases() if track == "numpy" else torch_cases()


def negative_cases(track: str) -> list[Case]:
    if track == "numpy":
        return [Case("a_negative_a_is_rejected", a=-4.0), Case("a_small_negative_a_is_rejected", a=-0.25)]
    return [Case("a_negative_element_is_rejected", a=given((4.0, -1.0, 2.0), dtype="float64")),
            Case("a_small_negative_element_is_rejected", a=given((0.5, -0.25), dtype="float64"))]


def oracle(a, lr=DEFAULTS["lr"], tol=DEFAULTS["tol"], max_iters=DEFAULTS["max_iters"]):
    """(x, iterations) of the rule, element by element, in float64."""
    return _by_element(a, lambda value: rule(value, lr, tol, max_iters))


def _by_element(a, run):
    values = a.reshape(-1).tolist() if isinstance(a, torch.Tensor) else [float(a)]
    runs = [run(value) for value in values]
    shape = tuple(a.shape) if isinstance(a, torch.Tensor) else ()
    x = torch.tensor([run[0] for run in runs], dtype=torch.float64).reshape(shape)
    iterations = torch.tensor([run[1] for run in runs], dtype=torch.int64).reshape(shape)
    return x, iterations


def _all_move_while_one_does(a, lr, tol, max_iters):
    """torch: every element updated while any is still active; the counts right."""
    starts = [scaled(value) for value in a.reshape(-1).tolist()]
    ys, counts = [m for m, _ in starts], [0] * len(starts)
    for _ in range(max_iters):
        active = [abs(y * y - m) > tol * m for y, (m, _) in zip(ys, starts)]
        if not any(active):
            break
        ys = [y - lr * 4 * y * (y * y - m) for y, (m, _) in zip(ys, starts)]
        counts = [count + moved for count, moved in zip(counts, active)]
    x = torch.tensor([scale * y for y, (_, scale) in zip(ys, starts)], dtype=torch.float64).reshape(a.shape)
    return x, torch.tensor(counts, dtype=torch.int64).reshape(a.shape)


def _bug(bug: str):
    def variant(a, lr=DEFAULTS["lr"], tol=DEFAULTS["tol"], max_iters=DEFAULTS["max_iters"]):
        if bug == "gradient-without-the-factor-4":
            return _by_element(a, lambda value: rule(value, lr / 4, tol, max_iters))
        if bug == "closed-form-root":
            return _by_element(a, lambda value: (value ** 0.5, 0))
        if bug == "stopped-elements-keep-moving":
            return _all_move_while_one_does(a, lr, tol, max_iters)
        return _by_element(a, lambda value: rule(value, lr, tol, max_iters, bug))
    return variant


BUGS = ("closed-form-root", "tests-counted", "gradient-without-the-factor-4", "no-scaling", "starts-at-zero",
        "stops-on-the-step-size")


def diagnoses(track: str) -> tuple:
    bugs = BUGS + (("stopped-elements-keep-moving",) if track == "torch" else ())
    return tuple(Diagnosis(bug, _bug(bug)) for bug in bugs)


def _parts(output, track: str):
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("expected a tuple (x, iterations), got {got}").format(got=f"{output!r:.80}"))
    x, iterations = output
    if track == "numpy":
        if not isinstance(x, (float, np.floating)) or isinstance(x, np.float32):
            raise CheckFailed(_("x is a {type} ({value}), expected a Python float").format(type=type(x).__name__,
                                                                                           value=f"{x!r:.40}"))
        if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)):
            raise CheckFailed(_("iterations is a {type} ({value}), expected an int").format(
                type=type(iterations).__name__, value=f"{iterations!r:.40}"))
        return np.array(float(x)), torch.tensor(int(iterations))
    if not isinstance(iterations, torch.Tensor) or iterations.dtype != torch.int64:
        raise CheckFailed(_("iterations: expected an int64 tensor, got {got}").format(got=f"{iterations!r:.80}"))
    return x, iterations.cpu()


def compare_for(case: Case, track: str, inputs: dict):
    """The comparison of (x, iterations) for this case's dtype: see the module's docstring."""
    tol = case.inputs.get("tol", DEFAULTS["tol"])
    float32 = track == "torch" and inputs["a"].dtype == torch.float32
    allowed = 1 if float32 else 0

    def compare(output, expected, like: Expected, condition: float) -> None:
        x, iterations = _parts(output, track)
        want_x, want_iterations = expected
        if tuple(iterations.shape) != tuple(want_iterations.shape):
            raise CheckFailed(_("iterations has shape {shape}, expected {expected}").format(
                shape=tuple(iterations.shape), expected=tuple(want_iterations.shape)))
        off = (iterations - want_iterations).abs()
        if off.numel() and int(off.max()) > allowed:
            i = int(off.reshape(-1).argmax())
            shown = dict(got=iterations.reshape(-1)[i].item(), expected=want_iterations.reshape(-1)[i].item(), index=i)
            raise CheckFailed((_(
                "iterations: {got} updates where the rule makes {expected} (element {index}, one more or fewer is "
                "allowed in float32): test the stopping rule |y² − m| <= tol·m before each update, and count "
                "updates, not tests") if allowed else _(
                "iterations: {got} updates where the rule makes {expected} (element {index}): test the stopping rule "
                "|y² − m| <= tol·m before each update, and count updates, not tests")).format(**shown))
        like = Expected(like.library, "float64" if track == "numpy" else like.dtype, like.device)
        expect_close(x, want_x, like, "x", condition=condition * (max(1.0, tol / 1e-5) if float32 else 1.0))

    return compare


def expect_value_error(error: CandidateError) -> None:
    """Only an ordinary exception is judged; not implemented, a timeout or a forbidden call stay as they are."""
    if type(error).__name__ != "CandidateCrashed":
        raise error
    if not raised_a(error, "ValueError"):
        raise CheckFailed(_("a negative a must raise ValueError; instead the call {error}").format(error=error)) from None
