"""Grader for transformer_encoder, torch track: the sinusoidal table against the paper's formula (no
gradient: it has no floating-point input); the
encoder layer, loaded with PyTorch's own nn.TransformerEncoderLayer's weights, against that layer in
float64: its output and the gradients of src and of every parameter, for a random upstream. A failure
is diagnosed as one of the classic bugs of bugs.py."""
import pytest

from interviewkit.grader import check_function, check_module, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.positions_cases(), ids=str)
def test_sinusoidal_positions(grading, case):
    check_function(grading, "sinusoidal_positions", case, shared.reference_positions, grad=False,
                   diagnoses=bugs.POSITION_DIAGNOSES)


@pytest.mark.parametrize("case", shared.layer_cases(), ids=str)
def test_encoder_layer(grading, case):
    check_module(grading, "EncoderLayer", case.data, case.oracle, init=case.init, diagnoses=bugs.LAYER_DIAGNOSES)
