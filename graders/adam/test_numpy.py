"""Grader for adam, numpy track: Adam and AdamW driven step by step with the grader's gradients. The
parameters are read back from the arrays the optimizer was built with (updates happen in place) and
compared with torch.optim.Adam / AdamW run in float64 on the same values, after each of the first
three steps, then after every tenth and the last."""
import pytest

from interviewkit.grader import check_steps, sibling

shared = sibling(__file__, "cases")


def check_run(grading, case, values: bool = True) -> None:
    params, grads = case.draws(grading.seed_offset)
    twin = shared.ReferenceOptimizer(case, params)
    check_steps(grading, case.symbol, case, twin, shared.steps(case, grads), args=(params,),
                init=case.hyperparameters, dtype=case.dtype, state=("params",), scales=twin.scales, values=values,
                diagnoses=shared.diagnoses(case, params))


# First: where the updates land comes before their values (and its hint before theirs).
@pytest.mark.parametrize("symbol", shared.SYMBOLS)
def test_step_updates_the_given_arrays_in_place(grading, symbol):
    """Only where the updates land, whatever their values: a step at lr = 0.1 moves every element of
    every array far beyond rounding, in the arrays the optimizer was given, in their dtype."""
    check_run(grading, shared.OptimizerCase("one_step_in_place", symbol, steps=1, hyperparameters={"lr": 0.1}),
              values=False)


@pytest.mark.parametrize("case", shared.cases("Adam"), ids=str)
def test_adam(grading, case):
    check_run(grading, case)


@pytest.mark.parametrize("case", shared.cases("AdamW"), ids=str)
def test_adamw(grading, case):
    check_run(grading, case)
