"""Grader for linear, numpy track: linear_forward's output with and without bias, on 2-D to 4-D x,
with N, D_in and D_out equal and different, one row and no rows, float32 and float64; linear_backward,
fed the cache of the candidate's own forward, against autograd through the float64 oracle (db None
when b was None). A failure is diagnosed as a classic slip (bugs.py)."""
import pytest

from interviewkit.grader import CandidateError, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_linear_forward(grading, case):
    try:
        check_function(grading, "linear_forward", case, shared.reference_output,
                       compare=shared.expect_output_and_cache, diagnoses=shared.bugs.FORWARD_DIAGNOSES)
    except CandidateError as error:  # a product of the wrong shapes (bugs.py)?
        error.cause = getattr(error, "cause", "") or shared.bugs.raised_like(
            error, case.reference_inputs(grading.seed_offset))
        raise


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_linear_backward(grading, case):
    shared.check_backward(grading, case)
