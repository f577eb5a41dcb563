"""Grader for layer_norm, torch track: F.layer_norm's semantics for an int or a tuple
normalized_shape, optional weight and bias, any eps; the gradients of x, weight and bias for a
random upstream gradient; rows with large offsets and near-constant rows held to the accuracy
their float32 inputs allow."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.torch_cases(), ids=str)
def test_layer_norm(grading, case):
    reference = case.reference_inputs(grading.seed_offset)
    check_function(grading, "layer_norm", case, shared.torch_reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_scale(**reference), diagnoses=shared.TORCH_DIAGNOSES)
