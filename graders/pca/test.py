"""Grader for pca (numpy track): the fit (mean, components with a fixed sign, explained variance
over N - 1 and its ratio over every component) against a float64 SVD, held to a tolerance scaled
by the gap between singular values; transform and inverse_transform against their formulas."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit_pca(grading, case):
    check_function(grading, "fit_pca", case, shared.fit_reference, condition=shared.fit_condition,
                   compare=shared.expect_fit, diagnoses=shared.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.transform_cases(), ids=str)
def test_pca_transform(grading, case):
    check_function(grading, "pca_transform", case, shared.transform_reference, condition=shared.transform_condition)


@pytest.mark.parametrize("case", shared.inverse_cases(), ids=str)
def test_pca_inverse_transform(grading, case):
    check_function(grading, "pca_inverse_transform", case, shared.inverse_reference,
                   diagnoses=shared.INVERSE_DIAGNOSES)
