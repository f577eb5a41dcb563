"""Grader for gcn, numpy track: gcn_layer (the pinned layer: see cases.py) and the two-layer node
classifier's masked loss and hand-written gradients, held to autograd through the same network in
float64 (classifier.py), each gradient at the scale of its own largest entry or, if larger, of the
terms it sums (classifier.gradient_floors: confident logits make it vanish, not its rounding)."""
import numpy as np
import pytest

from interviewkit.grader import CheckFailed, Expected, _, check_function, expect_close, sibling, tolerance

shared = sibling(__file__, "cases")
classifier = sibling(__file__, "classifier")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_gcn_layer(grading, case):
    check_function(grading, "gcn_layer", case, shared.reference, diagnoses=shared.DIAGNOSES)


@pytest.mark.parametrize("problem", classifier.forward_problems("numpy"), ids=str)
def test_classifier_loss_and_grads(grading, problem):
    check_function(grading, "gcn_classifier_loss_and_grads", problem.case(weights=True), classifier.loss_and_grads,
                   condition=classifier.conditioning, compare=_expect_loss_and_grads,
                   diagnoses=classifier.DIAGNOSES)


def _expect_loss_and_grads(output, expected, like: Expected, condition: float) -> None:
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("returned {got}, expected a pair (loss, grads)").format(got=f"{output!r:.80}"))
    loss, grads = output
    want_loss, want_grads, floors = expected
    if not isinstance(loss, float):
        raise CheckFailed(_("the loss is a {kind}, expected a Python float: return float(loss)").format(
            kind=type(loss).__name__))
    rtol, atol = tolerance(like.dtype, max(1.0, float(want_loss.abs())), condition)
    expect_close(np.asarray(loss, dtype=np.float64), want_loss, Expected("numpy", "float64"),
                 _("loss (the mean cross-entropy over the labelled nodes)"), rtol=rtol, atol=atol)
    if not isinstance(grads, dict) or set(grads) != set(classifier.NAMES):
        keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        raise CheckFailed(_("grads is {keys}, expected a dict with exactly the keys W1, b1, W2, b2").format(keys=keys))
    for name in classifier.NAMES:
        scale = max(float(want_grads[name].abs().max()), floors[name])
        expect_close(grads[name], want_grads[name], like, f'grads["{name}"]', condition=condition, magnitude=scale)
