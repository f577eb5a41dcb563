"""Grader for conv2d, both tracks: strides, paddings and kernel shapes against torch's conv2d; in the
torch track also the gradients of x, weight and bias for a random upstream gradient."""
import pytest
import torch.nn.functional as F

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


def reference(x, weight, bias=None, stride=1, padding=0):
    return F.conv2d(x, weight, bias, stride=stride, padding=padding)


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_conv2d(grading, case):
    check_function(grading, "conv2d", case, reference, condition=shared.conditioning)


def test_efficiency(grading):
    check_efficiency(grading, "conv2d", shared.TIMING_CASE)
