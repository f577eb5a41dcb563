"""The grader's side of the seam: proxies that inherit the operations seam.py declares and forward
each one, as plain data, to the sandbox. Whatever the sandbox reports (violations, threads left
running, its own death) becomes a verdict here, in the grader."""
from __future__ import annotations

import os
import signal
from pathlib import Path

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.errors import (
    CandidateCrashed, CandidateError, CandidateTimeout, ForbiddenUse, LeftRunning, LoadFailed,
    NotImplementedYet, OutOfMemory, SandboxCrashed, SandboxViolation, WrongApi,
)
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.grading.sandbox.made import Made, instance_reference
from interviewkit.grading.sandbox.process import SandboxProcess
from interviewkit.grading.sandbox.seam import (
    HELLO, LOAD, CandidateInterface, HandleInterface, Operation, Reply, plain_argument, result_from_data,
)

ERRORS = {error.kind: error for error in (NotImplementedYet, CandidateCrashed, ForbiddenUse, WrongApi, LoadFailed,
                                          SandboxViolation, CandidateTimeout, SandboxCrashed, LeftRunning,
                                          OutOfMemory)}


class SandboxGone(CandidateError):
    """Asked of a sandbox that an earlier check ended."""

    kind = Kind.NOT_RUN


class RemoteCandidate(CandidateInterface):
    def __init__(self, sandbox: SandboxProcess, path: Path, deadline: float, time_limit: float):
        self.path = path
        self._sandbox = sandbox
        self._deadline = deadline
        self._time_limit = time_limit
        self._ended: str | None = None
        self._printed: list[str] = []

    def take_printed(self) -> str:
        """What the candidate printed since the last time this was asked."""
        text, self._printed = "".join(self._printed), []
        return text

    def protections(self) -> dict:
        return self._send(HELLO, (), {}, {})

    def load(self, source: str, api: tuple[str, ...], forbidden: Forbidden, protected: list[Path]) -> None:
        self._send(LOAD, (), {
            "path": str(self.path), "source": source, "api": list(api),
            "forbidden": {name: list(getattr(forbidden, name)) for name in ("functions", "operations", "modules",
                                                                            "imports")},
            "protected": [str(path) for path in protected],
        }, {})

    def _forward(self, operation: Operation, args: tuple, kwargs: dict, arguments: dict):
        return self._send(operation, args, kwargs, arguments)

    def _send(self, operation: Operation, args: tuple, kwargs: dict, arguments: dict,
              handle: RemoteHandle | None = None):
        """The one path every operation takes: a request in the table's terms, its reply read as declared."""
        message = {"to": operation.target.value, "op": operation.name, "args": [_plain(a) for a in args],
                   "kwargs": {name: _plain(value) for name, value in kwargs.items()}}
        if handle is not None:
            message["handle"] = handle.number
        reply = self._request(message, operation.describe(arguments, handle and handle.symbol))
        if operation.reply is Reply.RESULT:
            return result_from_data(reply)
        if operation.reply is Reply.HANDLE:
            return RemoteHandle(self, arguments["symbol"], reply)
        return reply

    def _request(self, message: dict, during: str):
        if self._ended:
            raise SandboxGone(f"not run: {self._ended}")
        try:
            wire.send(self._sandbox.requests, message, self._deadline)
            reply = wire.receive(self._sandbox.replies, self._deadline)
        except wire.ReplyTimeout:
            self._end(f"the time limit of {self._time_limit:g} s was reached during {during}")
            raise CandidateTimeout(
                f"time limit of {self._time_limit:g} s reached during {during}: an infinite loop, or code far "
                "slower than needed? The grade was stopped here (raise the limit with --timeout)."
            ) from None
        except (wire.ChannelClosed, BrokenPipeError):
            why = self._exit_reason()
            failure = self._sandbox.failure()
            self._end(f"the sandbox ended during {during}")
            if failure:
                raise RuntimeError(f"kit's sandbox failed during {during} (a bug of kit's, not your code):\n{failure}")
            raise SandboxCrashed(f"{why} during {during}") from None
        except wire.WireError as error:
            self._end("the sandbox sent an unreadable reply")
            raise SandboxCrashed(f"the sandbox sent an unreadable reply during {during} ({error}): "
                                 "did your code write to kit's channel?") from None
        if not isinstance(reply, dict):
            self._end("the sandbox sent an unreadable reply")
            raise SandboxCrashed(f"the sandbox sent an unreadable reply during {during}")
        printed = reply.get("printed")
        if isinstance(printed, str) and printed:
            self._printed.append(printed)
        error = reply.get("error")
        if error is not None:
            kind, text = error if isinstance(error, (list, tuple)) and len(error) == 2 else (Kind.INTERNAL, str(error))
            if kind == Kind.INTERNAL:
                raise RuntimeError(f"the sandbox failed: {text}")
            raise ERRORS.get(kind, CandidateCrashed)(str(text))
        threads = reply.get("threads") or []
        if threads:
            raise LeftRunning(
                f"{during} left {len(threads)} thread{'s' if len(threads) > 1 else ''} running "
                f"({', '.join(map(str, threads[:3]))}): a kata solution must finish its work before it returns"
            )
        return reply.get("ok")

    def _end(self, why: str) -> None:
        self._ended = why
        self._sandbox.stop()

    def _exit_reason(self) -> str:
        status = self._sandbox.wait(timeout=2.0)
        if status is None:
            return "the sandbox stopped answering"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            if number == signal.SIGXCPU:
                return f"the CPU time limit ({self._time_limit:g} s) was reached"
            if number == signal.SIGXFSZ:
                return "the file size limit was reached"
            name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
            return f"the sandbox process was killed by {name} (a crash of the interpreter, or the memory limit?)"
        code = os.WEXITSTATUS(status)
        return (f"your code ended the sandbox process (exit status {code}): did it call os._exit() "
                "or kill its own process?")


def _plain(value):
    """An argument as it crosses: a handle as a reference to its instance (made.INSTANCE), inside
    lists and descriptions too."""
    if isinstance(value, RemoteHandle):
        return instance_reference(value.number)
    if isinstance(value, Made):
        return value.map(_plain)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    return plain_argument(value)


class RemoteHandle(HandleInterface):
    def __init__(self, candidate: RemoteCandidate, symbol: str, number: int):
        self.symbol = symbol  # the class the instance was built from, for the "during ..." phrases
        self.number = number  # the sandbox's name for the instance
        self._candidate = candidate

    def _forward(self, operation: Operation, args: tuple, kwargs: dict, arguments: dict):
        return self._candidate._send(operation, args, kwargs, arguments, handle=self)
