"""The check helpers' gradient comparison: floors for gradients that are ~0 in exact arithmetic."""
import pytest
import torch

from interviewkit.grading.toolkit.compare import Expected
from interviewkit.grading.sandbox.candidate import Gradients
from interviewkit.grading.toolkit.checks import expect_gradients
from interviewkit.grading.sandbox.errors import CheckFailed

LIKE = Expected("torch", "float32")


def gradients(**values):
    return Gradients(inputs={name: torch.tensor(value, dtype=torch.float32) for name, value in values.items()})


TINY = torch.tensor([1e-12, -3e-12, 2e-12], dtype=torch.float64)  # ~0 in exact arithmetic


def test_a_vanishing_gradient_fails_on_rounding_without_a_floor():
    expected = {"x": TINY}
    with pytest.raises(CheckFailed, match="gradient of `x`"):
        expect_gradients(gradients(x=[1e-7, 0.0, -1e-7]), expected, LIKE, 1.0)
    expect_gradients(gradients(x=[1e-7, 0.0, -1e-7]), expected, LIKE, 1.0, magnitude=1.0)


def test_floors_can_differ_per_input():
    expected = {"x": TINY, "w": TINY}
    rounded = gradients(x=[1e-7, 0.0, 0.0], w=[1e-7, 0.0, 0.0])
    with pytest.raises(CheckFailed, match="gradient of `w`"):
        expect_gradients(rounded, expected, LIKE, 1.0, magnitude={"x": 1.0})
    expect_gradients(rounded, expected, LIKE, 1.0, magnitude={"x": 1.0, "w": 1.0})


def test_a_missing_gradient_says_why():
    with pytest.raises(CheckFailed, match="is None: the output does not depend on `w`"):
        expect_gradients(gradients(x=[1.0]), {"w": torch.ones(1, dtype=torch.float64)}, LIKE, 1.0)
