"""Grader for autoencoder, torch track: encode, decode and forward with the float64 oracle's weights
loaded by name (encoder.<i>.weight, decoder.<i>.weight), their outputs and the gradients of the
input and every parameter; then train_step, one or two steps with an optimizer kit builds over the
candidate's own module, plain or denoising: its returned loss, every parameter afterwards and the
generator's state held to the same steps taken in float64 on the same noise; and a short training
run that must bring the loss down."""
import copy
from functools import partial

import pytest
import torch

from interviewkit.grader import (
    CandidateError, CheckFailed, Expected, Scale, _, about, build_module, check_module, expect_close, expect_same_usage,
    expect_scaled, expect_unmodified, optimizer, sibling, tolerance,
)

shared = sibling(__file__, "cases")
SYMBOL = "AutoEncoder"
# The gradients shrink layer by layer away from the output, and the deepest sum terms that cancel:
# every parameter's gradient is compared at the scale of the largest one (shared_gradient_scale).


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_encode(grading, net):
    _check(grading, net, "encode")


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_decode(grading, net):
    _check(grading, net, "decode")


@pytest.mark.parametrize("net", shared.nets(), ids=str)
def test_forward(grading, net):
    _check(grading, net, "forward")


def _check(grading, net, method: str, bug: str = "") -> None:
    """check_module against the oracle; a failure is named by the first classic bug (shared.MODULE_BUGS)
    whose oracle the candidate passes against, on the same case: the whole check replayed at the case's
    own tolerance, gradients included, where check_module's diagnoses compare float64 outputs only."""
    try:
        check_module(grading, SYMBOL, net.case(method), partial(net.oracle, bug), init=net.init(), method=method,
                     shared_gradient_scale=True)
    except CheckFailed as error:
        if not bug and not getattr(error, "cause", ""):
            error.cause = next((bug for bug in shared.MODULE_BUGS if _passes(grading, net, method, bug)), "")
        raise


def _passes(grading, net, method: str, bug: str) -> bool:
    try:
        _check(grading, net, method, bug)
    except Exception:  # noqa: BLE001 - not this bug
        return False
    return True


@pytest.mark.parametrize("training", shared.trainings(), ids=str)
def test_train_step(grading, training):
    case = training.case()
    with about(case, grading, "train_step(model, optimizer, x, ...)"):
        handle, reference = build_module(grading, SYMBOL, case, training.net.oracle, training.net.init())
        unzeroed = copy.deepcopy(reference)  # the same steps without zero_grad: the classic bug's twin
        like = grading.expected(training.dtype)
        for number, (name, options) in enumerate(training.steps, start=1):
            # Fresh inputs: a fresh twin of the generator, as the candidate's is built afresh per call.
            twin_step = partial(_twin_step, copy.deepcopy(reference), name, options, case, grading, training.dtype)
            try:
                try:
                    result = _call(grading, case, handle, optimizer(name, handle, **options))
                except CandidateError as error:
                    raise _raised_like(error, twin_step) from None
                expect_unmodified(result)
                reference_inputs = case.reference_inputs(grading.seed_offset)
                loss = shared.reference_step(reference, name, options, reference_inputs, training.dtype)
                shared.reference_step(unzeroed, name, options, case.reference_inputs(grading.seed_offset),
                                      training.dtype, zero_grad=False)
                try:
                    expect_same_usage(result, reference_inputs, advice=_(
                        "draw the noise as one torch.randn(x.shape, generator=generator, ...), and nothing when "
                        "noise_std is 0"))
                except CheckFailed as error:
                    error.cause = "noise-not-from-the-generator"
                    raise
                try:
                    _expect_loss(result.output, loss, training.dtype)
                except CheckFailed as error:
                    error.cause = next((bug for bug in shared.STEP_BUGS if _loss_matches(result.output, twin_step, bug,
                                                                                        training.dtype)), "")
                    raise
                state = handle.state_dict()
                for parameter, want in reference.state_dict().items():
                    expect_scaled(state.get(parameter), want, like,
                                  _("{parameter} after the step").format(parameter=parameter), Scale())
            except CheckFailed as failure:
                if number > 1 and not getattr(failure, "cause", "") and _state_matches(handle, unzeroed, like):
                    failure.cause = "gradients-not-zeroed"
                if len(training.steps) > 1:
                    failure.args = (_("step {number} of {total}: {failure}").format(
                        number=number, total=len(training.steps), failure=failure),)
                raise


@pytest.mark.parametrize("run", shared.runs(), ids=str)
def test_training(grading, run):
    """Not draw for draw (train_step is graded so above): the loss of the last steps must be well
    below the first: the reference's falls to about a fifth on this data, to 0.37 of it at worst
    over 40 seeds, and this check asks for 0.7."""
    first = run.case(0)
    with about(first, grading, f"{run.steps} calls of train_step(model, optimizer, x, ...)"):
        handle, _reference = build_module(grading, SYMBOL, first, run.net.oracle, run.net.init())
        name, options = run.optimizer
        losses = []
        for step in range(run.steps):
            result = _call(grading, run.case(step), handle, optimizer(name, handle, **options))
            if not isinstance(result.output, float):
                raise CheckFailed(_("train_step returned {got}, expected the loss as a Python float").format(
                    got=f"{result.output!r:.80}"))
            losses.append(result.output)
        late = sum(losses[-5:]) / 5
        if not late < 0.7 * losses[0]:
            raise CheckFailed(_("after {steps} steps the loss went from {first} to {late} (the mean of the last "
                                "five); the reference brings it to about a fifth: is the target the clean x, and does "
                                "each step zero the gradients and call optimizer.step()?").format(
                steps=run.steps, first=f"{losses[0]:.4g}", late=f"{late:.4g}"))


def _twin_step(before, name, options, case, grading, dtype, bug):
    """The step a classic bug takes, from the reference's state before this step (a fresh copy each call)."""
    return shared.reference_step(copy.deepcopy(before), name, options, case.reference_inputs(grading.seed_offset),
                                 dtype, bug=bug)


def _raised_like(error: CandidateError, twin_step) -> CandidateError:
    """The candidate's exception, named by the classic bug whose step raises one of the same name."""
    for bug in shared.STEP_BUGS:
        try:
            twin_step(bug)
        except Exception as raised:  # noqa: BLE001 - the bug's own exception, whatever it is
            # The exception as the sandbox quotes it, without its "raised" (which is translated).
            if f"{type(raised).__name__}: {str(raised).splitlines()[0] if str(raised) else ''}" in str(error):
                error.cause = bug
                break
    return error


def _loss_matches(got, twin_step, bug: str, dtype: str) -> bool:
    try:
        _expect_loss(got, twin_step(bug), dtype)
    except Exception:  # noqa: BLE001 - not this bug (or a bug whose step raises here)
        return False
    return True


def _state_matches(handle, twin, like) -> bool:
    state = handle.state_dict()
    try:
        for parameter, want in twin.state_dict().items():
            expect_scaled(state.get(parameter), want, like, parameter, Scale())
    except CheckFailed:
        return False
    return True


def _call(grading, case, handle, optimizer_made):
    inputs = grading.inputs(case)
    options = {name: inputs[name] for name in ("noise_std", "generator") if name in inputs}
    return grading.candidate.call("train_step", handle, optimizer_made, inputs["x"], **options)


def _expect_loss(got, want: torch.Tensor, dtype: str) -> None:
    if isinstance(got, torch.Tensor):
        raise CheckFailed(_("train_step returned a tensor, expected a Python float: return loss.item() (a tensor "
                            "keeps the whole autograd graph alive)"))
    if not isinstance(got, float):
        raise CheckFailed(_("train_step returned {got}, expected the loss as a Python float (loss.item())").format(
            got=f"{got!r:.80}"))
    rtol, atol = tolerance(dtype, max(1.0, float(want.abs())), 1.0)
    expect_close(torch.tensor(got, dtype=torch.float64), want, Expected("torch", "float64"),
                 _("the returned loss (computed before the step)"), rtol=rtol, atol=atol)
