"""Grader for vit, numpy track: vit_forward's logits and vit_features' tokens, given the torch
track's state dict as NumPy arrays, against the torch track's float64 reference with those weights
(forward only: the numpy track has no backward here); a wrong output is diagnosed as one of the
classic bugs of bugs.py."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "numpy_cases")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.forward_cases(), ids=str)
def test_vit_forward(grading, case):
    check_function(grading, "vit_forward", case, shared.oracle(case, "forward"),
                   diagnoses=bugs.numpy_diagnoses("forward"))


@pytest.mark.parametrize("case", shared.feature_cases(), ids=str)
def test_vit_features(grading, case):
    check_function(grading, "vit_features", case, shared.oracle(case, "forward_features"),
                   diagnoses=bugs.numpy_diagnoses("forward_features"))
