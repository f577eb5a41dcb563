"""Grader for sqrt_by_gradient_descent, both tracks: the iterate of the stated rule (exact scaling
by powers of 4, gradient descent on (y² − m)², the stopping test before each update) and its
number of updates, on 0, subnormal, tiny, unit, huge and enormous a, few updates and a loose
tolerance (where √a itself is wrong), other learning rates; in torch element by element, in
float32 and float64; a negative a raises ValueError."""
import pytest

from interviewkit.grader import CandidateError, _, about, check_function, failure, sibling, track

shared = sibling(__file__, "cases")
TRACK = track()


@pytest.mark.parametrize("case", shared.cases(TRACK), ids=str)
def test_sqrt_gd(grading, case):
    compare = shared.compare_for(case, TRACK, grading.inputs(case))
    check_function(grading, "sqrt_gd", case, shared.oracle, grad=False, compare=compare,
                   diagnoses=shared.diagnoses(TRACK))


@pytest.mark.parametrize("case", shared.negative_cases(TRACK), ids=str)
def test_sqrt_gd_rejects(grading, case):
    with about(case, grading, "sqrt_gd"):
        inputs = grading.inputs(case)
        try:
            result = grading.candidate.call("sqrt_gd", inputs["a"])
        except CandidateError as error:
            shared.expect_value_error(error)
            return
        raise failure(_("a negative a must raise ValueError; got {got}").format(got=f"{result.output!r:.80}"),
                      "negative-a-accepted")
