"""Grader for conv2d, both tracks: strides, paddings and kernel shapes against torch's conv2d; in the
torch track also the gradients of x, weight and bias for a random upstream gradient."""
import pytest
import torch.nn.functional as F

from interviewkit.grader import Diagnosis, check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


def reference(x, weight, bias=None, stride=1, padding=0):
    return F.conv2d(x, weight, bias, stride=stride, padding=padding)


# Classic bugs a failing output is recognised as (katas/conv2d/hints.toml [causes] explains each).
DIAGNOSES = (
    Diagnosis("flipped-kernel", lambda x, weight, bias=None, stride=1, padding=0:
              reference(x, weight.flip(-2, -1), bias, stride, padding)),
    Diagnosis("bias-forgotten", lambda x, weight, bias=None, stride=1, padding=0:
              reference(x, weight, None, stride, padding)),
)


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_conv2d(grading, case):
    check_function(grading, "conv2d", case, reference, condition=shared.conditioning, diagnoses=DIAGNOSES)


def test_efficiency(grading):
    check_efficiency(grading, "conv2d", shared.TIMING_CASE, reference, condition=shared.conditioning)
