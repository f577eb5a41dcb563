"""Objects in a case's inputs: a seeded generator, a module with given weights, a table step
function. A case lists them as descriptions (sandbox/made.py), whose weights may be recipes; the
sandbox builds the candidate's, the grader a float64 twin for the reference, and
`expect_same_usage` holds the candidate's use of each to the reference's.

    Case("drops", x=normal((4, 5)), p=0.5, generator=torch_generator(3))"""
from __future__ import annotations

import numpy as np
import torch

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.made import Made
from interviewkit.grading.sandbox.seam import CallResult
from interviewkit.grading.sandbox.values import usage
from interviewkit.messages import _, ngettext


def torch_generator(seed: int) -> Made:
    """A `torch.Generator` seeded with `seed` (on the grade's device)."""
    return Made("torch_generator", {"seed": seed})


def numpy_generator(seed: int) -> Made:
    """`np.random.default_rng(seed)`."""
    return Made("numpy_generator", {"seed": seed})


def linear(weight, bias=None, *, recorded: bool = False) -> Made:
    """An `nn.Linear` holding `weight` (out, in) and `bias` (recipes or arrays); its parameters'
    gradients are graded by path, "experts[0].weight". A `recorded` one keeps the number of rows of
    each batch it is called on, compared with the reference's (an expert run once, on its tokens)."""
    return Made("linear", {"weight": weight, "bias": bias, "recorded": recorded})


def mlp(weight1, bias1, weight2, bias2) -> Made:
    """`nn.Sequential(Linear, ReLU, Linear)` with the given weights (parameters "0.weight", "2.bias");
    recorded like `linear(..., recorded=True)`."""
    return Made("mlp", {"weight1": weight1, "bias1": bias1, "weight2": weight2, "bias2": bias2})


def optimizer(name: str, module, **options) -> Made:
    """`torch.optim.<name>(module.parameters(), **options)` over the candidate's module, `module` the
    handle `construct` returned: a call that takes a model and its optimizer (a train step)."""
    return Made("optimizer", {"name": name, "module": module, "options": options})


def step_table(table) -> Made:
    """A decoding `step_fn`: prefixes (n, t) get the log-probabilities `table[t - 1, last token]`
    (table (max_len, V, V)); the prefixes of every call are recorded and compared."""
    return Made("step_table", {"table": table})


def resolve(value, draw):
    """`value` with `draw` applied to every recipe, inside descriptions and lists too, in order."""
    if isinstance(value, Made):
        return value.map(lambda item: resolve(item, draw))
    if isinstance(value, (list, tuple)):
        return type(value)(resolve(item, draw) for item in value)
    return draw(value)


def for_candidate_torch(value, device: str):
    """Arrays in a description become tensors on `device`; a generator is made there too."""
    if isinstance(value, Made):
        made = value.map(lambda item: for_candidate_torch(item, device))
        return Made(made.kind, {**made.spec, "device": device}) if made.kind == "torch_generator" else made
    if isinstance(value, list):
        return [for_candidate_torch(item, device) if isinstance(item, Made) else item for item in value]
    return torch.from_numpy(value).to(device) if isinstance(value, np.ndarray) else value


def for_reference(value):
    """Built objects for the float64 reference: float arrays in float64 tensors, on the CPU."""
    if isinstance(value, Made):
        return value.map(for_reference).build()
    if isinstance(value, list):
        return [for_reference(item) if isinstance(item, Made) else item for item in value]
    if isinstance(value, np.ndarray):
        return torch.from_numpy(value.astype(np.float64) if value.dtype.kind == "f" else value)
    return value


def describe(value) -> str | None:
    if isinstance(value, Made):
        return value.describe()
    if isinstance(value, list) and value and all(isinstance(item, Made) for item in value):
        return f"{len(value)} × {value[0].describe()}"
    return None


def _differs(got, want) -> bool:
    if isinstance(want, torch.Tensor):
        return not (isinstance(got, torch.Tensor) and got.shape == want.shape and torch.equal(got, want))
    return got != want


def expect_same_usage(result: CallResult, reference_arguments: dict, *, advice: str = "") -> None:
    """The candidate used each generator and step function as the reference did: the generator is in
    the same state after the call (the same numbers drawn from it, and only from it), the step
    function was given the same batches of prefixes in the same order."""
    expected = usage(reference_arguments)
    for path, want in expected.items():
        got = result.usage.get(path)
        if isinstance(want, list):
            _expect_same_calls(path, got or [], want)
        elif isinstance(want, dict) and "batches" in want:
            _expect_same_batches(path, (got or {}).get("batches", []), want["batches"])
        elif _differs(got, want):
            message = (_("`{path}` is not in the state the reference leaves it in: the solution drew other numbers "
                         "from it, or more, or fewer; {advice}") if advice else
                       _("`{path}` is not in the state the reference leaves it in: the solution drew other numbers "
                         "from it, or more, or fewer"))
            raise CheckFailed(message.format(path=path, advice=advice))


def _expect_same_calls(path: str, got: list, want: list) -> None:
    for index, (given, expected) in enumerate(zip(got, want)):
        if _differs(given, expected):
            raise CheckFailed(_("call {number} of `{path}` was given prefixes {got}; the reference gives it "
                                "{expected} at that call").format(
                number=index + 1, path=path, got=_prefixes(given), expected=_prefixes(expected)))
    if len(got) != len(want):
        raise CheckFailed(_("`{path}` was called {count} times; the reference calls it {expected} times").format(
            path=path, count=len(got), expected=len(want)))


def _expect_same_batches(path: str, got: list, want: list) -> None:
    if sorted(got) != sorted(want):
        times = {"count": ngettext("once", "{count} times", len(got)).format(count=len(got)),
                 "expected": ngettext("once", "{count} times", len(want)).format(count=len(want))}
        if not got:
            message = _("`{path}` was never called; the reference calls it {expected}, on batches of {expected_rows} "
                        "rows")
        elif not want:
            message = _("`{path}` was called {count}, on batches of {rows} rows; the reference never calls it")
        else:
            message = _("`{path}` was called {count}, on batches of {rows} rows; the reference calls it {expected}, "
                        "on batches of {expected_rows} rows")
        raise CheckFailed(message.format(path=path, rows=sorted(got), expected_rows=sorted(want), **times))


def _prefixes(batch) -> str:
    rows = batch.tolist() if isinstance(batch, torch.Tensor) else batch
    text = repr(rows)
    return text if len(text) <= 120 else text[:119] + "…"
