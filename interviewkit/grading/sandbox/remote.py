"""The grader's side of the seam when the candidate runs in the sandbox: the same API as
candidate.Candidate and candidate.Handle, forwarded as messages. Whatever the sandbox reports
(violations, threads left running, its own death) becomes a verdict here, in the grader."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.candidate import CallResult, Gradients
from interviewkit.grading.sandbox.errors import (
    CandidateCrashed, CandidateError, CandidateTimeout, ForbiddenUse, LeftRunning, LoadFailed,
    NotImplementedYet, OutOfMemory, SandboxCrashed, SandboxViolation, WrongApi,
)
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.grading.sandbox.process import SandboxProcess

ERRORS = {error.kind: error for error in (NotImplementedYet, CandidateCrashed, ForbiddenUse, WrongApi, LoadFailed,
                                          SandboxViolation, CandidateTimeout, SandboxCrashed, LeftRunning,
                                          OutOfMemory)}


class SandboxGone(CandidateError):
    """Asked of a sandbox that an earlier check ended."""

    kind = Kind.NOT_RUN


class RemoteCandidate:
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
        return self._request({"op": "hello"}, "starting the sandbox")

    def load(self, source: str, api: tuple[str, ...], forbidden: Forbidden, protected: list[Path]) -> None:
        self._request({
            "op": "load", "path": str(self.path), "source": source, "api": list(api),
            "forbidden": {name: list(getattr(forbidden, name)) for name in ("functions", "operations", "modules",
                                                                            "imports")},
            "protected": [str(path) for path in protected],
        }, "importing your file")

    def call(self, symbol: str, *args, upstream=None, **kwargs) -> CallResult:
        reply = self._request({"op": "call", "symbol": symbol, "args": list(args), "kwargs": kwargs,
                               "upstream": upstream}, f"{symbol}(...)")
        return _call_result(reply)

    def time_call(self, symbol: str, *args, repeat: int = 3, **kwargs) -> list[float]:
        """Wall times of `repeat` calls (after a warm-up), measured inside the sandbox."""
        return self._request({"op": "time", "symbol": symbol, "args": list(args), "kwargs": kwargs,
                              "repeat": repeat}, f"{symbol}(...) on the timing case")

    def construct(self, symbol: str, *args, **kwargs) -> "RemoteHandle":
        number = self._request({"op": "construct", "symbol": symbol, "args": list(args), "kwargs": kwargs},
                               f"{symbol}(...)")
        return RemoteHandle(self, symbol, number)

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
            self._end(f"the sandbox ended during {during}")
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
            kind, text = error if isinstance(error, (list, tuple)) and len(error) == 2 else ("internal", str(error))
            if kind == "internal":
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


class RemoteHandle:
    def __init__(self, candidate: RemoteCandidate, symbol: str, number: int):
        self._candidate = candidate
        self._symbol = symbol
        self._number = number

    def _method(self, method: str, *args, **kwargs):
        return self._candidate._request(
            {"op": "handle", "handle": self._number, "method": method, "args": list(args), "kwargs": kwargs},
            f"{self._symbol}.{method if method != 'call' else (args[0] if args else 'forward')}(...)",
        )

    def call(self, method: str = "forward", *args, upstream=None, trace: tuple[str, ...] = (),
             trace_values: bool = False, **kwargs) -> CallResult:
        return _call_result(self._method("call", method, *args, upstream=upstream, trace=list(trace),
                                         trace_values=trace_values, **kwargs))

    def parameter_shapes(self) -> dict:
        return {name: tuple(shape) for name, shape in self._method("parameter_shapes").items()}

    def members(self) -> dict[str, list[str]]:
        return {kind: list(names) for kind, names in self._method("members").items()}

    def load_state_dict(self, state: dict) -> None:
        self._method("load_state_dict", state)

    def state_dict(self) -> dict:
        return self._method("state_dict")

    def to(self, *, dtype=None, device=None) -> None:
        self._method("to", dtype=_dtype_name(dtype), device=device)

    def train(self, mode: bool = True) -> None:
        self._method("train", mode)

    def set(self, **attributes) -> None:
        self._method("set", **attributes)

    def get(self, name: str):
        return self._method("get", name)

    def arguments(self) -> tuple[list, dict]:
        args, kwargs = self._method("arguments")
        return args, kwargs

    def replaced_arguments(self) -> list[str]:
        return list(self._method("replaced_arguments"))

    def buffers_in_graph(self) -> list[str]:
        return list(self._method("buffers_in_graph"))


def _dtype_name(dtype) -> str | None:
    return None if dtype is None else str(dtype).removeprefix("torch.")


def _call_result(data: dict) -> CallResult:
    gradients = data["gradients"]
    return CallResult(
        output=data["output"],
        gradients=None if gradients is None else Gradients(
            inputs=gradients["inputs"], parameters=gradients["parameters"], problem=gradients["problem"]),
        modified_inputs=list(data["modified_inputs"]),
        traced={name: _tuples(shape) for name, shape in data["traced"].items()},
    )


def _tuples(shape):
    if isinstance(shape, (list, tuple)):
        return tuple(_tuples(item) for item in shape)
    return shape
