"""Grader for mlp, numpy track: TwoLayerMLP's logits, its loss and four gradients (held to autograd
through the same network in float64), and sgd_step, followed over two steps, which must update the
very arrays the constructor was given; then the candidate's own loop of loss_and_grads and sgd_step
trains the network on XOR (xor.py)."""
import numpy as np
import pytest

from interviewkit.grader import (
    CandidateError, CheckFailed, Expected, N_, Scale, Step, _, about, check_steps, expect_close, expect_scaled,
    expect_unmodified, sibling, tolerance,
)

shared = sibling(__file__, "cases")
xor = sibling(__file__, "xor")
SYMBOL = "TwoLayerMLP"
ADVICE = N_("compute the gradients afresh in every call of loss_and_grads (nothing kept from the last call), and "
            'let sgd_step take exactly W -= lr * grads["W"]')


def weights(values: dict) -> tuple:
    return tuple(values[name] for name in shared.NAMES)


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_forward(grading, net):
    values = net.draw(grading.seed_offset)
    twin = shared.ReferenceTwoLayerMLP(values)
    check_steps(grading, SYMBOL, net, twin, [Step("forward", "forward", {"X": values["X"]})],
                args=weights(values), dtype=net.dtype, call="model.forward(X)")


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_loss_and_grads(grading, net):
    values = net.draw(grading.seed_offset)
    twin = shared.ReferenceTwoLayerMLP(values)
    loss, grads, logits = twin.loss_and_grads(values["X"], values["y"])
    floors = twin.gradient_floors(values["X"], values["y"])
    condition = shared.conditioning(logits)
    with about(net, grading, "model.loss_and_grads(X, y)"):
        handle = grading.candidate.construct(SYMBOL, *weights(values))
        result = handle.call("loss_and_grads", values["X"], values["y"])
        expect_unmodified(result)
        got_loss, got_grads = _unpack(result.output)
        rtol, atol = tolerance(net.dtype, max(1.0, float(logits.abs().max())), condition)
        expect_close(np.asarray(got_loss, dtype=np.float64), loss, Expected("numpy", "float64"), _("loss"),
                     rtol=rtol, atol=atol)
        like = grading.expected(net.dtype)
        for name in shared.NAMES:
            expect_scaled(got_grads[name], grads[name], like, f'grads["{name}"]', Scale(floor=floors[name]),
                          condition)


def _unpack(output) -> tuple:
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("loss_and_grads returned {got}, expected a pair (loss, grads)").format(got=f"{output!r:.80}"))
    loss, grads = output
    if not isinstance(loss, float):
        raise CheckFailed(_("the loss is a {type}, expected a Python float: return float(loss)").format(
            type=type(loss).__name__))
    if not isinstance(grads, dict) or set(grads) != set(shared.NAMES):
        keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        raise CheckFailed(_("grads is {keys}, expected a dict with exactly the keys W1, b1, W2, b2").format(keys=keys))
    return loss, grads


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_sgd_step(grading, net):
    """Two steps with the reference's gradients, the forward pass between them: the caller's arrays
    hold the update after each (the same objects, their dtype kept)."""
    values = net.draw(grading.seed_offset)
    twin = shared.ReferenceTwoLayerMLP(values)
    grads = twin.loss_and_grads(values["X"], values["y"])[1]
    grads = {name: grad.numpy().astype(net.dtype) for name, grad in grads.items()}
    steps = [Step("sgd_step(grads, lr=0.1)", "sgd_step", {"grads": grads, "lr": 0.1}),
             Step(_("forward after the step"), "forward", {"X": values["X"]}),
             Step("sgd_step(grads, lr=0.5)", "sgd_step", {"grads": grads, "lr": 0.5})]
    check_steps(grading, SYMBOL, net, twin, steps, args=weights(values), dtype=net.dtype, state=shared.NAMES,
                call="model.sgd_step(grads, lr)")


@pytest.mark.parametrize("run", xor.runs(), ids=str)
def test_trains_on_xor(grading, run):
    """The candidate's loss_and_grads feeds its own sgd_step, step after step: every loss, the
    weights after the last step and the trained network's answers on the four points."""
    values = run.draw(grading.seed_offset)
    reference_losses, reference = xor.reference_run(run, values)
    like = grading.expected(run.dtype)
    with about(run, grading, "training"):
        handle = grading.candidate.construct(SYMBOL, *weights(values))
        losses = []
        for number in range(1, run.steps + 1):
            try:
                result = handle.call("loss_and_grads", values["X"], values["y"])
                expect_unmodified(result)
                loss, grads = _unpack(result.output)
                losses.append(loss)
                handle.call("sgd_step", grads, run.lr)
            except (CheckFailed, CandidateError) as failure:
                failure.args = (_("step {number} of {total}: {failure}").format(number=number, total=run.steps,
                                                                                failure=failure),)
                raise
        xor.expect_trained(run, losses, handle.call("forward", values["X"]).output, reference_losses, like, ADVICE)
        xor.expect_weights({name: handle.get(name) for name in shared.NAMES}, xor.as_numpy_weights(reference),
                           like, run)
