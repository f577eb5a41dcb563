"""Grader for grpo_loss (torch track): group_advantages normalises each contiguous group of rewards
by its mean and unbiased std plus eps (a group of one, or a constant one, gives 0); grpo_loss takes
the pessimistic minimum of the ratio and its clip, per token, times the completion's advantage,
adds beta times the k3 estimate of KL(policy || reference), and averages over the kept tokens of
the whole batch. The loss's gradient is graded for logps alone: old_logps, ref_logps and the
advantages are constants of the step."""
import pytest

from interviewkit.grader import check_function, expect_outputs, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.advantage_cases(), ids=str)
def test_group_advantages(grading, case):
    # Rewards carry no gradient in GRPO: the values alone are graded.
    check_function(grading, "group_advantages", case, shared.advantage_reference, grad=False,
                   diagnoses=shared.ADVANTAGE_DIAGNOSES)


@pytest.mark.parametrize("case", shared.loss_cases(), ids=str)
def test_grpo_loss(grading, case):
    # The loss cancels (advantages sum to about 0), its gradient does not: only the loss's tolerance grows.
    condition = shared.loss_conditioning(**case.reference_inputs(grading.seed_offset))

    def compare(got, want, like, factor):
        expect_outputs(got, want, like, factor * condition)

    check_function(grading, "grpo_loss", case, shared.loss_reference, compare=compare, diagnoses=shared.LOSS_DIAGNOSES)
