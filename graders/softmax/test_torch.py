"""Grader for softmax, torch track: the numpy track's cases, plus the gradient for a random upstream."""
import pytest
import torch

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


def reference(x, dim=-1):
    return torch.softmax(x, dim=dim)


@pytest.mark.parametrize("case", shared.cases("dim"), ids=str)
def test_softmax(grading, case):
    check_function(grading, "softmax", case, reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_magnitude)
