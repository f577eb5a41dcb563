"""Grader for softmax_regression, both tracks: fit_softmax_regression's parameters after every epoch
against the same gradient-descent loop in float64 (NumPy: float64 whatever X's dtype; torch: X's
dtype), predict_proba against torch.softmax on logits up to ±1e300 (and, in torch, its gradients),
predict's labels exactly with ties to the lowest class index."""
import pytest

from interviewkit.grader import (
    CheckFailed, Expected, _, check_function, expect_close, expect_equal, expect_form, sibling, track,
)

shared = sibling(__file__, "cases")
TRACK = track()


def result_like(like: Expected) -> Expected:
    """NumPy's results are float64 by contract; torch's keep X's dtype."""
    return Expected(like.library, "float64", like.device) if TRACK == "numpy" else like


def expect_histories(case):
    """(W_history, b_history), epoch by epoch: the first epoch that is off is the one reported. Each is
    held at the scale of its whole history (the early epochs sit near 0), and b at no finer a scale
    than lr: a step moves b by lr times a mean of probabilities minus labels, exactly 0 for balanced
    labels but not in rounding."""
    lr = case.inputs.get("lr", 0.1)

    def compare(output, expected, like, condition):
        if not isinstance(output, (tuple, list)) or len(output) != 2:
            raise CheckFailed(_("expected a tuple (W_history, b_history), got {got}").format(got=f"{output!r:.80}"))
        like = result_like(like)
        scales = [float(expected[0].abs().max()), max(float(expected[1].abs().max()), lr)]
        for name, got, want in zip(("W_history", "b_history"), output, expected):
            expect_form(got, tuple(want.shape), like, name)
        for epoch in range(expected[0].shape[0]):
            for name, got, want, scale in zip(("W", "b"), output, expected, scales):
                what = (_("{name} after epoch {epoch} ({name}_history[{epoch}])") if epoch
                        else _("{name} at the start ({name}_history[{epoch}])")).format(name=name, epoch=epoch)
                expect_close(got[epoch], want[epoch], like, what,
                             condition=condition, magnitude=scale)
    return compare


def expect_probabilities(grading):
    def compare(output, expected, like, condition):
        expect_close(output, expected, result_like(like), _("probabilities"), condition=condition)
        if TRACK == "numpy":
            # numpy reports overflow and invalid values as RuntimeWarnings, printed to the sandbox's
            # stderr, which comes back with the call's reply.
            printed = grading.candidate.take_printed()
            if "RuntimeWarning" in printed:
                raise CheckFailed(_("the right probabilities, but numpy warned while computing them:\n{printed}\nexp "
                                    "overflows past 709 (and a row of very negative logits gives 0 / 0): subtract "
                                    "each row's max before exp").format(printed=printed.strip()[-600:]))
    return compare


def expect_labels(output, expected, like, condition):
    expect_equal(output, expected, Expected(like.library, "int64", like.device), _("labels"))


def gradient_scales(grading, case):
    """Gradients are compared at no finer a scale than their rounding: max|g| times the largest |W| (for
    X), |X| (for W), 1 (for b)."""
    inputs = case.reference_inputs(grading.seed_offset)

    def scales(upstream):
        g = float(upstream.abs().max())
        return {"X": g * float(inputs["W"].abs().max()), "W": g * float(inputs["X"].abs().max()), "b": g}
    return scales


@pytest.mark.parametrize("case", shared.fit_cases(), ids=str)
def test_fit_softmax_regression(grading, case):
    check_function(grading, "fit_softmax_regression", case, shared.fit_reference, grad=False,
                   compare=expect_histories(case), diagnoses=shared.FIT_DIAGNOSES)


@pytest.mark.parametrize("case", shared.predict_proba_cases(TRACK), ids=str)
def test_predict_proba(grading, case):
    if TRACK == "numpy":
        grading.candidate.take_printed()  # what earlier checks printed is theirs, not this call's
    check_function(grading, "predict_proba", case, shared.predict_proba_reference,
                   condition=shared.probability_condition, gradient_magnitude=gradient_scales(grading, case),
                   compare=expect_probabilities(grading))


@pytest.mark.parametrize("case", shared.predict_cases(TRACK), ids=str)
def test_predict(grading, case):
    check_function(grading, "predict", case, shared.predict_reference, grad=False, compare=expect_labels,
                   diagnoses=shared.PREDICT_DIAGNOSES)
