"""Grader for softmax, both tracks: any axis, huge and wildly scaled rows, dtype kept, input untouched;
in the torch track also the gradient for a random upstream. The numpy track names the axis `axis`,
the torch track `dim`."""
import pytest
import torch

from interviewkit.grader import check_function, sibling, track

shared = sibling(__file__, "cases")
AXIS = {"numpy": "axis", "torch": "dim"}[track()]


def reference(x, **axis):
    return torch.softmax(x, dim=axis.get(AXIS, -1))


@pytest.mark.parametrize("case", shared.cases(AXIS), ids=str)
def test_softmax(grading, case):
    check_function(grading, "softmax", case, reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_magnitude)
