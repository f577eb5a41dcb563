"""`kit run`: the candidate's code called on the kata's example (katas/<id>/example.py) or on inputs of
the user's own, each result shown beside the reference's, as LeetCode's Run before Submit. The
candidate's code runs in the sandbox as in a grade; nothing is graded or recorded.

An example file defines `example(track)`, returning the steps to run, in order:
  {"call": "softmax", "args": {...}}                 a function of the track's API
  {"construct": "MultiHeadAttention", "args": {...}}  an instance, which the steps after it use
  {"method": "forward", "args": {...}}               a method of the last instance built ("train"
                                                    and "eval" switch a module's mode; a method
                                                    that returns None shows the constructor's
                                                    arrays, as updated in place)
A step may add "output": i (or [i, j]) to compare and show only those items of its result (not a cache).
Arguments are NumPy arrays, torch tensors or plain values, by parameter name; objects by description
from interviewkit.grader (torch_generator(seed), numpy_generator(seed), step_table(...)), each side
getting its own, built alike; {"result_of": n, "item": i}: each side's own result of step n (its
item i); {"instance": True}: the instance built last; {"optimizer": "SGD", "options": {...}}: an
optimizer over it."""
from __future__ import annotations

import copy
import runpy
import unicodedata
from pathlib import Path
from typing import Callable

from interviewkit.catalog import Kata
from interviewkit.grading.run.events import checked, started
from interviewkit.grading.run.result import CheckResult
from interviewkit.grading.sandbox.errors import CandidateError
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _

EXAMPLE = "example.py"
SAME = 1e-5  # relative: "the same as the reference" in a run, which is not a grade


class ExampleError(Exception):
    """The example file cannot be used: a usage error."""


def load_steps(path: Path, track: str) -> list[dict]:
    """The steps an example file gives for a track, checked for shape."""
    try:
        namespace = runpy.run_path(str(path))
        if not callable(namespace.get("example")):
            raise ExampleError(_("{path} defines no example(track) function").format(path=path))
        steps = namespace["example"](track)
    except ExampleError:
        raise
    except Exception as error:
        raise ExampleError(_("{path} failed: {error}").format(path=path, error=f"{type(error).__name__}: {error}")) from None
    if not isinstance(steps, list) or not all(isinstance(step, dict) and len(set(step) & {"call", "construct",
                                                                                          "method"}) == 1
                                              for step in steps):
        raise ExampleError(_("{path}: example(track) must return a list of steps, each with one of call, construct or "
                             "method (and args)").format(path=path))
    return steps


def run_trial(kata: Kata, track_name: str, file: Path, device: str, emit: Callable[[dict], None],
              example: Path, time_limit: float, memory_limit_mb: int | None) -> None:
    """Loads the candidate's file in a sandbox, as a grade does, runs each step on it and on the
    reference, and emits one check per step whose message shows both results."""
    from interviewkit.grading.run.session import open_candidate
    from interviewkit.grading.toolkit.sibling import sibling

    steps = load_steps(example, track_name)
    opened = open_candidate(kata, track_name, file, device, emit, time_limit, memory_limit_mb)
    try:
        if not opened.contract.passed:
            return
        reference = kata.track(track_name).reference
        candidate = opened.candidate
        trial = _Trial(candidate, sibling(str(reference), reference.stem))
        for step in steps:
            name = _describe(step)
            emit(started(name))
            try:
                shown = trial.step(step)
            except CandidateError as error:
                emit(checked(CheckResult(name, False, str(error), kind=error.kind, output=candidate.take_printed())))
                if error.kind in (Kind.TIMEOUT, Kind.CRASH):
                    return
                continue
            emit(checked(CheckResult(name, shown[0], shown[1], output=candidate.take_printed())))
    finally:
        opened.sandbox.stop()


class _Trial:
    """The two sides of a run: the candidate's instance (a handle) and results, and the reference's."""

    def __init__(self, candidate, reference):
        self.candidate, self.reference = candidate, reference
        self.yours = self.theirs = None
        self.theirs_arguments: dict = {}
        self.results: list[tuple] = []  # (yours, theirs) of every step, for {"result_of": n}

    def step(self, step: dict) -> tuple[bool, str]:
        args = step.get("args", {})
        mine = {name: self._arguments(value, yours=True) for name, value in args.items()}
        own = {name: self._arguments(value, yours=False) for name, value in args.items()}
        if "call" in step:
            got = self.candidate.call(step["call"], **mine).output
            return self._shown(step, got, getattr(self.reference, step["call"])(**own))
        if "construct" in step:
            self.yours = self.candidate.construct(step["construct"], **mine)
            self.theirs, self.theirs_arguments = getattr(self.reference, step["construct"])(**own), own
            self.results.append((None, None))
            if hasattr(self.theirs, "state_dict"):  # a module: the same weights on both sides
                self.yours.load_state_dict({name: value.detach().clone()
                                            for name, value in self.theirs.state_dict().items()})
                return True, _("built, with the reference's weights")
            return True, _("built")
        if self.yours is None:
            raise ExampleError(_("a method step comes before any construct step"))
        name = step["method"]
        if name in ("train", "eval"):  # a module's mode: the method returns the module itself
            mode = name == "train" and own.get("mode", True)
            self.yours.train(mode)
            self.theirs.train(mode)
            self.results.append((None, None))
            return True, _("switched to training mode") if mode else _("switched to evaluation mode")
        got = self.yours.call(name, **mine).output
        method = self.theirs if name == "forward" and callable(self.theirs) else getattr(self.theirs, name)
        expected = method(**own)
        if got is None and expected is None and not hasattr(self.theirs, "state_dict"):
            # A method that updates in place (an optimizer's step): show the constructor's arrays.
            return self._shown(step, self.yours.arguments()[1], self.theirs_arguments, stored=(None, None))
        return self._shown(step, got, expected)

    def _shown(self, step: dict, got, expected, stored: tuple | None = None) -> tuple[bool, str]:
        self.results.append(stored or (got, expected))
        if "output" in step:  # only this item of the result is compared and shown (not a cache)
            got, expected = _item(got, step["output"]), _item(expected, step["output"])
        return _compare(got, expected)

    def _arguments(self, value, yours: bool):
        """One side's copy of the arguments: an earlier result ({"result_of": n, "item": i}), the
        instance built last ({"instance": True}), an optimizer over it ({"optimizer": "SGD",
        "options": {...}}), objects by description (interviewkit.grader's torch_generator,
        numpy_generator, step_table...) built alike on each side."""
        from interviewkit.grading.sandbox.made import Made
        from interviewkit.grading.toolkit.objects import optimizer

        if isinstance(value, dict) and "result_of" in value and set(value) <= {"result_of", "item"}:
            result = self.results[value["result_of"]][0 if yours else 1]
            return copy.deepcopy(_item(result, value["item"]) if "item" in value else result)
        if isinstance(value, dict) and value == {"instance": True}:
            return self.yours if yours else self.theirs
        if isinstance(value, dict) and isinstance(value.get("optimizer"), str) and set(value) <= {"optimizer", "options"}:
            options = value.get("options", {})
            if yours:
                return optimizer(value["optimizer"], self.yours, **options)
            import torch

            return getattr(torch.optim, value["optimizer"])(self.theirs.parameters(), **options)
        if isinstance(value, Made):
            return value if yours else value.build()
        if isinstance(value, (list, tuple)):
            return type(value)(self._arguments(item, yours) for item in value)
        if isinstance(value, dict):
            return {key: self._arguments(item, yours) for key, item in value.items()}
        return copy.deepcopy(value)


def _item(value, key):
    """Item `key` of a result; a list of keys gives those items, as a tuple."""
    if isinstance(key, list):
        return tuple(_item(value, each) for each in key)
    return value[key] if isinstance(value, (tuple, list, dict)) else value


def _describe(step: dict) -> str:
    what = step.get("call") or step.get("construct") or f".{step['method']}"
    return f"{what}({', '.join(step.get('args', {}))})"


def _compare(got, expected) -> tuple[bool, str]:
    import numpy as np

    same, difference = _same(got, expected)
    verdict = (_("the same as the reference") if same else _("differs from the reference")) + difference
    yours, reference = _("yours:"), _("reference:")
    width = max(_width(yours), _width(reference)) + 1
    return same, f"{_show(got, _padded(yours, width))}\n{_show(expected, _padded(reference, width))}\n{verdict}"


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _padded(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _array(value):
    import numpy as np

    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value) if isinstance(value, (np.ndarray, np.generic, int, float, bool)) else None


def _same(got, expected) -> tuple[bool, str]:
    import numpy as np

    if isinstance(expected, (tuple, list)) and isinstance(got, (tuple, list)) and len(got) == len(expected):
        parts = [_same(a, b) for a, b in zip(got, expected)]
        return all(same for same, _ in parts), ""
    if isinstance(expected, dict) and isinstance(got, dict):
        if set(got) != set(expected):
            return False, _(": keys {got}, the reference's {expected}").format(got=sorted(got), expected=sorted(expected))
        return all(_same(got[key], expected[key])[0] for key in expected), ""
    a, b = _array(got), _array(expected)
    if a is None or b is None:
        return got == expected, ""
    if a.shape != b.shape:
        return False, _(": shape {shape}, the reference's {expected}").format(shape=a.shape, expected=b.shape)
    if a.size == 0:
        return True, ""
    try:
        left, right = a.astype(np.float64), b.astype(np.float64)
    except (TypeError, ValueError):
        return bool(np.array_equal(a, b)), ""
    alike = (left == right) | (np.isnan(left) & np.isnan(right))  # equal infinities, NaN where NaN
    with np.errstate(invalid="ignore"):
        gap = float(np.max(np.where(alike, 0.0, np.abs(left - right))))
    if np.isnan(gap):
        return False, _(" (NaN where the reference has numbers, or the other way round)")
    finite = np.abs(right[np.isfinite(right)])
    scale = max(1.0, float(finite.max()) if finite.size else 1.0)
    return gap <= SAME * scale, _(" (largest difference {gap})").format(gap=f"{gap:.3g}")


def _label(prefix: str) -> str:
    """A prefix without its padding and colon (ASCII or full-width): "yours" of "yours:     "."""
    return prefix.rstrip().rstrip(":：")


def _show(value, prefix: str) -> str:
    """`prefix` and the value, continuation lines aligned under it; a long array shows its corners
    with "..." between them."""
    import numpy as np

    plain = (int, float, str, bool, type(None))
    if isinstance(value, (tuple, list, dict)) and (not value or all(isinstance(item, plain) for item in value) and
                                                   not isinstance(value, dict)):
        return prefix + repr(value)
    if isinstance(value, (tuple, list)):
        return "\n".join(_show(item, _padded(f"{_label(prefix)}[{index}]: ", _width(prefix)))
                         for index, item in enumerate(value))
    if isinstance(value, dict):
        return "\n".join(_show(item, _padded(f"{_label(prefix)}[{key!r}]: ", _width(prefix)))
                         for key, item in value.items())
    array = _array(value)
    if array is None:
        return prefix + repr(value)
    if not array.ndim:
        return prefix + np.array2string(array, precision=6)
    indent = " " * _width(prefix)  # the array below its dtype and shape, so that a narrow screen wraps neither
    text = np.array2string(array, precision=6, threshold=60, edgeitems=3, max_line_width=72, prefix=indent)
    return f"{prefix}{array.dtype} {tuple(array.shape)}\n{indent}{text}"
