"""The grader's side of the seam: proxies that inherit the operations seam.py declares and forward
each one, as plain data, to the sandbox. Whatever the sandbox reports (violations, threads left
running, its own death) becomes a verdict here, in the grader."""
from __future__ import annotations

import json
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
from interviewkit.messages import _, ngettext
from interviewkit.grading.sandbox.made import Made, instance_reference
from interviewkit.grading.sandbox.process import SandboxProcess
from interviewkit.grading.sandbox.rules import violation_error
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
        self._alarm_text = b""

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
            raise SandboxGone(_("not run: {reason}").format(reason=self._ended))
        try:
            wire.send(self._sandbox.requests, message, self._deadline)
            reply = wire.receive(self._sandbox.replies, self._deadline)
        except wire.ReplyTimeout:
            self._end(_("the time limit of {seconds} s was reached during {during}").format(
                seconds=f"{self._time_limit:g}", during=during))
            raise CandidateTimeout(
                _("time limit of {seconds} s reached during {during}: an infinite loop, or code far slower than "
                  "needed? The grade was stopped here (raise the limit with --timeout).").format(
                    seconds=f"{self._time_limit:g}", during=during)
            ) from None
        except (wire.ChannelClosed, BrokenPipeError):
            why = self._exit_reason()
            violations, _served = self._alarms()
            if violations:
                self._end(_("the sandbox ended during {during}").format(during=during))
                raise violation_error(violations) from None
            failure = self._sandbox.failure()
            self._end(_("the sandbox ended during {during}").format(during=during))
            if failure:
                raise RuntimeError(_("kit's sandbox failed during {during} (a bug of kit's, not your code):").format(
                    during=during) + f"\n{failure}")
            raise SandboxCrashed(_("{why} during {during}").format(why=why, during=during)) from None
        except wire.WireError as error:
            self._end(_("the sandbox sent an unreadable reply"))
            raise SandboxCrashed(_("the sandbox sent an unreadable reply during {during} ({error}): did your code "
                                   "write to kit's channel?").format(during=during, error=error)) from None
        if not isinstance(reply, dict):
            self._end(_("the sandbox sent an unreadable reply"))
            raise SandboxCrashed(_("the sandbox sent an unreadable reply during {during}").format(during=during))
        printed = reply.get("printed")
        if isinstance(printed, str) and printed:
            self._printed.append(printed)
        violations, served = self._alarms()
        if violations:
            raise violation_error(violations)
        if served != 1:
            raise SandboxViolation(_(
                "the sandbox's alarm channel no longer reached the grader after this call: your code closed, "
                "replaced or filled one of kit's file descriptors"))
        error = reply.get("error")
        if error is not None:
            kind, text = error if isinstance(error, (list, tuple)) and len(error) == 2 else (Kind.INTERNAL, str(error))
            if kind == Kind.INTERNAL:
                raise RuntimeError(_("the sandbox failed: {text}").format(text=text))
            raise ERRORS.get(kind, CandidateCrashed)(str(text))
        threads = reply.get("threads") or []
        if threads:
            raise LeftRunning(
                ngettext("{during} left {count} thread running ({threads}): a kata solution must finish its work "
                         "before it returns",
                         "{during} left {count} threads running ({threads}): a kata solution must finish its work "
                         "before it returns", len(threads)).format(
                    during=during, count=len(threads), threads=", ".join(map(str, threads[:3])))
            )
        return reply.get("ok")

    def _alarms(self) -> tuple[list[tuple[str, str]], int]:
        """What the sandbox wrote on its alarm channel since the last request (rules.py): the
        violations it saw as they happened, and how many requests it marked as ended. A line that is
        not kit's counts as a violation: only the candidate could have written it."""
        while True:
            try:
                chunk = os.read(self._sandbox.alarms, 1 << 16)
            except OSError:  # BlockingIOError: nothing more for now
                break
            if not chunk:
                break
            self._alarm_text += chunk
        *lines, self._alarm_text = self._alarm_text.split(b"\n")
        violations, served = [], 0
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if message == ["served"]:
                served += 1
            elif isinstance(message, list) and len(message) == 2 and all(type(part) is str for part in message):
                violations.append((message[0], message[1]))
            else:
                violations.append(("channel", _("something other than kit wrote on the sandbox's alarm channel")))
        return violations, served

    def _end(self, why: str) -> None:
        self._ended = why
        self._sandbox.stop()

    def _exit_reason(self) -> str:
        status = self._sandbox.wait(timeout=2.0)
        if status is None:
            return _("the sandbox stopped answering")
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            if number == signal.SIGXCPU:
                return _("the CPU time limit ({seconds} s) was reached").format(seconds=f"{self._time_limit:g}")
            if number == signal.SIGXFSZ:
                return _("the file size limit was reached")
            if number == signal.SIGSYS:
                return _("the sandbox killed your code for a system call of another ABI (a 32-bit int 0x80 or x32 "
                         "call, as code that slips past the sandbox's filter makes)")
            name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
            return _("the sandbox process was killed by {signal} (a crash of the interpreter, or the memory limit?)"
                     ).format(signal=name)
        code = os.WEXITSTATUS(status)
        return _("your code ended the sandbox process (exit status {code}): did it call os._exit() or kill its own "
                 "process?").format(code=code)


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
