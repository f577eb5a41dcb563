"""Grader for pooling, numpy track: both forwards against F.max_pool2d / F.avg_pool2d in float64, and
both backwards against autograd through them on the same inputs and upstream gradient (max pooling's
gradient goes to each window's first maximum, as PyTorch's on the CPU)."""
import pytest
import torch
import torch.nn.functional as F

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


def max_reference(x, kernel_size, stride=None, padding=0):
    return F.max_pool2d(x, kernel_size, stride, padding)


def avg_reference(x, kernel_size, stride=None, padding=0):
    return F.avg_pool2d(x, kernel_size, stride, padding)


def max_backward_reference(dout, x, kernel_size, stride=None, padding=0):
    x = x.detach().clone().requires_grad_()
    return torch.autograd.grad(F.max_pool2d(x, kernel_size, stride, padding), x, dout)[0]


def avg_backward_reference(dout, x_shape, kernel_size, stride=None, padding=0):
    x = torch.zeros(x_shape, dtype=dout.dtype, requires_grad=True)
    return torch.autograd.grad(F.avg_pool2d(x, kernel_size, stride, padding), x, dout)[0]


@pytest.mark.parametrize("case", shared.forward_cases(), ids=str)
def test_max_pool2d(grading, case):
    check_function(grading, "max_pool2d", case, max_reference, diagnoses=shared.MAX_DIAGNOSES)


@pytest.mark.parametrize("case", shared.forward_cases(), ids=str)
def test_avg_pool2d(grading, case):
    check_function(grading, "avg_pool2d", case, avg_reference, diagnoses=shared.AVG_DIAGNOSES)


@pytest.mark.parametrize("case", shared.max_backward_cases(), ids=str)
def test_max_pool2d_backward(grading, case):
    check_function(grading, "max_pool2d_backward", case, max_backward_reference)


@pytest.mark.parametrize("case", shared.avg_backward_cases(), ids=str)
def test_avg_pool2d_backward(grading, case):
    check_function(grading, "avg_pool2d_backward", case, avg_backward_reference)


def test_efficiency(grading):
    check_efficiency(grading, "max_pool2d", shared.TIMING_CASE, max_reference)
