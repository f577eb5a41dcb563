"""`kit run`: the candidate's code called on the kata's example (katas/<id>/example.py) or on inputs of
the user's own, each result shown beside the reference's, as LeetCode's Run before Submit. The
candidate's code runs in the sandbox as in a grade; nothing is graded or recorded.

An example file defines `example(track)`, returning the steps to run, in order:
  {"call": "softmax", "args": {...}}                 a function of the track's API
  {"construct": "MultiHeadAttention", "args": {...}}  an instance, which the steps after it use
  {"method": "forward", "args": {...}}               a method of the last instance built
Arguments are NumPy arrays, torch tensors or plain values, by parameter name, or objects by
description from interviewkit.grader (torch_generator(seed), numpy_generator(seed), step_table(...)):
each side gets its own, built alike."""
from __future__ import annotations

import copy
import importlib.util
import runpy
from pathlib import Path
from typing import Callable

from interviewkit.catalog import Kata, content_root
from interviewkit.grading.run.events import checked, started
from interviewkit.grading.run.result import CONTRACT_CHECK, CheckResult
from interviewkit.grading.sandbox.errors import CandidateError, ForbiddenUse
from interviewkit.grading.sandbox.kinds import Kind

EXAMPLE = "example.py"
SAME = 1e-5  # relative: "the same as the reference" in a run, which is not a grade


class ExampleError(Exception):
    """The example file cannot be used: a usage error."""


def load_steps(path: Path, track: str) -> list[dict]:
    """The steps an example file gives for a track, checked for shape."""
    try:
        steps = runpy.run_path(str(path))["example"](track)
    except KeyError:
        raise ExampleError(f"{path} defines no example(track) function") from None
    except Exception as error:
        raise ExampleError(f"{path} failed: {type(error).__name__}: {error}") from None
    if not isinstance(steps, list) or not all(isinstance(step, dict) and len(set(step) & {"call", "construct",
                                                                                          "method"}) == 1
                                              for step in steps):
        raise ExampleError(f"{path}: example(track) must return a list of steps, each with one of "
                           "call, construct or method (and args)")
    return steps


def run_trial(kata: Kata, track_name: str, file: Path, device: str, emit: Callable[[dict], None],
              example: Path, time_limit: float, memory_limit_mb: int | None) -> None:
    """Loads the candidate's file in a sandbox, runs each step on it and on the reference, and emits
    one check per step whose message shows both results."""
    import time

    from interviewkit.grading.run.session import configure_torch
    from interviewkit.grading.sandbox.candidate import read_source
    from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
    from interviewkit.grading.sandbox.remote import RemoteCandidate
    from interviewkit.grading.sandbox.scan import scan

    track = kata.track(track_name)
    device = configure_torch(device) if track_name == "torch" else "cpu"
    steps = load_steps(example, track_name)
    root = content_root()
    protected = [root / "reference_solutions", root / "graders"]
    settings = SandboxSettings(memory_mb=memory_limit_mb or kata.memory_limit_mb, time_limit=time_limit, device=device,
                               keep_torch=track_name == "torch", hidden=tuple(protected), readable=(file.resolve(),))
    sandbox = start_sandbox(settings)
    try:
        candidate = RemoteCandidate(sandbox, file.resolve(), time.monotonic() + time_limit, time_limit)
        emit(started(CONTRACT_CHECK))
        try:
            source = read_source(file.resolve())
            findings = scan(source, track.forbidden)
            if findings:
                raise ForbiddenUse("was refused before it ran, as kit forbids what it reaches:\n  " + "\n  ".join(findings))
            candidate.load(source, track.api, track.forbidden, protected)
        except CandidateError as error:
            emit(checked(CheckResult(CONTRACT_CHECK, False, str(error), kind=error.kind,
                                     output=candidate.take_printed())))
            return
        emit(checked(CheckResult(CONTRACT_CHECK, True, "; ".join(track.api), output=candidate.take_printed())))
        reference = _module(track.reference)
        yours = theirs = None
        for step in steps:
            name = _describe(step)
            emit(started(name))
            try:
                yours, theirs, shown = _step(step, candidate, reference, yours, theirs)
            except CandidateError as error:
                emit(checked(CheckResult(name, False, str(error), kind=error.kind, output=candidate.take_printed())))
                if error.kind in (Kind.TIMEOUT, Kind.CRASH):
                    return
                continue
            emit(checked(CheckResult(name, shown[0], shown[1], output=candidate.take_printed())))
    finally:
        sandbox.stop()


def _built(value):
    """The reference's own copy of an argument: objects by description (a seeded generator, a
    step table: interviewkit.grader's torch_generator, numpy_generator, step_table...) built here,
    the same as the sandbox builds the candidate's."""
    from interviewkit.grading.sandbox.made import Made

    if isinstance(value, Made):
        return value.build()
    if isinstance(value, (list, tuple)):
        return type(value)(_built(item) for item in value)
    if isinstance(value, dict):
        return {key: _built(item) for key, item in value.items()}
    return copy.deepcopy(value)


def _step(step: dict, candidate, reference, yours, theirs):
    args = step.get("args", {})
    if "call" in step:
        got = candidate.call(step["call"], **copy.deepcopy(args)).output
        return yours, theirs, _compare(got, getattr(reference, step["call"])(**_built(args)))
    if "construct" in step:
        yours = candidate.construct(step["construct"], **copy.deepcopy(args))
        theirs = getattr(reference, step["construct"])(**_built(args))
        if hasattr(theirs, "state_dict"):  # a module: the same weights on both sides
            yours.load_state_dict({name: value.detach().clone() for name, value in theirs.state_dict().items()})
            return yours, theirs, (True, "built, with the reference's weights")
        return yours, theirs, (True, "built")
    if yours is None:
        raise ExampleError("a method step comes before any construct step")
    got = yours.call(step["method"], **copy.deepcopy(args)).output
    method = theirs if step["method"] == "forward" and callable(theirs) else getattr(theirs, step["method"])
    return yours, theirs, _compare(got, method(**_built(args)))


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(f"kit_reference_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _describe(step: dict) -> str:
    what = step.get("call") or step.get("construct") or f".{step['method']}"
    return f"{what}({', '.join(step.get('args', {}))})"


def _compare(got, expected) -> tuple[bool, str]:
    import numpy as np

    same, difference = _same(got, expected)
    verdict = ("the same as the reference" if same else "differs from the reference") + difference
    return same, f"{_show(got, 'yours:     ')}\n{_show(expected, 'reference: ')}\n{verdict}"


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
            return False, f": keys {sorted(got)}, the reference's {sorted(expected)}"
        return all(_same(got[key], expected[key])[0] for key in expected), ""
    a, b = _array(got), _array(expected)
    if a is None or b is None:
        return got == expected, ""
    if a.shape != b.shape:
        return False, f": shape {a.shape}, the reference's {b.shape}"
    if a.size == 0:
        return True, ""
    try:
        gap = float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64))))
    except (TypeError, ValueError):
        return bool(np.array_equal(a, b)), ""
    if np.isnan(gap):
        return False, " (NaN where the reference has numbers, or the other way round)"
    scale = max(1.0, float(np.max(np.abs(b.astype(np.float64)))))
    return gap <= SAME * scale, f" (largest difference {gap:.3g})"


def _show(value, prefix: str) -> str:
    """`prefix` and the value, continuation lines aligned under it; a long array shows its corners
    with "..." between them."""
    import numpy as np

    if isinstance(value, (tuple, list)):
        return "\n".join(_show(item, f"{prefix.rstrip().rstrip(':')}[{index}]: ".ljust(len(prefix)))
                         for index, item in enumerate(value))
    if isinstance(value, dict):
        return "\n".join(_show(item, f"{prefix.rstrip().rstrip(':')}[{key!r}]: ".ljust(len(prefix)))
                         for key, item in value.items())
    array = _array(value)
    if array is None:
        return prefix + repr(value)
    text = np.array2string(array, precision=6, threshold=60, edgeitems=3, max_line_width=100, prefix=prefix)
    return prefix + (f"{text}  [{array.dtype} {tuple(array.shape)}]" if array.ndim else text)
