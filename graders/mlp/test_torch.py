"""Grader for mlp, torch track: MLP's logits and the gradients of x and every parameter, with the
float64 oracle's weights loaded by name (layers.<i>.weight); then train_step, one or two steps
with an optimizer kit builds over the candidate's own module, its returned loss and every
parameter afterwards held to the same steps taken in float64; then train_step, called again and
again, trains the network on XOR (xor.py)."""
import copy

import pytest
import torch
from torch.nn import functional as F

from interviewkit.grader import (
    CandidateError, CheckFailed, Expected, N_, Scale, _, about, build_module, check_module, expect_close, expect_scaled,
    expect_unmodified, failure, optimizer, sibling, tolerance,
)

shared = sibling(__file__, "cases")
xor = sibling(__file__, "xor")
SYMBOL = "MLP"
ADVICE = N_("make every train_step the plain one: zero the gradients, forward, loss, backward, optimizer.step(), and "
            "nothing else (no clipping, no extra loss term, no gradients left from the last call)")


@pytest.mark.parametrize("stack", shared.stacks(), ids=str)
def test_forward(grading, stack):
    check_module(grading, SYMBOL, stack.case(with_labels=False), stack.oracle, init=stack.init(),
                 condition=lambda module, x: shared.conditioning(module(x)))


@pytest.mark.parametrize("stack", shared.stacks(), ids=str)
def test_train_step(grading, stack):
    case = stack.case(with_labels=True)
    with about(case, grading, "train_step(model, optimizer, x, y)"):
        handle, reference = build_module(grading, SYMBOL, case, stack.oracle, stack.init())
        inputs, reference_inputs = grading.inputs(case), case.reference_inputs(grading.seed_offset)
        like = grading.expected(stack.dtype)
        for number, (name, options) in enumerate(stack.steps, start=1):
            try:
                result = grading.candidate.call("train_step", handle, optimizer(name, handle, **options),
                                                inputs["x"], inputs["y"])
                expect_unmodified(result)
                before = _snapshot(reference)  # the classic bugs' steps start from it
                loss, logits = _reference_step(reference, name, options, reference_inputs)
                condition = shared.conditioning(logits)
                _expect_loss(result.output, loss, stack.dtype, condition)
                state = handle.state_dict()
                try:
                    _expect_state(state, reference, like, condition)
                except CheckFailed as error:
                    raise _diagnosed(error, state, before, name, options, reference_inputs, like, condition)
            except CheckFailed as error:
                if len(stack.steps) > 1:
                    error.args = (_("step {number} of {total}: {failure}").format(number=number, total=len(stack.steps),
                                                                                  failure=error),)
                raise


def _reference_step(model, name: str, options: dict, inputs: dict,
                    bug: str = "") -> tuple[torch.Tensor, torch.Tensor]:
    """The same step in float64, with a fresh optimizer of the same kind (kit builds one per call),
    or with one of the classic bugs of BUGS."""
    step = getattr(torch.optim, name)(model.parameters(), **options)
    if bug != "gradients-not-zeroed":
        step.zero_grad()
    logits = model(inputs["x"])
    loss = F.cross_entropy(logits, inputs["y"])
    loss.backward()
    if bug == "gradient-norm-clipped":
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    step.step()
    return loss.detach(), logits.detach()


# Classic bugs of train_step told by the parameters after the step (katas/mlp/hints.toml [causes]).
BUGS = ("gradients-not-zeroed", "gradient-norm-clipped")


def _snapshot(model):
    """A copy of `model` with its gradients (deepcopy leaves .grad behind): a step without zero_grad adds to them."""
    twin = copy.deepcopy(model)
    for copied, parameter in zip(twin.parameters(), model.parameters()):
        copied.grad = None if parameter.grad is None else parameter.grad.clone()
    return twin


def _expect_state(state: dict, reference, like, condition: float) -> None:
    for parameter, want in reference.state_dict().items():
        expect_scaled(state.get(parameter), want, like, _("{parameter} after the step").format(parameter=parameter), Scale(), condition)


def _diagnosed(error: CheckFailed, state: dict, before, name: str, options: dict, inputs: dict, like,
               condition: float) -> CheckFailed:
    """`error`, naming the classic bug whose step leaves the candidate's parameters, if one does."""
    for bug in BUGS:
        twin = _snapshot(before)
        _reference_step(twin, name, options, inputs, bug)
        try:
            _expect_state(state, twin, like, condition)
        except CheckFailed:
            continue
        return failure(str(error), bug)
    return error


def _expect_loss(got, want: torch.Tensor, dtype: str, condition: float) -> None:
    _expect_float(got)
    rtol, atol = tolerance(dtype, max(1.0, float(want.abs())), condition)
    expect_close(torch.tensor(got, dtype=torch.float64), want, Expected("torch", "float64"),
                 _("the returned loss (computed before the step)"), rtol=rtol, atol=atol)


def _expect_float(got) -> float:
    if isinstance(got, torch.Tensor):
        raise CheckFailed(_("train_step returned a tensor, expected a Python float: return loss.item() (a tensor "
                            "keeps the whole autograd graph alive)"))
    if not isinstance(got, float):
        raise CheckFailed(_("train_step returned {got}, expected the loss as a Python float (loss.item())").format(
            got=f"{got!r:.80}"))
    return got


@pytest.mark.parametrize("run", xor.runs(), ids=str)
def test_trains_on_xor(grading, run):
    """MLP(2, [H], 2) with the run's weights, trained by train_step over and over, each time with a
    fresh torch.optim.SGD over the candidate's module: every returned loss, the weights after the
    last step and the trained network's answers on the four points."""
    values = run.draw(grading.seed_offset)
    reference_losses, reference = xor.reference_run(run, values)
    dtype = getattr(torch, run.dtype)
    with about(run, grading, "training"):
        handle = grading.candidate.construct(SYMBOL, in_dim=2, hidden_dims=[run.H], out_dim=2)
        handle.to(device=grading.device, dtype=dtype)
        handle.load_state_dict({name: value.to(dtype) for name, value in xor.state_dict(values).items()})
        x, y = (torch.from_numpy(values[name]).to(grading.device) for name in ("X", "y"))
        losses = []
        for number in range(1, run.steps + 1):
            try:
                result = grading.candidate.call("train_step", handle, optimizer("SGD", handle, lr=run.lr), x, y)
                expect_unmodified(result)
                losses.append(_expect_float(result.output))
            except (CheckFailed, CandidateError) as error:
                error.args = (_("step {number} of {total}: {failure}").format(number=number, total=run.steps,
                                                                              failure=error),)
                raise
        like = grading.expected(run.dtype)
        xor.expect_trained(run, losses, handle.call("forward", x).output, reference_losses, like, ADVICE)
        xor.expect_weights(handle.state_dict(), reference.state_dict(), like, run)
