"""Grader for cross_entropy, torch track: the numpy track's cases plus ignore_index and
label_smoothing, the loss and the logits' gradient for a random upstream, against F.cross_entropy."""
import pytest
import torch.nn.functional as F

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


def reference(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    return F.cross_entropy(logits, targets, reduction=reduction, ignore_index=ignore_index,
                           label_smoothing=label_smoothing)


@pytest.mark.parametrize("case", shared.cases("torch"), ids=str)
def test_cross_entropy(grading, case):
    reference_inputs = case.reference_inputs(grading.seed_offset)
    check_function(grading, "cross_entropy", case, reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_scale(**reference_inputs), diagnoses=shared.TORCH_DIAGNOSES)


@pytest.mark.parametrize("case", shared.every_row_ignored(), ids=str)
def test_cross_entropy_with_every_row_ignored(grading, case):
    """Only the output is graded: the gradient of that NaN is PyTorch's choice of zeros, and a
    hand-written mean may as well give NaN."""
    check_function(grading, "cross_entropy", case, reference, grad=False, compare=shared.expect_nan)
