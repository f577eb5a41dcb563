"""Grader for adam, numpy track: Adam and AdamW driven step by step with the grader's gradients. The
parameters are read back from the arrays the optimizer was built with (updates happen in place) and
compared with torch.optim.Adam / AdamW run in float64 on the same values, after each of the first
three steps, then after every tenth and the last."""
import numpy as np
import pytest
import torch

from interviewkit.grader import CheckFailed, about, expect_close, expect_unmodified, sibling, tolerance

shared = sibling(__file__, "cases")


def parameters_now(optimizer, count: int) -> list:
    """The `params` list the optimizer was built with, as it is now."""
    args, kwargs = optimizer.arguments()
    params = args[0] if args else kwargs.get("params")
    if not isinstance(params, list) or len(params) != count:
        raise CheckFailed(f"the `params` list now holds {params!r:.120}, expected the {count} arrays the optimizer "
                          "was built with: step must update those arrays, not the list")
    return params


def moved_beyond_rounding(reference: torch.Tensor, initial: np.ndarray, allowed: tuple[float, float]) -> bool:
    rtol, atol = allowed
    change = (reference - torch.from_numpy(initial.astype(np.float64))).abs()
    return bool((change > atol + rtol * reference.abs()).any())


def expect_updated_in_place(array, initial: np.ndarray, dtype: str, what: str, should_have_moved: bool) -> None:
    """The two ways a correct-looking update never reaches the caller: copies, and new arrays."""
    now = np.asarray(array) if isinstance(array, (np.ndarray, np.generic)) else None
    if now is not None and str(now.dtype) != dtype:
        raise CheckFailed(
            f"{what} is now a {now.dtype} array, it was {dtype}: a parameter keeps its dtype. Write the update "
            "into the array (`p -= update`, `p[...] = ...`), which keeps p's dtype and updates the caller's "
            "array, instead of putting a new array in the list"
        )
    if should_have_moved and now is not None and now.shape == initial.shape and np.array_equal(now, initial):
        raise CheckFailed(
            f"{what} still holds its initial values: step must update the arrays in `params` in place "
            "(`p -= update`, `p[...] = ...`). Updating copies of them, or rebinding a name (`p = p - update`), "
            "leaves the caller's arrays, the model's weights, as they were"
        )


def check_run(grading, case) -> None:
    with about(case, grading, case.symbol):
        params, grads, trajectory, magnitudes = shared.run(case, grading.seed_offset)
        optimizer = grading.candidate.construct(case.symbol, params, **case.hyperparameters)
        like = grading.expected(case.dtype)
        checkpoints = case.checkpoints()
        matched = None  # the last step after which every array matched
        for step, (step_grads, expected, scales) in enumerate(zip(grads, trajectory, magnitudes), start=1):
            expect_unmodified(optimizer.call("step", step_grads))  # torch.optim leaves p.grad alone
            if step not in checkpoints:
                continue
            current = parameters_now(optimizer, len(params))
            condition = case.tolerance_condition(step)
            since = f" (all matched after step {matched})" if matched else ""
            for index, (array, initial, reference, scale) in enumerate(zip(current, params, expected, scales)):
                what = f"params[{index}] ({case.arrays[index].name}) after step {step} of {case.steps}{since}"
                moved = moved_beyond_rounding(reference, initial, tolerance(case.dtype, scale, condition))
                expect_updated_in_place(array, initial, case.dtype, what, moved)
                # atol at the largest magnitude the array has held so far: rounding accumulates there.
                expect_close(array, reference, like, what, magnitude=scale, condition=condition)
            matched = step


@pytest.mark.parametrize("case", shared.cases("Adam"), ids=str)
def test_adam(grading, case):
    check_run(grading, case)


@pytest.mark.parametrize("case", shared.cases("AdamW"), ids=str)
def test_adamw(grading, case):
    check_run(grading, case)


@pytest.mark.parametrize("symbol", shared.SYMBOLS)
def test_step_updates_the_given_arrays_in_place(grading, symbol):
    """Only where the updates land, whatever their values: every array moves and keeps its dtype."""
    case = shared.OptimizerCase("one_step_in_place", symbol, steps=1, hyperparameters={"lr": 0.1})
    with about(case, grading, symbol):
        params, grads = case.draws(grading.seed_offset)
        optimizer = grading.candidate.construct(symbol, params, lr=0.1)
        optimizer.call("step", grads[0])
        replaced = optimizer.replaced_arguments()
        if replaced:
            raise CheckFailed(
                f"step() put new arrays in {', '.join(replaced)} instead of updating the arrays it was given: "
                "whoever holds them (the model) never sees the update; change them in place (p -= ...)")
        for index, (array, initial) in enumerate(zip(parameters_now(optimizer, len(params)), params)):
            # A step at lr = 0.1 moves every element of every array by about 0.1, far beyond rounding.
            expect_updated_in_place(array, initial, case.dtype, f"params[{index}] after one step", True)
