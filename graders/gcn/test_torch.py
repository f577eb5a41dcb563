"""Grader for gcn, torch track: gcn_layer (the pinned layer: see cases.py); GCNClassifier's logits
and the gradients of x and every parameter, the float64 oracle's weights loaded by name
(layer1.weight, ...); then train_step, one or more steps with an optimizer kit builds over the
candidate's own module, its returned loss and every parameter after each step held to the same
steps taken in float64, and on two communities a short run whose loss must fall (classifier.py)."""
import copy

import pytest
import torch

from interviewkit.grader import (
    CheckFailed, Expected, _, about, build_module, check_function, check_module, expect_close, expect_scaled,
    expect_unmodified, optimizer, sibling, tolerance, Scale,
)

shared = sibling(__file__, "cases")
classifier = sibling(__file__, "classifier")
SYMBOL = "GCNClassifier"


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_gcn_layer(grading, case):
    check_function(grading, "gcn_layer", case, shared.reference, diagnoses=shared.DIAGNOSES)


def _conditioning(module, adj, x) -> float:
    with torch.no_grad():
        return max(1.0, 0.1 * float(module(adj, x).abs().max()))


@pytest.mark.parametrize("problem", classifier.forward_problems("torch"), ids=str)
def test_classifier_forward(grading, problem):
    check_module(grading, SYMBOL, problem.case(labels=False), problem.oracle, init=problem.init(),
                 condition=_conditioning)


@pytest.mark.parametrize("problem", classifier.step_problems(), ids=str)
def test_train_step(grading, problem):
    case = problem.case()
    with about(case, grading, "train_step(model, optimizer, adj, x, y, train_mask)"):
        handle, reference = build_module(grading, SYMBOL, case, problem.oracle, problem.init())
        unzeroed = copy.deepcopy(reference)  # the same steps without zero_grad: the classic bug's twin
        inputs, reference_inputs = grading.inputs(case), case.reference_inputs(grading.seed_offset)
        args = [inputs[name] for name in ("adj", "x", "y", "train_mask")]
        like = grading.expected(problem.dtype)
        losses = []
        for number, (name, options) in enumerate(problem.steps, start=1):
            try:
                result = grading.candidate.call("train_step", handle, optimizer(name, handle, **options), *args)
                expect_unmodified(result)
                loss, logits = classifier.reference_step(reference, name, options, reference_inputs)
                classifier.reference_step(unzeroed, name, options, reference_inputs, zero_grad=False)
                condition = max(1.0, 0.1 * float(logits.abs().max()))
                losses.append(_expect_loss(result.output, loss, problem.dtype, condition))
                state = handle.state_dict()
                for parameter, want in reference.state_dict().items():
                    expect_scaled(state.get(parameter), want, like,
                                  _("{parameter} after the step").format(parameter=parameter), Scale(), condition)
            except CheckFailed as failure:
                if number > 1 and not getattr(failure, "cause", "") and _state_matches(handle, unzeroed, like):
                    failure.cause = "gradients-not-zeroed"
                if len(problem.steps) > 1:
                    failure.args = (_("step {number} of {total}: {failure}").format(
                        number=number, total=len(problem.steps), failure=failure),)
                raise
        if problem.learns and not losses[-1] < losses[0]:
            raise CheckFailed(_("the loss did not fall over {steps} steps: {first} before the first, {last} before the "
                                "last").format(steps=len(losses), first=f"{losses[0]:.6g}", last=f"{losses[-1]:.6g}"))


def _state_matches(handle, twin, like) -> bool:
    state = handle.state_dict()
    try:
        for parameter, want in twin.state_dict().items():
            expect_scaled(state.get(parameter), want, like, parameter, Scale())
    except CheckFailed:
        return False
    return True


def _expect_loss(got, want: torch.Tensor, dtype: str, condition: float) -> float:
    if isinstance(got, torch.Tensor):
        raise CheckFailed(_("train_step returned a tensor, expected a Python float: return loss.item() (a tensor "
                            "keeps the whole autograd graph alive)"))
    if not isinstance(got, float):
        raise CheckFailed(_("train_step returned {got}, expected the loss as a Python float (loss.item())").format(
            got=f"{got!r:.80}"))
    rtol, atol = tolerance(dtype, max(1.0, float(want.abs())), condition)
    expect_close(torch.tensor(got, dtype=torch.float64), want, Expected("torch", "float64"),
                 _("the returned loss (the mean cross-entropy over the labelled nodes, before the step)"),
                 rtol=rtol, atol=atol)
    return got
