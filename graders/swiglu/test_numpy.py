"""Grader for swiglu, numpy track: swiglu_forward's output on every shape (dim equal to hidden and
not, N equal to dim, one row, no rows) and on pre-activations in the hundreds or thousands without
an overflow warning; swiglu_backward, fed the cache of the candidate's own forward, against autograd
through the float64 oracle on the same weights. A wrong result is diagnosed as a classic bug (bugs.py)."""
import pytest

from interviewkit.grader import about, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_swiglu_forward(grading, case):
    check_function(grading, "swiglu_forward", case, shared.reference_output,
                   compare=shared.expect_output_and_cache, diagnoses=shared.bugs.numpy_diagnoses())
    if shared.watched_for_overflow(case):
        with about(case, grading, "swiglu_forward"):
            shared.expect_quiet(grading)


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_swiglu_backward(grading, case):
    shared.check_backward(grading, case)
