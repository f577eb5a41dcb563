"""Grader for linear_regression (numpy): fit_linear_regression's (w, b) against a float64 SVD oracle
(ridge with an unpenalised intercept, the minimum-norm w where there are many), and
fit_linear_regression_gd's against the same gradient-descent loop in float64; w a float64 array and
b a Python float whatever X's dtype."""
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
        raise failure(_("w has dtype {dtype}, expected float64 whatever the dtype of X: compute in float64 "
                        "(X.astype(np.float64), np.zeros(D))").format(dtype=w.dtype), "result-dtype")
    if not isinstance(b, float):
        raise failure(_("b is a {kind} ({value}), expected a Python float: return float(b)").format(
            kind=type(b).__name__, value=f"{b!r:.40}"), "bias-not-a-float")
    # b against the scale of the whole fit: b = mean(y) - mean(X) @ w carries w's rounding.
    magnitude = max(float(expected[0].abs().max()) if expected[0].numel() else 0.0, abs(float(expected[1])))
    expect_close(w, expected[0], FLOAT64, "w", condition=condition)
    expect_close(np.float64(b), expected[1], FLOAT64, "b", condition=condition, magnitude=magnitude)


@pytest.mark.parametrize("case", shared.closed_form_cases(), ids=str)
def test_fit_linear_regression(grading, case):
    check_function(grading, "fit_linear_regression", case, shared.closed_form_reference,
                   condition=shared.closed_form_condition, compare=expect_weights_and_bias,
                   diagnoses=shared.CLOSED_FORM_DIAGNOSES)


@pytest.mark.parametrize("case", shared.gradient_descent_cases(), ids=str)
def test_fit_linear_regression_gd(grading, case):
    check_function(grading, "fit_linear_regression_gd", case, shared.gradient_descent_reference,
                   compare=expect_weights_and_bias, diagnoses=shared.GRADIENT_DESCENT_DIAGNOSES)
