"""Grader for cross_entropy, numpy track: every reduction, huge and wildly scaled logits, float64,
the result in the logits' dtype (a 0-d array or a NumPy scalar for "mean" and "sum")."""
import pytest
import torch.nn.functional as F

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


def reference(logits, targets, reduction="mean"):
    return F.cross_entropy(logits, targets.long(), reduction=reduction)


@pytest.mark.parametrize("case", shared.cases("numpy"), ids=str)
def test_cross_entropy(grading, case):
    check_function(grading, "cross_entropy", case, reference, condition=shared.conditioning,
                   diagnoses=shared.NUMPY_DIAGNOSES)
