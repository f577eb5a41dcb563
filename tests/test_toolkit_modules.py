"""check_module's diagnoses (toolkit/modules.py): a failing module is called again in float64 with the
oracle's weights and held to each classic-bug variant, variant(oracle_module, **float64_inputs); the
first it matches names the failure's cause, the message staying the plain failure's. The candidates
run in a real sandbox, as in a grade."""
from __future__ import annotations


import pytest
import torch

from interviewkit.grader import Case, Diagnosis, check_module, normal
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.checks import Grading
from interviewkit.grading.toolkit.diagnoses import cause_of
from loaded import loaded_candidate

SOURCE = """
import torch
from torch import nn


class Gated(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.sigmoid(self.proj(x)) * x


class TanhGated(Gated):
    def forward(self, x):
        return torch.tanh(self.proj(x)) * x


class DoubleGated(Gated):
    def forward(self, x):
        return 2 * torch.sigmoid(self.proj(x)) * x


class NoisyGated(Gated):
    def forward(self, x):
        return torch.sigmoid(self.proj(x)) * x + 0.1 * torch.randn_like(x)
"""


NAMESPACE: dict = {}
exec(SOURCE, NAMESPACE)  # the oracle is the right candidate's own class, built in float64 by check_module
Reference = NAMESPACE["Gated"]

# The first matches no candidate here: the cause is the first diagnosis matched, not the first listed.
DIAGNOSES = (Diagnosis("gate-forgotten", lambda oracle, x: x),
             Diagnosis("tanh-gate", lambda oracle, x: torch.tanh(oracle.proj(x)) * x))
CASE = Case("rows", x=normal((4, 6)))


@pytest.fixture(scope="module")
def grading(tmp_path_factory):
    with loaded_candidate(tmp_path_factory.mktemp("modules"), SOURCE) as candidate:
        yield Grading(candidate, "torch", "cpu", ())


def failure_of(grading, symbol: str, diagnoses=()) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        check_module(grading, symbol, CASE, lambda: Reference(6), init={"dim": 6}, diagnoses=diagnoses)
    return caught.value


def test_a_right_module_passes_with_diagnoses(grading):
    check_module(grading, "Gated", CASE, lambda: Reference(6), init={"dim": 6}, diagnoses=DIAGNOSES)


def test_a_module_with_a_classic_bug_takes_its_cause_and_keeps_its_message(grading):
    plain = failure_of(grading, "TanhGated")
    diagnosed = failure_of(grading, "TanhGated", DIAGNOSES)
    assert cause_of(plain) == "" and diagnosed.cause == "tanh-gate"
    assert str(diagnosed) == str(plain)


def test_a_module_matching_no_diagnosis_keeps_its_plain_failure(grading):
    plain = failure_of(grading, "DoubleGated")
    diagnosed = failure_of(grading, "DoubleGated", DIAGNOSES)
    assert cause_of(diagnosed) == "" and str(diagnosed) == str(plain)


def test_a_module_whose_two_calls_differ_is_random_in_forward(grading):
    assert failure_of(grading, "NoisyGated", DIAGNOSES).cause == "random-in-forward"
