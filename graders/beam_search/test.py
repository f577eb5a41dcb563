"""Grader for beam_search, torch track: the returned hypotheses, each one's tokens exactly (bos, and
eos where it ended there) and its final score to float64's tolerance, in the contract's order and
types; and the step function's use, call by call: once per step, every live prefix in one batch, in
beam order. Designed tables with exact ties pin the tie rules; random ones the search itself. A
failure, of the answer or of the step function's use, is diagnosed against the classic bugs (bugs.py)."""
import pytest

from interviewkit.grader import CheckFailed, about, check_function, expect_same_usage, failure, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")


def check_search(grading, case):
    """check_function, then the step function's use: where it differs from the reference's, the first
    classic bug that uses it the same way names the cause (check_function diagnoses outputs only)."""
    result = check_function(grading, "beam_search", case, shared.oracle, grad=False,
                            compare=shared.expect_hypotheses, same_usage=False, diagnoses=bugs.DIAGNOSES)
    with about(case, grading, "beam_search"):
        reference = case.reference_inputs(grading.seed_offset)
        shared.oracle(**reference)
        try:
            expect_same_usage(result, reference)
        except CheckFailed as error:
            for diagnosis in bugs.DIAGNOSES:
                inputs = case.reference_inputs(grading.seed_offset)
                try:
                    diagnosis.oracle(**inputs)
                    expect_same_usage(result, inputs)
                except Exception:  # noqa: BLE001 - not this bug, or a bug these inputs break
                    continue
                raise failure(str(error), diagnosis.cause) from None
            raise


@pytest.mark.parametrize("case", shared.designed_cases(), ids=str)
def test_designed_tables(grading, case):
    check_search(grading, case)


@pytest.mark.parametrize("case", shared.random_cases(), ids=str)
def test_random_models(grading, case):
    check_search(grading, case)
