"""Grader for rnn_cells, torch track: rnn_cell against torch.rnn_tanh_cell and torch.rnn_relu_cell,
gru_cell against torch.gru_cell, and gru_sequence against torch.gru_cell unrolled, all in float64:
both biases, neither and each alone, crossed with the nonlinearity; I equal to H (and to 3H) and not,
B equal to H and to T and not; one step, one sequence, fifty steps; float32 and float64; and the
gradients of every input for random upstream gradients (on every output step and on h_T)."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.rnn_cell_cases(), ids=str)
def test_rnn_cell(grading, case):
    check_function(grading, "rnn_cell", case, shared.rnn_cell_oracle, diagnoses=bugs.rnn_cell_diagnoses())


@pytest.mark.parametrize("case", shared.gru_cell_cases(), ids=str)
def test_gru_cell(grading, case):
    check_function(grading, "gru_cell", case, shared.gru_cell_oracle, diagnoses=bugs.gru_cell_diagnoses())


@pytest.mark.parametrize("case", shared.gru_sequence_cases(), ids=str)
def test_gru_sequence(grading, case):
    check_function(grading, "gru_sequence", case, shared.gru_sequence_oracle,
                   diagnoses=bugs.gru_sequence_diagnoses())
