"""Grader for info_nce, torch track: CLIP's symmetric contrastive loss over normalised rows, both
directions averaged, the temperature dividing, the mean over pairs, stable at logits of 100 (float32)
and 1000 (float64), N == D and N != D, one and two pairs, a row of zeros; the loss and the gradients
of a and b for a random upstream gradient, against F.normalize and F.cross_entropy in float64; a
failure is named by the classic bug it is (cases.py, DIAGNOSES)."""
import pytest

from interviewkit.grader import sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_info_nce(grading, case):
    shared.check_info_nce(grading, case)
