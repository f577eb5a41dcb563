"""Grader for rnn_cells, numpy track: rnn_forward's and gru_forward's outputs and h_T on every shape
(I equal to H and not, B equal to T and to H and not, one step, one sequence, fifty steps); their
backward, fed the cache of the candidate's own forward and random douts on every step and dh_T,
against autograd through torch's own cells unrolled in float64 on the same inputs."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.numpy_cases("rnn"), ids=str)
def test_rnn_forward(grading, case):
    check_function(grading, "rnn_forward", case, shared.sequence_oracle("rnn"),
                   compare=shared.expect_sequence("rnn_forward"))


@pytest.mark.parametrize("case", shared.numpy_cases("rnn"), ids=str)
def test_rnn_backward(grading, case):
    shared.check_backward(grading, case, "rnn")


@pytest.mark.parametrize("case", shared.numpy_cases("gru"), ids=str)
def test_gru_forward(grading, case):
    check_function(grading, "gru_forward", case, shared.sequence_oracle("gru"),
                   compare=shared.expect_sequence("gru_forward"), diagnoses=bugs.gru_forward_diagnoses())


@pytest.mark.parametrize("case", shared.numpy_cases("gru"), ids=str)
def test_gru_backward(grading, case):
    shared.check_backward(grading, case, "gru")
