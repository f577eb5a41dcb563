"""Grader for pooling, torch track: max_pool2d and avg_pool2d against F.max_pool2d / F.avg_pool2d in
float64, and the gradient of x for a random upstream gradient (max pooling's goes to each window's
first maximum, as F.max_pool2d's autograd on the CPU)."""
import pytest
import torch.nn.functional as F

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


def max_reference(x, kernel_size, stride=None, padding=0):
    return F.max_pool2d(x, kernel_size, stride, padding)


def avg_reference(x, kernel_size, stride=None, padding=0):
    return F.avg_pool2d(x, kernel_size, stride, padding)


@pytest.mark.parametrize("case", shared.forward_cases(), ids=str)
def test_max_pool2d(grading, case):
    check_function(grading, "max_pool2d", case, max_reference, diagnoses=shared.MAX_DIAGNOSES)


@pytest.mark.parametrize("case", shared.forward_cases(), ids=str)
def test_avg_pool2d(grading, case):
    check_function(grading, "avg_pool2d", case, avg_reference, diagnoses=shared.AVG_DIAGNOSES)


def test_efficiency(grading):
    check_efficiency(grading, "max_pool2d", shared.TIMING_CASE, max_reference)
