"""Grader for naive_bayes, numpy track: the fitted classes (exactly, y's dtype), priors, means and
variances (biased, plus scikit-learn's epsilon from all of X), log posteriors normalised in log
space (finite 1e3 standard deviations away), and predicted labels with ties to the first class,
against float64 torch oracles."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit(grading, case):
    check_function(grading, "fit_gaussian_nb", case, shared.reference_fit, compare=shared.expect_fit(case),
                   diagnoses=shared.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.probability_cases(), ids=str)
def test_log_proba(grading, case):
    check_function(grading, "predict_log_proba", case, shared.reference_log_proba, diagnoses=shared.LOG_PROBA_DIAGNOSES)


@pytest.mark.parametrize("case", shared.predict_cases(), ids=str)
def test_predict(grading, case):
    check_function(grading, "predict", case, shared.reference_predict,
                   compare=shared.expect_predict(case, grading.seed_offset))
