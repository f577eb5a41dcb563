"""Grader for layer_norm, numpy track: normalisation over the last axis with gamma and beta, any
eps, the dtype kept and the input untouched; rows with large offsets and near-constant rows held
to the accuracy their float32 inputs allow."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.numpy_cases(), ids=str)
def test_layer_norm(grading, case):
    check_function(grading, "layer_norm", case, shared.numpy_reference, condition=shared.conditioning,
                   diagnoses=shared.NUMPY_DIAGNOSES)
