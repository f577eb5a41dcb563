"""Grader for cnn, numpy track: LeNet's logits, then backward's gradients of every parameter and of x
(compared from the logits back to the image, so the first failing name is the layer to look at),
held to autograd through the same network in float64 on the same weights and dlogits."""
import numpy as np
import pytest

from interviewkit.grader import CheckFailed, Scale, _, about, expect_scaled, expect_unmodified, sibling

shared = sibling(__file__, "cases")
SYMBOL = "LeNet"
# From the logits back to the image: the first gradient that fails names the layer to look at.
BACKWARD_ORDER = tuple(reversed(shared.NAMES)) + ("x",)


def build(grading, net, values: dict):
    params = {name: values[name] for name in shared.NAMES}
    return grading.candidate.construct(SYMBOL, params, **({"padding": net.padding} if net.padding else {}))


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_forward(grading, net):
    values = net.draw(grading.seed_offset)
    with about(net, grading, "logits"):
        handle = build(grading, net, values)
        result = handle.call("forward", values["x"])
        expect_unmodified(result)
        expect_scaled(result.output, shared.reference_forward(values, net.padding), grading.expected(net.dtype),
                      "logits", Scale())


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_backward(grading, net):
    values = net.draw(grading.seed_offset)
    expected = shared.reference_gradients(values, net.padding)
    with about(net, grading, "grads = model.backward(dlogits)"):
        handle = build(grading, net, values)
        if net.forwards == 2:
            handle.call("forward", values["x_before"])
        expect_unmodified(handle.call("forward", values["x"]))
        result = handle.call("backward", values["dlogits"])
        expect_unmodified(result)
        grads = _gradients(result.output)
        like = grading.expected(net.dtype)
        for name in BACKWARD_ORDER:
            try:
                expect_scaled(grads[name], expected[name], like, f'grads["{name}"]', Scale())
            except CheckFailed as error:
                error.cause = getattr(error, "cause", "") or _diagnosis(grads[name], name, expected, values, net, like)
                raise


def _diagnosis(got, name: str, expected: dict, values: dict, net, like) -> str:
    """The classic bug whose gradients the first failing one matches (held at the check's tolerance), or ''."""
    if name.endswith(".bias") and np.shape(got) == (net.N,) != tuple(expected[name].shape):
        return "bias-gradient-summed-over-the-wrong-axis"
    bugs = []
    if name.endswith(".weight"):
        bugs.append(("weight-gradient-averaged-over-the-batch", lambda: {name: expected[name] / net.N}))
    if net.forwards == 2:
        bugs.append(("backward-reads-an-earlier-forward",
                     lambda: shared.reference_gradients({**values, "x": values["x_before"]}, net.padding)))
    bugs += [(cause, lambda bug=bug: shared.reference_gradients(values, net.padding, **bug))
             for cause, bug in shared.BACKWARD_BUGS]
    for cause, gradients in bugs:
        try:
            expect_scaled(got, gradients()[name], like, name, Scale())
        except (CheckFailed, KeyError):
            continue
        return cause
    return ""


def _gradients(output) -> dict:
    wanted = set(BACKWARD_ORDER)
    if not isinstance(output, dict) or set(output) != wanted:
        keys = sorted(output) if isinstance(output, dict) else type(output).__name__
        raise CheckFailed(_("backward returned {keys}, expected a dict with exactly the keys of params ({names}) "
                            "and \"x\"").format(keys=keys, names=", ".join(shared.NAMES)))
    return output
