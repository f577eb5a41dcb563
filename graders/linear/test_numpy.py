"""Grader for linear, numpy track: linear_forward's output with and without bias, on 2-D to 4-D x,
with N, D_in and D_out equal and different, one row and no rows, float32 and float64; linear_backward,
fed the cache of the candidate's own forward, against autograd through the float64 oracle (db None
when b was None)."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_linear_forward(grading, case):
    check_function(grading, "linear_forward", case, shared.reference_output, compare=shared.expect_output_and_cache)


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_linear_backward(grading, case):
    shared.check_backward(grading, case)
