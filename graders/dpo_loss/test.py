"""Grader for dpo_loss (torch): sequence_logps shifts the labels and their mask together and sums
the scored log-probabilities (gradient of the logits graded); dpo_loss is TRL's sigmoid loss with
label smoothing, finite for margins of 1e4, with detached rewards (gradients of the policy
log-probabilities graded, through the losses alone)."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.sequence_logps_cases(), ids=str)
def test_sequence_logps(grading, case):
    check_function(grading, "sequence_logps", case, shared.sequence_logps_reference, compare=shared.expect_logps,
                   diagnoses=shared.LOGPS_DIAGNOSES)


@pytest.mark.parametrize("case", shared.dpo_cases(), ids=str)
def test_dpo_loss(grading, case):
    shared.check_dpo_loss(grading, case)
