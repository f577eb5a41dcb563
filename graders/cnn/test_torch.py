"""Grader for cnn, torch track: LeNet's logits and the gradients of x and every parameter, with the
float64 oracle's weights loaded by name (conv1.weight, ..., fc3.bias); when the logits differ, the
first submodule whose output parts from the oracle's is named. Then train_step, one or two steps
with an optimizer kit builds over the candidate's own module: its returned loss and every parameter
afterwards held to the same steps taken in float64."""
import pytest
import torch
from torch.nn import functional as F

from interviewkit.grader import (
    CheckFailed, Expected, Scale, _, about, build_module, check_module, expect_close, expect_scaled,
    expect_unmodified, optimizer, sibling, tolerance,
)

shared = sibling(__file__, "stacks")
SYMBOL = "LeNet"
SUBMODULES = ("conv1", "conv2", "fc1", "fc2", "fc3")


@pytest.mark.parametrize("stack", shared.stacks(), ids=str)
def test_forward(grading, stack):
    case = stack.case(with_labels=False)
    try:
        check_module(grading, SYMBOL, case, stack.oracle, init=stack.init, locate=SUBMODULES)
    except CheckFailed as error:
        if not getattr(error, "cause", "") and _logits_right(grading, case, stack):
            error.cause = "right-logits-wrong-gradients"  # autograd through the wrong derivative at a kink
        raise


def _logits_right(grading, case, stack) -> bool:
    try:
        check_module(grading, SYMBOL, case, stack.oracle, init=stack.init, grad=False)
    except Exception:  # noqa: BLE001 - the logits are wrong too (or the module breaks): no diagnosis
        return False
    return True


@pytest.mark.parametrize("stack", shared.stacks(), ids=str)
def test_train_step(grading, stack):
    case = stack.case(with_labels=True)
    with about(case, grading, "train_step(model, optimizer, x, y)"):
        handle, reference = build_module(grading, SYMBOL, case, stack.oracle, stack.init)
        inputs, reference_inputs = grading.inputs(case), case.reference_inputs(grading.seed_offset)
        like = grading.expected(stack.dtype)
        for number, (name, options) in enumerate(stack.steps, start=1):
            try:
                result = grading.candidate.call("train_step", handle, optimizer(name, handle, **options),
                                                inputs["x"], inputs["y"])
                expect_unmodified(result)
                loss, logits = _reference_step(reference, name, options, reference_inputs)
                condition = shared.conditioning(logits)
                _expect_loss(result.output, loss, stack.dtype, condition)
                state = handle.state_dict()
                for parameter, want in reference.state_dict().items():
                    expect_scaled(state.get(parameter), want, like,
                                  _("{parameter} after the step").format(parameter=parameter), Scale(), condition)
            except CheckFailed as failure:
                if len(stack.steps) > 1:
                    failure.args = (_("step {number} of {total}: {failure}").format(
                        number=number, total=len(stack.steps), failure=failure),)
                raise


def _reference_step(model, name: str, options: dict, inputs: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """The same step in float64, with a fresh optimizer of the same kind (kit builds one per call)."""
    step = getattr(torch.optim, name)(model.parameters(), **options)
    step.zero_grad()
    logits = model(inputs["x"])
    loss = F.cross_entropy(logits, inputs["y"])
    loss.backward()
    step.step()
    return loss.detach(), logits.detach()


def _expect_loss(got, want: torch.Tensor, dtype: str, condition: float) -> None:
    if isinstance(got, torch.Tensor):
        raise CheckFailed(_("train_step returned a tensor, expected a Python float: return loss.item() (a tensor "
                            "keeps the whole autograd graph alive)"))
    if not isinstance(got, float):
        raise CheckFailed(_("train_step returned {got}, expected the loss as a Python float (loss.item())").format(
            got=f"{got!r:.80}"))
    rtol, atol = tolerance(dtype, max(1.0, float(want.abs())), condition)
    expect_close(torch.tensor(got, dtype=torch.float64), want, Expected("torch", "float64"),
                 _("the returned loss (computed before the step)"), rtol=rtol, atol=atol)
