"""Grader for rms_norm, both tracks: division by the root mean square of each sample's own values,
with eps under the square root (in torch, eps=None is the input dtype's own eps), the weight
applied, tiny rows where eps decides and huge ones, the dtype kept and the input untouched; in the
torch track also an int or a tuple normalized_shape, and the gradients of x and weight for a
random upstream gradient. A wrong output is diagnosed as one of the classic bugs of cases.py."""
import pytest

from interviewkit.grader import check_function, sibling, track

shared = sibling(__file__, "cases")
TRACK = track()


@pytest.mark.parametrize("case", shared.cases(TRACK), ids=str)
def test_rms_norm(grading, case):
    if TRACK == "numpy":
        check_function(grading, "rms_norm", case, shared.numpy_reference, diagnoses=shared.diagnoses(case))
    else:
        check_function(grading, "rms_norm", case, shared.torch_reference(case),
                       gradient_magnitude=shared.gradient_scale(case, grading.seed_offset),
                       diagnoses=shared.diagnoses(case))
