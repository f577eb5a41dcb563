"""Grader for lstm_cell, numpy track: lstm_cell_forward's h_new and c_new on every shape (I equal to
H and not, B equal to H and not, one hidden unit, one row) and on saturated gates without an overflow
warning; lstm_cell_backward, fed the cache of the candidate's own forward and random dh_new and
dc_new, against autograd through the float64 oracle on the same inputs."""
import pytest

from interviewkit.grader import about, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_lstm_cell_forward(grading, case):
    check_function(grading, "lstm_cell_forward", case, shared.reference_forward,
                   compare=shared.expect_states(case))
    if shared.watched_for_overflow(case):
        with about(case, grading, "lstm_cell_forward"):
            shared.expect_quiet(grading)


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_lstm_cell_backward(grading, case):
    shared.check_backward(grading, case)
