"""Grader for logistic_regression (numpy): fit_logistic_regression's (w, b) against the same
gradient-descent loop in float64 (w a float64 array, b a Python float, whatever X's dtype), and
predict_proba to 1e-12 with no NaN and no floating-point warning on logits of any size."""
import numpy as np
import pytest

from interviewkit.grader import CheckFailed, Expected, _, check_function, expect_close, failure, sibling

shared = sibling(__file__, "cases")
FLOAT64 = Expected("numpy", "float64")


def expect_weights_and_bias(output, expected, like, condition):
    """(w, b): w a float64 (D,) array, b a Python float (np.float64 is one), both to float64's tolerance."""
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("expected a tuple (w, b), got {got}").format(got=f"{output!r:.80}"))
    w, b = output
    if isinstance(w, np.ndarray) and w.dtype != np.float64:
        raise failure(_("w has dtype {dtype}, expected float64 whatever the dtype of X: start from np.zeros(D), whose "
                        "dtype is float64").format(dtype=w.dtype), "result-dtype")
    if not isinstance(b, float):
        raise failure(_("b is a {kind} ({value}), expected a Python float: return float(b)").format(
            kind=type(b).__name__, value=f"{b!r:.40}"), "bias-not-a-float")
    expect_close(w, expected[0], FLOAT64, "w", condition=condition)
    expect_close(np.float64(b), expected[1], FLOAT64, "b", condition=condition)


def expect_probabilities(grading):
    def compare(output, expected, like, condition):
        expect_close(output, expected, FLOAT64, _("probabilities"), rtol=0.0, atol=shared.PROBABILITY_ATOL)
        # numpy reports overflow and invalid values as RuntimeWarnings, printed to the sandbox's
        # stderr, which comes back with the call's reply. Python prints a warning once per line of
        # the candidate's file (the "default" filter): the first overflowing case is the one that fails.
        printed = grading.candidate.take_printed()
        if "RuntimeWarning" in printed:
            raise failure(_("the right probabilities, but numpy warned while computing them:\n{printed}\nexp(-z) "
                            "overflows for z < -709 (and np.where computes both of its branches): take exp of -|z| "
                            "only, which lies in (0, 1]").format(printed=printed.strip()[-600:]), "exp-overflowed")
    return compare


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit_logistic_regression(grading, case):
    check_function(grading, "fit_logistic_regression", case, shared.fit_reference,
                   compare=expect_weights_and_bias, diagnoses=shared.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.predict_cases(), ids=str)
def test_predict_proba(grading, case):
    check_function(grading, "predict_proba", case, shared.predict_reference, compare=expect_probabilities(grading),
                   diagnoses=shared.PREDICT_DIAGNOSES)
