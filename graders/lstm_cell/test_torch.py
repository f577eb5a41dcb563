"""Grader for lstm_cell, torch track: h_new and c_new against torch.lstm_cell in float64, with both
biases, neither, and each alone; I equal to H and not, B equal to H and not; float32 and float64;
saturated gates; and the gradients of x, h, c, both weights and the biases given for random upstream
gradients on both h_new and c_new."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.torch_cases(), ids=str)
def test_lstm_cell(grading, case):
    check_function(grading, "lstm_cell", case, shared.reference_cell, compare=shared.expect_states(case),
                   gradient_magnitude=lambda upstream: shared.smallest_scale(case))
