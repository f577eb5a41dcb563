"""Grader for causal_lm_loss (torch): the loss of the shifted targets (position t predicts
labels[:, t + 1]), one mean over every kept target of the batch, ignore_index honoured wherever it
sits and whatever it is, exact for logits up to 1e4, and the gradient of the logits for a random
upstream, against F.cross_entropy of the shifted, flattened positions in float64."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_causal_lm_loss(grading, case):
    reference_inputs = case.reference_inputs(grading.seed_offset)
    check_function(grading, "causal_lm_loss", case, shared.reference, condition=shared.conditioning,
                   gradient_magnitude=shared.gradient_scale(**reference_inputs), diagnoses=shared.DIAGNOSES)
