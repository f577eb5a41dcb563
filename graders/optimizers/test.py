"""Grader for optimizers, numpy track: SGD and RMSprop driven step by step with the grader's
gradients (and a scheduler's lr between steps). The parameters are read back from the arrays the
optimizer was built with (updates happen in place) and compared with torch.optim.SGD / RMSprop run
in float64 on the same values, after each of the first three steps, then every tenth and the last.
The options torch refuses (nesterov without momentum or with dampening) must raise ValueError."""
import pytest

from interviewkit.grader import CandidateError, _, about, check_steps, failure, raised_a, sibling

shared = sibling(__file__, "cases")


def check_run(grading, case, values: bool = True) -> None:
    params, grads = case.draws(grading.seed_offset)
    if case.raises:
        check_refused(grading, case, params)
        return
    twin = shared.ReferenceOptimizer(case, params)
    check_steps(grading, case.symbol, case, twin, shared.steps(case, grads), args=(params,),
                init=case.hyperparameters, dtype=case.dtype, state=("params",), scales=twin.scales, values=values,
                diagnoses=shared.diagnoses(case, params))


def check_refused(grading, case, params) -> None:
    with about(case, grading, case.symbol):
        try:
            grading.candidate.construct(case.symbol, params, **case.hyperparameters)
        except CandidateError as error:
            if raised_a(error, "ValueError"):
                return
            raise
        raise failure(_("{call} was accepted: torch.optim.{symbol} raises ValueError for these options (Nesterov "
                        "momentum needs momentum > 0 and dampening == 0); raise it in __init__").format(
                          call=case.call(), symbol=case.symbol),
                      "refused-options-accepted")


# First: where the updates land comes before their values (and its hint before theirs).
@pytest.mark.parametrize("symbol", shared.SYMBOLS)
def test_step_updates_the_given_arrays_in_place(grading, symbol):
    """Only where the updates land, whatever their values: a step at lr = 0.1 moves every element of
    every array far beyond rounding, in the arrays the optimizer was given, in their dtype."""
    check_run(grading, shared.OptimizerCase("one_step_in_place", symbol, steps=1, lr=0.1), values=False)


@pytest.mark.parametrize("case", shared.sgd_cases(), ids=str)
def test_sgd(grading, case):
    check_run(grading, case)


@pytest.mark.parametrize("case", shared.rmsprop_cases(), ids=str)
def test_rmsprop(grading, case):
    check_run(grading, case)
