"""Grader for beam_search, torch track: the returned hypotheses, each one's tokens exactly (bos, and
eos where it ended there) and its final score to float64's tolerance, in the contract's order and
types; and the step function's use, call by call: once per step, every live prefix in one batch, in
beam order. Designed tables with exact ties pin the tie rules; random ones the search itself."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.designed_cases(), ids=str)
def test_designed_tables(grading, case):
    check_function(grading, "beam_search", case, shared.oracle, grad=False, compare=shared.expect_hypotheses)


@pytest.mark.parametrize("case", shared.random_cases(), ids=str)
def test_random_models(grading, case):
    check_function(grading, "beam_search", case, shared.oracle, grad=False, compare=shared.expect_hypotheses)
