"""Grader for rope, both tracks: the rotate-half rotation of channel j with j + D/2 by
positions · base^(-2j/D), at default, offset, unsorted and repeated positions, any base, with or
without leading dimensions; the dtype kept and the input untouched; in the torch track also the
gradient of x for a random upstream."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_apply_rope(grading, case):
    check_function(grading, "apply_rope", case, shared.oracle, condition=shared.conditioning(case),
                   diagnoses=shared.diagnoses())
