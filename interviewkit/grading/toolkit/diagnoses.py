"""Diagnoses: what a wrong result is, when it is a classic bug.

A grader may declare classic-bug variants of its reference (layer norm's unbiased variance, a
flipped convolution kernel, eps outside the square root), each with a cause id. When a candidate's
output fails its comparison, each variant is computed on the same float64 inputs and held to the
candidate's output with the check's own comparison and tolerance: the first that matches names the
cause. The failure then carries the cause id (CheckResult.cause), which `kit hint` follows to the
hint tied to it and the grade screen explains with the kata's `[causes]` text (katas/<id>/hints.toml,
translated with it). For an object followed through steps (steps.py) a diagnosis is a twin with the
bug, taking the same steps (BugTwins). A grader that knows the cause from its own test (the
statistic is off by exactly N/(N-1)) raises `failure(message, cause)` instead."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed, raised_a


@dataclass(frozen=True)
class Diagnosis:
    """A classic bug, as the reference with that bug: `oracle` takes the reference's arguments."""

    cause: str  # an id of the kata's [causes] table, named by its hints' `causes`
    oracle: Callable


def failure(message: str, cause: str) -> CheckFailed:
    """A CheckFailed that names its cause, for a grader whose test already tells the bug apart."""
    error = CheckFailed(message)
    error.cause = cause
    return error


def cause_of(error: BaseException) -> str:
    return getattr(error, "cause", "")


def diagnosed(error: CheckFailed, diagnoses, matches: Callable[[Diagnosis], None]) -> CheckFailed:
    """`error`, given the cause of the first diagnosis that `matches` (which raises where the
    candidate's result is not that bug's); a cause the grader already set is kept."""
    if cause_of(error):
        return error
    for diagnosis in diagnoses:
        try:
            matches(diagnosis)
        except Exception:  # noqa: BLE001 - a mismatch, or a variant that cannot take these inputs
            continue
        error.cause = diagnosis.cause
        break
    return error


class BugTwins:
    """Classic-bug twins (each Diagnosis's `oracle`) taking a scripted object's steps beside the
    reference twin (steps.py): a failing step is compared with each that took it."""

    def __init__(self, diagnoses):
        self.alive = list(diagnoses)
        self.raised: dict[Diagnosis, str] = {}  # those the last step broke: the name of their exception

    def take(self, act: Callable) -> dict:
        """`act(twin)` on every twin still in step: {diagnosis: its result}; one that raises is dropped."""
        taken, self.raised = {}, {}
        for diagnosis in list(self.alive):
            try:
                taken[diagnosis] = act(diagnosis.oracle)
            except Exception as error:  # noqa: BLE001 - a twin that breaks here can match nothing later
                self.alive.remove(diagnosis)
                self.raised[diagnosis] = type(error).__name__
        return taken

    def raising_like(self, error: CandidateError) -> CandidateError:
        """The candidate's exception, given the cause of the first bug whose twin raised one of the
        same name at the same step (a shape a bug's broadcasting cannot take, a division by zero)."""
        for diagnosis, name in self.raised.items():
            if raised_a(error, name) and not cause_of(error):
                error.cause = diagnosis.cause
        return error
