"""Grader for decision_tree, numpy track: the fitted tree exactly (its shape, each split's feature
and float64 midpoint threshold, each leaf's label in y's dtype) and the predicted labels exactly,
against graders/decision_tree/oracle.py, a float64 CART written apart from the reference."""
import pytest

from interviewkit.grader import about, check_function, expect_unmodified, sibling

shared = sibling(__file__, "cases")
oracle = sibling(__file__, "oracle")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit(grading, case):
    check_function(grading, "fit_tree", case, oracle.fit_tree, compare=shared.expect_tree(case.inputs["y"].dtype),
                   diagnoses=bugs.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.predict_cases(), ids=str)
def test_predict(grading, case):
    dtype = shared.leaf_dtype(case.inputs["tree"])
    check_function(grading, "predict_tree", case, oracle.predict_tree, compare=shared.expect_predictions(dtype),
                   diagnoses=bugs.PREDICT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.round_trip_cases(), ids=str)
def test_fit_then_predict(grading, case):
    """The candidate's own tree, predicted by the candidate on its training rows, in y's dtype."""
    with about(case, grading, "fit_tree"):
        inputs = grading.inputs(case)
        reference = case.reference_inputs(grading.seed_offset)
        expected = oracle.predict_tree(oracle.fit_tree(**reference), reference["X"])
        args, kwargs = grading.split_arguments("fit_tree", inputs)
        fitted = grading.candidate.call("fit_tree", *args, **kwargs)
        expect_unmodified(fitted)
        predicted = grading.candidate.call("predict_tree", fitted.output, inputs["X"])
        shared.expect_predictions(case.inputs["y"].dtype)(predicted.output, expected, None)
