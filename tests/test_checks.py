"""The graders' toolkit: the gradient comparison's floors, values compared at a chosen scale,
check_steps following one object through several calls (on a stand-in for the sandbox that runs the
candidate's class in this process), and the track a grader of both tracks is collected for."""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import torch

from interviewkit.catalog import Catalog
from interviewkit.grader import Case, Scale, Step, check_steps, expect_scaled, track
from interviewkit.grading.run.session import run_grade
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.seam import CallResult, Gradients
from interviewkit.grading.sandbox.signature import parse_api
from interviewkit.grading.toolkit.checks import Grading, collecting, expect_gradients
from interviewkit.grading.toolkit.compare import Expected

LIKE = Expected("torch", "float32")


def gradients(**values):
    return Gradients(inputs={name: torch.tensor(value, dtype=torch.float32) for name, value in values.items()})


TINY = torch.tensor([1e-12, -3e-12, 2e-12], dtype=torch.float64)  # ~0 in exact arithmetic


def test_a_vanishing_gradient_fails_on_rounding_without_a_floor():
    expected = {"x": TINY}
    with pytest.raises(CheckFailed, match="gradient of `x`"):
        expect_gradients(gradients(x=[1e-7, 0.0, -1e-7]), expected, LIKE, 1.0)
    expect_gradients(gradients(x=[1e-7, 0.0, -1e-7]), expected, LIKE, 1.0, magnitude=1.0)


def test_floors_can_differ_per_input():
    expected = {"x": TINY, "w": TINY}
    rounded = gradients(x=[1e-7, 0.0, 0.0], w=[1e-7, 0.0, 0.0])
    with pytest.raises(CheckFailed, match="gradient of `w`"):
        expect_gradients(rounded, expected, LIKE, 1.0, magnitude={"x": 1.0})
    expect_gradients(rounded, expected, LIKE, 1.0, magnitude={"x": 1.0, "w": 1.0})


def test_a_missing_gradient_says_why():
    with pytest.raises(CheckFailed, match="is None: the output does not depend on `w`"):
        expect_gradients(gradients(x=[1.0]), {"w": torch.ones(1, dtype=torch.float64)}, LIKE, 1.0)


# Values at a chosen scale.

CHANNELS = torch.tensor([[1e-3, 1e3], [2e-3, -1e3]], dtype=torch.float64)  # (N, C): channels 1e6 apart


def test_slices_along_an_axis_are_each_held_at_their_own_scale():
    off = (CHANNELS * torch.tensor([1.01, 1.0], dtype=torch.float64)).float()  # the small channel 1% off
    expect_scaled(off, CHANNELS, LIKE, "output", Scale())  # lost in the large channel's tolerance
    with pytest.raises(CheckFailed, match=r"output\[:, 0\] differs"):
        expect_scaled(off, CHANNELS, LIKE, "output", Scale(axis=1))


def test_a_floor_widens_a_slice_s_scale_and_a_list_takes_one_scale_per_item():
    off = torch.tensor([1e-4, 1.0], dtype=torch.float32)
    want = torch.tensor([0.0, 1.0], dtype=torch.float64)
    with pytest.raises(CheckFailed, match=r"running_var\[0\]"):
        expect_scaled(off, want, LIKE, "running_var", Scale(axis=0))
    expect_scaled(off, want, LIKE, "running_var", Scale(axis=0, floor=np.array([1e3, 0.0])))
    with pytest.raises(CheckFailed, match=r"params\[1\] differs"):
        expect_scaled([off, off], [want, want], LIKE, "params", [Scale(floor=1e3), Scale()])


# check_steps, on a stand-in for the sandbox: the candidate's class runs in this process.

class Handle:
    def __init__(self, instance, args: tuple):
        self.instance, self.args, self.originals = instance, args, list(args[0]) if args else []

    def call(self, method, *args, upstream=None, **kwargs) -> CallResult:
        return CallResult(copy.deepcopy(getattr(self.instance, method)(*copy.deepcopy(args), **kwargs)))

    def get(self, name):
        return copy.deepcopy(getattr(self.instance, name))

    def set(self, **attributes):
        for name, value in attributes.items():
            setattr(self.instance, name, copy.deepcopy(value))

    def arguments(self):
        return copy.deepcopy(list(self.args)), {}

    def replaced_arguments(self):
        params = self.args[0]
        return [f"params[{i}]" for i, array in enumerate(self.originals) if params[i] is not array]


class Sandbox:
    def __init__(self, classes: dict):
        self.classes = classes

    def construct(self, symbol, *args, **kwargs):
        args = copy.deepcopy(args)
        return Handle(self.classes[symbol](*args, **kwargs), args)


def grading_of(classes: dict, *api: str) -> Grading:
    return Grading(Sandbox(classes), "numpy", "cpu", tuple(parse_api(line) for line in api))


class Accumulator:
    """The candidate's class: a running total of what `add` was given."""

    def __init__(self, start=0.0):
        self.total, self.calls = np.float64(start), 0

    def add(self, x):
        self.total = self.total + x.sum()
        self.calls += 1
        return x * 2


class AccumulatorTwin:
    def __init__(self, start=0.0):
        self.total, self.calls = torch.tensor(start, dtype=torch.float64), 0

    def add(self, x):
        self.total = self.total + x.sum()
        self.calls += 1
        return x * 2


class SlipsOnTheThirdCall(Accumulator):
    def add(self, x):
        out = super().add(x)
        if self.calls == 3:
            self.total = self.total + 1
        return out


class CountsTwice(Accumulator):
    def add(self, x):
        self.calls += 1
        return super().add(x)


ACCUMULATOR_API = ("class Accumulator(start=0.0)", "Accumulator.add(x)")
CASE = Case("four_additions")


def additions(count: int = 4) -> list[Step]:
    rng = np.random.default_rng(0)
    return [Step("add", "add", {"x": rng.standard_normal(3).astype(np.float32)}) for _ in range(count)]


def test_check_steps_passes_a_twin_of_the_twin():
    grading = grading_of({"Accumulator": Accumulator}, *ACCUMULATOR_API)
    check_steps(grading, "Accumulator", CASE, AccumulatorTwin(), additions(), state=("total", "calls"))


def test_a_failure_names_its_step_and_the_last_step_after_which_everything_matched():
    grading = grading_of({"Accumulator": SlipsOnTheThirdCall}, *ACCUMULATOR_API)
    with pytest.raises(CheckFailed) as failure:
        check_steps(grading, "Accumulator", CASE, AccumulatorTwin(), additions(), state=("total",))
    assert str(failure.value).startswith("step 3 of 4 (add; everything matched up to step 2): total")
    assert "four_additions" in failure.value.case_description


def test_an_unchecked_step_runs_but_is_not_compared():
    grading = grading_of({"Accumulator": SlipsOnTheThirdCall}, *ACCUMULATOR_API)
    steps = additions()
    steps[2].checked = False
    with pytest.raises(CheckFailed, match=r"^step 4 of 4 \(add; everything matched up to step 2\)"):
        check_steps(grading, "Accumulator", CASE, AccumulatorTwin(), steps, state=("total",))


def test_attributes_are_set_on_both_objects_before_a_call():
    grading = grading_of({"Accumulator": Accumulator}, *ACCUMULATOR_API)
    steps = additions(2)
    steps[1].attributes = {"total": 5.0}
    check_steps(grading, "Accumulator", CASE, AccumulatorTwin(), steps, state=("total",))


def test_one_call_needs_no_step_name():
    grading = grading_of({"Accumulator": CountsTwice}, *ACCUMULATOR_API)
    with pytest.raises(CheckFailed, match=r"^calls is 2, expected 1$"):
        check_steps(grading, "Accumulator", CASE, AccumulatorTwin(), additions(1), state=("total", "calls"))


def test_an_attribute_may_be_kept_in_float64_but_not_below_the_case_s_dtype():
    class Float16(Accumulator):
        def add(self, x):
            self.total = np.float16(self.total + x.sum())
            return x * 2

    api = ("class Accumulator(start=0.0)", "Accumulator.add(x)")
    check_steps(grading_of({"Accumulator": Accumulator}, *api), "Accumulator", CASE, AccumulatorTwin(), additions(1),
                state=("total",))  # np.float64 totals of float32 inputs
    with pytest.raises(CheckFailed, match="total has dtype float16, expected float32"):
        check_steps(grading_of({"Accumulator": Float16}, *api), "Accumulator", CASE, AccumulatorTwin(), additions(1),
                    state=("total",))


class Sgd:
    """The contract's optimizer: step(grads) updates the arrays it was built with, in place."""

    def __init__(self, params, lr=0.1):
        self.params, self.lr = params, lr

    def step(self, grads):
        for p, g in zip(self.params, grads):
            p -= self.lr * g


class SgdTwin:
    def __init__(self, params, lr=0.1):
        self.params, self.lr = [torch.from_numpy(p.astype(np.float64)) for p in params], lr

    def step(self, grads):
        self.params = [p - self.lr * g for p, g in zip(self.params, grads)]


class SgdOnCopies(Sgd):
    def __init__(self, params, lr=0.1):
        super().__init__([p.copy() for p in params], lr)


class SgdReplacing(Sgd):
    def step(self, grads):
        for i, g in enumerate(grads):
            self.params[i] = self.params[i] - self.lr * g


class SgdInFloat64(Sgd):
    def step(self, grads):
        for i, g in enumerate(grads):
            self.params[i] = self.params[i].astype(np.float64) - self.lr * g


@pytest.mark.parametrize("optimizer, message", [
    (Sgd, None),
    (SgdOnCopies, r"params\[0\] still holds its initial values: update the arrays it was given in place"),
    (SgdReplacing, r"params\[0\], params\[1\] are new arrays"),
    (SgdInFloat64, r"params\[0\] is now a float64 array, it was float32"),
])
def test_arrays_given_to_the_constructor_must_be_updated_in_place(optimizer, message):
    rng = np.random.default_rng(1)
    params = [rng.standard_normal((3, 2)).astype(np.float32), rng.standard_normal(4).astype(np.float32)]
    steps = [Step("step", "step", {"grads": [rng.standard_normal(p.shape).astype(np.float32) for p in params]})
             for _ in range(2)]
    grading = grading_of({"Sgd": optimizer}, "class Sgd(params, lr=0.1)", "Sgd.step(grads)")
    run = lambda: check_steps(grading, "Sgd", CASE, SgdTwin(params), steps, args=(params,), state=("params",),
                              values=False)
    if message is None:
        run()
    else:
        with pytest.raises(CheckFailed, match=message):
            run()


# The track, for graders of both tracks.

def test_the_track_is_known_while_a_grader_is_collected():
    with pytest.raises(RuntimeError, match="known only while pytest collects a grader"):
        track()
    with collecting("torch"):
        assert track() == "torch"


def test_a_grader_of_both_tracks_is_collected_again_for_each_grade():
    """softmax's one grader names the axis `axis` in the numpy track and `dim` in the torch track: a
    grader collected once and reused would call the other track's function with the wrong name."""
    kata = Catalog().get("softmax")
    assert kata.track("numpy").grader == kata.track("torch").grader == Path(kata.track("numpy").grader)
    for name in ("numpy", "torch", "numpy"):
        results = run_grade(kata, name, kata.track(name).reference, measure_efficiency=False,
                            select=lambda check: check == "softmax[negative_axis]")
        assert [(r.name, r.passed) for r in results[1:]] == [("softmax[negative_axis]", True)], results


@pytest.mark.parametrize("chosen", ["en", "zh-Hans", "zh-Hant"])
def test_a_candidate_exception_is_known_by_its_type_in_every_language(chosen, monkeypatch):
    """Graders and diagnoses ask which exception the candidate raised: the answer must not hang on
    the translated verb before its name (kfold_split once failed a correct ValueError in Chinese)."""
    from interviewkit import language
    from interviewkit.grading.sandbox.errors import describe_exception, raised_a

    monkeypatch.setattr(language, "current", chosen)
    error = describe_exception(ValueError("n_splits=1 is too few"), Path("solution.py"), "kfold_split(...)")
    assert raised_a(error, "ValueError")
    assert not raised_a(error, "Error") and not raised_a(error, "TypeError")
