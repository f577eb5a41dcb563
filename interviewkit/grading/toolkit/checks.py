"""The helpers graders hand their cases to, and what the other checks build on.

`check_function` runs the candidate (through the seam) and the float64 oracle on the same inputs,
back-propagates the same random upstream gradient through both, and compares the output and every
gradient through `interviewkit.grading.toolkit.compare`. Modules are checked in modules.py, one
object followed through several calls in steps.py, timings in efficiency.py."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np
import torch

from interviewkit.grading.toolkit.compare import Expected, expect_close, higher_precision, shown
from interviewkit.messages import _
from interviewkit.grading.toolkit.diagnoses import Diagnosis, diagnosed, failure
from interviewkit.grading.sandbox.seam import CallResult, CandidateInterface, Gradients
from interviewkit.grading.toolkit.cases import Case
from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed
from interviewkit.grading.sandbox.signature import ApiEntry
from interviewkit.grading.sandbox.values import module_parameters, vector_jacobian_product
from interviewkit.grading.toolkit.objects import expect_same_usage

if TYPE_CHECKING:
    from interviewkit.grading.toolkit.timing import Timing


@dataclass
class Grading:
    """What a grader works with: the candidate behind the seam and the grade's settings."""

    candidate: CandidateInterface
    track: str  # "numpy" or "torch"
    device: str  # where the torch track runs: "cpu" or "cuda"
    api: tuple[ApiEntry, ...]
    seed_offset: int = 0
    timing: "Timing | None" = None  # present when the kata declares [efficiency]
    _note: tuple[str, float | None] | None = None

    def note(self, message: str, ratio: float | None = None) -> None:
        """A message (and an efficiency ratio) for the report of the check that is running, even if it passes."""
        self._note = (message, ratio)

    def take_note(self) -> tuple[str, float | None] | None:
        note, self._note = self._note, None
        precision = higher_precision.take()
        return note or ((precision, None) if precision else None)

    def inputs(self, case: Case) -> dict:
        if self.track == "numpy":
            return case.numpy_inputs(self.seed_offset)
        return case.torch_inputs(self.seed_offset, self.device)

    def expected(self, dtype: str) -> Expected:
        return Expected(self.track, dtype, self.device if self.track == "torch" else "cpu")

    def split_arguments(self, symbol: str, inputs: dict) -> tuple[list, dict]:
        """The contract's parameters without a default go by position, the others by keyword."""
        entry = next((e for e in self.api if (f"{e.owner}.{e.name}" if e.owner else e.name) == symbol), None)
        required = [p.name for p in entry.parameters if not p.has_default] if entry else []
        args = [inputs[name] for name in required if name in inputs]
        kwargs = {name: value for name, value in inputs.items() if name not in required}
        return args, kwargs


# The track of the grader pytest is collecting: a grader shared by both tracks (graders/<id>/test.py)
# asks for it while pytest imports it, before any fixture exists.
_collecting: list[str] = []


@contextmanager
def collecting(track: str):
    """While pytest collects a grader for `track` (the grade's plugin, or any other collector of
    graders), `interviewkit.grader.track()` answers it."""
    _collecting.append(track)
    try:
        yield
    finally:
        _collecting.pop()


def track() -> str:
    """The track being graded ("numpy" or "torch"), for a grader's module-level code: cases whose
    arguments differ by name (axis, dim) are parametrized while pytest collects the grader."""
    if not _collecting:
        raise RuntimeError("interviewkit.grader.track() is known only while pytest collects a grader for a "
                           "track: wrap pytest.main in interviewkit.grading.toolkit.checks.collecting(track)")
    return _collecting[-1]


@contextmanager
def about(case: Case, grading: Grading, call: str):
    """Tags a failure with the case, and the code that rebuilds its inputs, for the report."""
    try:
        yield
    except (CheckFailed, CandidateError) as error:
        error.case_description = case.describe(grading.seed_offset)
        error.snippet = case.snippet(call, grading.track, grading.seed_offset)
        raise


def input_dtype(case_inputs: dict) -> str:
    """The dtype results must keep: that of the first floating-point input."""
    for value in case_inputs.values():
        if isinstance(value, (np.ndarray, torch.Tensor)) and str(value.dtype).removeprefix("torch.").startswith(
            ("float", "bfloat")
        ):
            return str(value.dtype).removeprefix("torch.")
    return "float32"


def _tensors(value) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    return [t for item in value for t in _tensors(item)]


def upstream_for(expected, case: Case, seed_offset: int):
    """One random upstream gradient per output tensor, shaped like the reference's outputs."""
    if isinstance(expected, torch.Tensor):
        return case.upstream(tuple(expected.shape), seed_offset)
    return tuple(case.upstream(tuple(t.shape), seed_offset, index) for index, t in enumerate(_tensors(expected)))


def reference_gradients(expected, leaves: dict, upstream) -> dict:
    grads = vector_jacobian_product(_tensors(expected), _tensors(upstream), list(leaves.values()))
    return {name: grad for name, grad in zip(leaves, grads) if grad is not None}


def expect_unmodified(result: CallResult) -> None:
    if result.modified_inputs:
        names = ", ".join(f"`{name}`" for name in result.modified_inputs)
        raise failure(
            _("changed its input {names} in place; the caller's arrays must stay as they were (work on a copy)")
            .format(names=names),
            "input-modified")


def expect_outputs(actual, expected, like: Expected, condition: float, what: str = "output") -> None:
    if isinstance(expected, torch.Tensor):
        expect_close(actual, expected.detach(), like, what, condition=condition)
        return
    if not isinstance(actual, (tuple, list)) or len(actual) != len(expected):
        raise CheckFailed(_("{what}: expected a tuple of {count} results, got {got}").format(
            what=shown(what), count=len(expected), got=f"{actual!r:.80}"))
    for index, (got, want) in enumerate(zip(actual, expected)):
        expect_outputs(got, want, like, condition, f"{what}[{index}]")


def no_gradient(name: str) -> str:
    return _("gradient of `{name}` is None: the output does not depend on `{name}` through autograd (never used, "
             "detached, computed under torch.no_grad(), or replaced by a new tensor?)").format(name=name)


def expect_gradients(gradients: Gradients | None, expected: dict, like: Expected, condition: float,
                     parameters: bool = False, magnitude: float | dict | None = None) -> None:
    """Every expected gradient, compared at no finer a scale than `magnitude` (one for all, or one per name)."""
    if gradients is None or gradients.problem:
        raise failure(_("gradient: {problem}").format(problem=gradients.problem if gradients else _("none was computed")),
                      "not-in-autograd")
    bucket = gradients.parameters if parameters else gradients.inputs
    for name, reference in expected.items():
        got = bucket.get(name)
        what = _("gradient of `{name}`").format(name=name)
        if got is None:
            raise failure(no_gradient(name), "not-in-autograd")
        floor = magnitude.get(name) if isinstance(magnitude, dict) else magnitude
        scale = max(float(reference.abs().max()) if reference.numel() else 0.0, floor or 0.0)
        expect_close(got, reference, like, what, condition=condition, magnitude=scale)


def gradient_floor(upstream, gradient_magnitude: Callable | None) -> float | dict | None:
    """The grader's idea of a gradient's natural scale, below which errors are rounding noise: one
    for every gradient, or a dict with one per input name."""
    return gradient_magnitude(upstream) if gradient_magnitude else None


def conditioning(case: Case, reference: dict, condition: float | Callable[..., float]) -> float:
    """The tolerance multiplier: the case's own, times the grader's (a number, or a function of the
    float64 inputs for problems whose accuracy depends on their magnitude)."""
    extra = condition(**reference) if callable(condition) else condition
    return case.condition * extra


def check_function(grading: Grading, symbol: str, case: Case, oracle: Callable, *,
                   grad: bool | None = None, condition: float | Callable[..., float] = 1.0,
                   gradient_magnitude: Callable | None = None, compare: Callable = expect_outputs,
                   same_usage: bool = True, diagnoses: tuple[Diagnosis, ...] = ()) -> CallResult:
    """Calls `symbol` on the case's inputs and holds its output (and gradients) to the oracle's.

    `condition` scales the tolerances (a number, or a function of the float64 inputs);
    `gradient_magnitude(upstream)` gives the scale gradients are compared at when theirs can be
    vanishingly small (softmax's gradient of a one-hot row is ~0, its rounding is not): a number for
    every gradient, or a dict with one per input name. `compare(output, expected, like, condition)`
    replaces the comparison of the output where closeness is not the question (indices, a NaN).
    Generators and step functions among the inputs (objects.py) must be used as the reference uses
    them, unless `same_usage=False` (a sampler graded by its distribution, not its draws). An output
    that fails its comparison is diagnosed against `diagnoses`, the classic bugs (diagnoses.py)."""
    grad = grading.track == "torch" if grad is None else grad
    with about(case, grading, symbol):
        inputs = grading.inputs(case)
        reference = case.reference_inputs(grading.seed_offset)
        factor = conditioning(case, reference, condition)
        leaves = {
            name: value.requires_grad_() for name, value in reference.items()
            if grad and isinstance(value, torch.Tensor) and value.is_floating_point()
        }
        if grad:
            leaves.update(module_parameters(reference))
        expected = oracle(**reference)
        upstream = upstream_for(expected, case, grading.seed_offset) if grad else None
        args, kwargs = grading.split_arguments(symbol, inputs)
        result = grading.candidate.call(symbol, *args, upstream=upstream, **kwargs)
        like = grading.expected(input_dtype(inputs))
        expect_unmodified(result)
        try:
            compare(result.output, expected, like, factor)
        except CheckFailed as error:
            raise diagnosed(error, diagnoses, lambda diagnosis: compare(
                result.output, _variant(diagnosis, case, grading, False)[0], like, factor))
        if same_usage:
            expect_same_usage(result, reference)
        if grad:
            floor = gradient_floor(upstream, gradient_magnitude)
            try:
                expect_gradients(result.gradients, reference_gradients(expected, leaves, upstream), like, factor,
                                 magnitude=floor)
            except CheckFailed as error:
                raise diagnosed(error, diagnoses, lambda diagnosis: expect_gradients(
                    result.gradients, reference_gradients(*_variant(diagnosis, case, grading, True), upstream),
                    like, factor, magnitude=floor))
        return result


def _variant(diagnosis: Diagnosis, case: Case, grading: Grading, grad: bool) -> tuple:
    """A classic bug's output on fresh float64 inputs of the case, and the leaves of its gradients."""
    inputs = case.reference_inputs(grading.seed_offset)
    leaves = {name: value.requires_grad_() for name, value in inputs.items()
              if grad and isinstance(value, torch.Tensor) and value.is_floating_point()}
    if grad:
        leaves.update(module_parameters(inputs))
    with torch.set_grad_enabled(grad):
        return diagnosis.oracle(**inputs), leaves
