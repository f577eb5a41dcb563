"""Grader for cross_entropy, torch track: the numpy track's cases plus ignore_index and
label_smoothing, the loss and the logits' gradient for a random upstream, against F.cross_entropy."""
import math

import pytest
import torch.nn.functional as F

from interviewkit.grader import (
    CheckFailed, about, check_function, expect_form, expect_unmodified, input_dtype, sibling,
)

shared = sibling(__file__, "cases")


def reference(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    return F.cross_entropy(logits, targets, reduction=reduction, ignore_index=ignore_index,
                           label_smoothing=label_smoothing)


@pytest.mark.parametrize("case", shared.cases("torch"), ids=str)
def test_cross_entropy(grading, case):
    reference_inputs = case.reference_inputs(grading.seed_offset)
    check_function(grading, "cross_entropy", case, reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_scale(**reference_inputs))


@pytest.mark.parametrize("case", shared.every_row_ignored(), ids=str)
def test_cross_entropy_with_every_row_ignored(grading, case):
    """The mean over no kept row is F.cross_entropy's 0 / 0 = NaN. Only the output is graded: the
    gradient of that NaN is PyTorch's choice of zeros, and a hand-written mean may as well give NaN."""
    with about(case, grading, "cross_entropy"):
        expected = float(reference(**case.reference_inputs(grading.seed_offset)))
        assert math.isnan(expected), f"F.cross_entropy gave {expected} for {case}: the case no longer holds"
        inputs = grading.inputs(case)
        args, kwargs = grading.split_arguments("cross_entropy", inputs)
        result = grading.candidate.call("cross_entropy", *args, **kwargs)
        expect_unmodified(result)
        expect_form(result.output, (), grading.expected(input_dtype(inputs)), "output")
        if not math.isnan(float(result.output)):
            raise CheckFailed(
                f"output is {float(result.output):.6g} where F.cross_entropy gives NaN: with every row ignored, "
                "the mean divides a sum of 0 by 0 kept rows (leave the division unguarded, as PyTorch does)"
            )
