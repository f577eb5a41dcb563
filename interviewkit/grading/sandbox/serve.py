"""The sandbox's loop: reads a request, runs the operation seam.py declares under that name on its
target, and answers with plain data, what the candidate printed and the threads it left running.
A request for anything the table does not declare is refused; the sandbox never decides a verdict."""
from __future__ import annotations

import _thread
import io
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path

from interviewkit import language
from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.audit import install_audit_hook
from interviewkit.grading.sandbox.candidate import Candidate
from interviewkit.grading.sandbox.confine import Protections
from interviewkit.grading.sandbox.errors import CandidateError
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.grading.sandbox.guard import Guard
from interviewkit.grading.sandbox.handle import Handle
from interviewkit.grading.sandbox.made import INSTANCE, Made
from interviewkit.grading.sandbox.rules import state
from interviewkit.grading.sandbox.seam import OPERATIONS, Operation, Reply, Target, result_to_data
from interviewkit.messages import _, translation

OUTPUT_LIMIT = 64 * 1024


class _CappedText(io.TextIOBase):
    """Collects what the candidate prints, up to a limit; the rest is counted, not kept."""

    def __init__(self):
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.kept
        self.parts.append(text[:room])
        self.kept += min(len(text), room)
        self.dropped += max(0, len(text) - room)
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += "\n" + _("[… {count} more characters printed; output is capped at {size} KiB]").format(
                count=self.dropped, size=OUTPUT_LIMIT // 1024)
        self.parts, self.kept, self.dropped = [], 0, 0
        return text


class Sandbox:
    """What the sandbox holds between requests, and the target of its own operations (seam.HELLO,
    seam.LOAD): the protections that held, the candidate's file once loaded, the handles built."""

    def __init__(self, protections: Protections):
        self._protections = protections
        self._candidate: Candidate | None = None
        self._handles: list[Handle] = []

    def hello(self) -> dict:
        return {"applied": self._protections.applied, "missing": self._protections.missing}

    def load(self, path: str, source: str, api: list[str], forbidden: dict[str, list[str]],
             protected: list[str]) -> None:
        guard = Guard(Forbidden(**{k: tuple(v) for k, v in forbidden.items()}), Path(path),
                      protected_roots=[Path(p) for p in protected])
        self._candidate = Candidate.load(Path(path), tuple(api), guard, source=source)

    def run(self, operation: Operation, request: dict):
        """Runs a declared operation on its target; the outcome as the table says it is replied."""
        args, kwargs = request.get("args", []), request.get("kwargs", {})
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise TypeError(f"malformed arguments for {operation.name}")
        args, kwargs = self._instances(args), self._instances(kwargs)
        outcome = getattr(self._target(operation, request), operation.name)(*args, **kwargs)
        if operation.reply is Reply.RESULT:
            return result_to_data(outcome)
        if operation.reply is Reply.HANDLE:
            self._handles.append(outcome)
            return len(self._handles) - 1
        return outcome

    def _instances(self, value):
        """`value` with every reference to a handle (made.INSTANCE) replaced by its instance."""
        if isinstance(value, Made):
            if value.kind == INSTANCE:
                return self._handle(value.spec.get("handle")).instance
            return value.map(self._instances)
        if isinstance(value, (list, tuple)):
            return type(value)(self._instances(item) for item in value)
        if isinstance(value, dict):
            return {key: self._instances(item) for key, item in value.items()}
        return value

    def _handle(self, number) -> Handle:
        if type(number) is not int or not 0 <= number < len(self._handles):
            raise LookupError(f"no handle {number!r}")
        return self._handles[number]

    def _target(self, operation: Operation, request: dict):
        if operation.target is Target.SANDBOX:
            return self
        if self._candidate is None:
            raise RuntimeError(f"{operation.name} asked before the candidate's file was loaded")
        if operation.target is Target.CANDIDATE:
            return self._candidate
        return self._handle(request.get("handle"))


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _threads() -> dict[int, str]:
    """Every thread of this process that runs Python, id -> name: sys._current_frames() lists each
    one with a Python thread state, those started with `_thread` too, which threading.enumerate()
    misses. The native pools of NumPy's BLAS or of torch (started on a first large product) run no
    Python and are not the candidate's: they are not counted."""
    named = {thread.ident: thread.name for thread in threading.enumerate()}
    return {ident: named.get(ident, f"thread {ident}") for ident in sys._current_frames()}


class _ThreadStarts:
    """Counts the Python threads started and ended in the sandbox, through the one door every Python
    thread takes (`_thread.start_new_thread`, which `threading` also uses): a thread that has not run
    its first line yet shows in no frame list, and a call that returns right after starting one would
    otherwise leave it unseen."""

    def __init__(self):
        self.started = self.ended = 0
        original = _thread.start_new_thread

        def start_new_thread(function, args, kwargs=None):
            def run(*args, **kwargs):
                try:
                    return function(*args, **kwargs)
                finally:
                    self.ended += 1

            self.started += 1
            return original(run, args, kwargs or {})

        _thread.start_new_thread = threading._start_new_thread = start_new_thread

    @property
    def alive(self) -> int:
        return self.started - self.ended


def _threads_left(baseline: set[int], starts: _ThreadStarts, settle_seconds: float = 0.1) -> list[str]:
    """Threads started since the sandbox began that still run; one that returned just now is given a
    moment to end (a thread's state outlives its function by a little)."""
    deadline = time.monotonic() + settle_seconds
    while True:
        left = [name for ident, name in _threads().items() if ident not in baseline]
        left += ["a thread that had not started yet"] * max(0, starts.alive - len(left))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.005)


def serve(requests: int, replies: int, alarms: int, protections: Protections) -> None:
    """Answers requests until the grader closes the channel; after each, marks its end on the alarm
    channel (rules.py), so that the grader knows the channel still reaches it."""
    state.alarms = alarms
    # The catalogue of the grade's language (fresh.main sets it in the NumPy track's interpreter) is
    # read now, before the audit hook watches the candidate's reads: messages are made after it.
    translation(language.current)
    install_audit_hook()
    printed = _CappedText()
    sys.stdout = sys.stderr = printed
    # The sandbox may be forked inside warnings.catch_warnings(record=True) (pytest wraps every test
    # in one): the candidate's warnings must print, every time, to the stderr that the reply carries.
    warnings.resetwarnings()
    warnings.simplefilter("always")
    warnings.showwarning = _print_warning
    baseline, starts = set(_threads()), _ThreadStarts()
    sandbox = Sandbox(protections)
    while True:
        try:
            request = wire.receive(requests)
        except wire.WireError:
            return
        key = (request.get("to"), request.get("op")) if isinstance(request, dict) else None
        operation = OPERATIONS.get(key) if key and all(isinstance(part, str) for part in key) else None
        reply: dict = {}
        try:
            if operation is None:
                reply["error"] = (Kind.INTERNAL.value, f"unknown request {key!r}: not an operation seam.py declares")
            else:
                reply["ok"] = sandbox.run(operation, request)
        except CandidateError as error:
            reply["error"] = (error.kind, str(error))
        except BaseException as error:  # a bug of kit's own, reported rather than hidden
            reply["error"] = (Kind.INTERNAL.value, f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=6)}")
        reply["printed"] = printed.take()
        reply["threads"] = _threads_left(baseline, starts)
        state.alarm(["served"])
        try:
            wire.send(replies, reply)
        except OSError:
            return
