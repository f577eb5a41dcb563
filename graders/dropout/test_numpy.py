"""Grader for dropout, numpy track: dropout_forward's output and the very mask of
rng.random(x.shape) >= p for every p (0, 0.1, 0.5, 1) in training and eval, float32 and float64,
empty and one-element inputs, with rng left as the reference leaves it (drawn once, only in
training with 0 < p < 1); dropout_backward's dout * mask / (1 - p) for given masks, zeros at p = 1."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_dropout_forward(grading, case):
    check_function(grading, "dropout_forward", case, shared.numpy_forward, compare=shared.expect_output_and_mask,
                   diagnoses=shared.NUMPY_DIAGNOSES)


@pytest.mark.parametrize("case", shared.backward_cases(), ids=str)
def test_dropout_backward(grading, case):
    check_function(grading, "dropout_backward", case, shared.numpy_backward, diagnoses=shared.BACKWARD_DIAGNOSES)
