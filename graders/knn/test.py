"""Grader for knn, numpy track: the predicted labels exactly (their values and y_train's dtype) and
the regressed means within their dtype's tolerance, against a float64 oracle that breaks distance
ties by the lower training index and vote ties by the smallest label."""
import pytest

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.classify_cases(), ids=str)
def test_classify(grading, case):
    check_function(grading, "knn_predict", case, shared.reference_knn, compare=shared.expect_prediction(case),
                   diagnoses=shared.DIAGNOSES)


@pytest.mark.parametrize("case", shared.regress_cases(), ids=str)
def test_regress(grading, case):
    check_function(grading, "knn_predict", case, shared.reference_knn, compare=shared.expect_prediction(case),
                   diagnoses=shared.DIAGNOSES)


def test_efficiency(grading):
    check_efficiency(grading, "knn_predict", shared.TIMING_CASE, shared.reference_knn,
                     compare=shared.expect_prediction(shared.TIMING_CASE))
