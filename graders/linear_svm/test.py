"""Grader for linear_svm (numpy): fit_linear_svm's parameters after every epoch against the same
sub-gradient loop in float64 (float64 histories whatever X's dtype), the margin property of its final
parameters on separable data, and predict's labels exactly (int64, a score of 0 going to +1)."""
import numpy as np
import pytest

from interviewkit.grader import CheckFailed, Expected, _, check_function, expect_close, expect_equal, failure, sibling

shared = sibling(__file__, "cases")
FLOAT64 = Expected("numpy", "float64")


def expect_histories(output, expected, like, condition):
    """(ws, bs): float64 arrays (epochs + 1, D) and (epochs + 1,), held to the oracle epoch by epoch."""
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("expected a tuple (ws, bs), got {got}").format(got=f"{output!r:.80}"))
    for name, got, want in zip(("ws", "bs"), output, expected):
        if not isinstance(got, np.ndarray):
            raise CheckFailed(_("{name} is a {kind}, expected a numpy.ndarray: return np.array(history)").format(
                name=name, kind=type(got).__name__))
        if got.shape != tuple(want.shape):
            raise CheckFailed(_("{name} has shape {shape}, expected {expected}: one row per epoch, plus the starting "
                                "zeros in row 0").format(name=name, shape=got.shape, expected=tuple(want.shape)))
        if got.dtype != np.float64:
            raise failure(_("{name} has dtype {dtype}, expected float64 whatever the dtype of X: start from "
                            "np.zeros(D) and 0.0").format(name=name, dtype=got.dtype), "result-dtype")
    # Every epoch at the scale of the whole run: an early, small row carries no more rounding than a late one.
    magnitude = max(float(expected[0].abs().max()) if expected[0].numel() else 0.0, float(expected[1].abs().max()))
    for epoch in range(expected[1].shape[0]):
        expect_close(output[0][epoch], expected[0][epoch], FLOAT64,
                     _("{name} after {epoch} epochs").format(name="w", epoch=epoch), condition=condition,
                     magnitude=magnitude)
        expect_close(np.float64(output[1][epoch]), expected[1][epoch], FLOAT64,
                     _("{name} after {epoch} epochs").format(name="b", epoch=epoch), condition=condition,
                     magnitude=magnitude)


def final_margins(output, case, grading) -> np.ndarray:
    """y (x·w + b) for every training point, at the returned history's last row, y in {-1, +1}."""
    inputs = case.numpy_inputs(grading.seed_offset)
    ws, bs = output if isinstance(output, (tuple, list)) and len(output) == 2 else (None, None)
    if not (isinstance(ws, np.ndarray) and isinstance(bs, np.ndarray) and ws.ndim == 2 and ws.shape[0] > 0
            and bs.shape == ws.shape[:1]):
        raise CheckFailed(_("expected a tuple (ws, bs) of arrays (epochs + 1, D) and (epochs + 1,), got {got}").format(
            got=f"{output!r:.80}"))
    w, b = ws[-1].astype(np.float64), float(bs[-1])
    return np.where(inputs["y"] > 0, 1.0, -1.0) * (inputs["X"].astype(np.float64) @ w + b)


def expect_every_point_on_its_side(case, grading):
    def compare(output, expected, like, condition):
        margins = final_margins(output, case, grading)
        wrong = np.flatnonzero(margins <= 0)
        if wrong.size:
            raise CheckFailed(_("the final (w, b) put {wrong} of {total} training points on the wrong side of the "
                                "boundary (first: point {first}, y (x·w + b) = {margin}) on separable data: is the "
                                "pull y or -y, and are {{0, 1}} labels turned into -1 and +1?").format(
                wrong=wrong.size, total=margins.size, first=wrong[0], margin=f"{margins[wrong[0]]:.4g}"))
    return compare


def expect_closest_points_on_the_margin(case, grading):
    def compare(output, expected, like, condition):
        closest = float(final_margins(output, case, grading).min())
        if abs(closest - 1.0) > shared.MARGIN_WINDOW:
            raise CheckFailed(_("the smallest margin y (x·w + b) over the training points is {closest}, expected "
                                "within {window} of 1: the closest points should end on the margin").format(
                closest=f"{closest:.4g}", window=shared.MARGIN_WINDOW))
    return compare


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit_linear_svm(grading, case):
    check_function(grading, "fit_linear_svm", case, shared.fit_reference, compare=expect_histories,
                   diagnoses=shared.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.separation_cases(), ids=str)
def test_every_point_ends_on_its_side(grading, case):
    check_function(grading, "fit_linear_svm", case, shared.fit_reference,
                   compare=expect_every_point_on_its_side(case, grading))


@pytest.mark.parametrize("case", shared.margin_cases(), ids=str)
def test_closest_points_end_on_the_margin(grading, case):
    check_function(grading, "fit_linear_svm", case, shared.fit_reference,
                   compare=expect_closest_points_on_the_margin(case, grading))


@pytest.mark.parametrize("case", shared.predict_cases(), ids=str)
def test_predict(grading, case):
    check_function(grading, "predict", case, shared.predict_reference,
                   compare=lambda output, expected, like, condition: expect_equal(
                       output, expected, Expected("numpy", "int64"), "labels"), diagnoses=shared.PREDICT_DIAGNOSES)
