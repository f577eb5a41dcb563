"""Grader for moe_router (torch): the top-k experts of a softmax router with weights renormalised over
the k, each expert run once on the batch of its tokens (and not at all without one), and Mixtral's
load-balancing loss E·Σ f_i·P_i with f a count; the output, the loss, and the gradients of x, the
router and every expert parameter for random upstream gradients of both. A failure is diagnosed as a
classic bug (bugs.py)."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_moe_forward(grading, case):
    with bugs.diagnosing(grading, case):
        check_function(grading, "moe_forward", case, shared.reference, diagnoses=bugs.DIAGNOSES,
                       gradient_magnitude=shared.gradient_scale(case, grading.seed_offset))
