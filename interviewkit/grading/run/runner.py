"""The parent side of a grade: starts the child in a process group of its own, streams its events,
and ends the whole group when the time limit is reached. Nothing the candidate's code does can
take the CLI down with it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import interviewkit
from interviewkit import language
from interviewkit.grading.run.events import Event, decode
from interviewkit.grading.run.result import CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind

OUTPUT_KEPT = 64 * 1024
STRIPPED_ENVIRONMENT = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONPATH",
                        "PYTHONHOME", "PYTHONUSERBASE", "PYTHONSAFEPATH")
# The grader process enforces the time limit on the candidate's code itself; this margin covers its
# own start (importing torch) and is the last resort should the grader itself hang.
GRACE_SECONDS = 20


class UsageProblem(Exception):
    """The grade cannot run as asked (for example, no CUDA device): exit status 2."""


def child_environment() -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENVIRONMENT}
    source_root = Path(interviewkit.__file__).resolve().parent.parent
    if (source_root / "pyproject.toml").is_file():  # running from a checkout: let the child find kit
        environment["PYTHONPATH"] = str(source_root)
    environment["PYTHONUNBUFFERED"] = "1"
    environment["KIT_LANG"] = language.current  # the grader explains failures in kit's language
    return environment


def grader_environment(scratch: str, environment: dict | None = None) -> dict:
    """A grader's environment: its temporary files (the sandbox's folder among them) go in the grade's
    scratch folder, which whoever started the grader removes, however the grader ended."""
    return {**(environment if environment is not None else child_environment()), "TMPDIR": scratch}


class Tail:
    """Keeps the last bytes a stream produced, reading it to the end so the writer never blocks."""

    def __init__(self, stream):
        self.data = bytearray()
        self.total = 0
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for chunk in iter(lambda: stream.read1(65536), b""):
            self.total += len(chunk)
            self.data += chunk
            del self.data[:-OUTPUT_KEPT]

    def text(self, timeout: float = 2.0) -> str:
        self._thread.join(timeout)
        text = self.data.decode("utf-8", errors="replace")
        return text if self.total <= OUTPUT_KEPT else f"[… {self.total - OUTPUT_KEPT} bytes left out …]\n{text}"


@dataclass
class GradeRequest:
    """One grade, as the CLI asks for it; it travels to the grader process as JSON."""

    kata: str
    track: str
    file: Path
    device: str = "cpu"
    time_limit: float = 60.0
    memory_limit_mb: int | None = None
    strict: bool = False
    example: str | None = None  # `kit run`: the example file whose steps run instead of a grade

    def to_json(self, **extra) -> dict:
        return {**asdict(self), "file": str(Path(self.file).resolve()), **extra}


OnCheck = Callable[[CheckResult], None]
OnRunning = Callable[[str], None]  # a check's name as it starts


class ReportBuilder:
    """Turns the grader's events into a report; says what happened when the events stop short. Every
    check of the report, the ones it adds itself included, goes through `on_check` once, in order."""

    def __init__(self, request: GradeRequest, on_check: OnCheck, on_running: OnRunning = lambda name: None):
        self.request = request
        self.report = GradeReport(kata=request.kata, track=request.track, file=str(request.file),
                                  device=request.device)
        self._on_check = on_check
        self._on_running = on_running
        self.running: str | None = None
        self.finished = False
        self.usage: str | None = None
        self.internal: str | None = None

    def handle(self, event: dict) -> None:
        """Takes one event, as `decode` gives it; one without the fields its name promises is skipped."""
        name, result = event["event"], None
        try:
            if name == Event.START:
                self.running = event["check"]
                self._on_running(str(self.running))
            elif name == Event.CHECK:
                result = CheckResult.from_json(event["result"])
            elif name == Event.FINISHED:
                self.finished = True
            elif name == Event.USAGE_ERROR:
                self.usage = event["message"]
            elif name == Event.INTERNAL_ERROR:
                self.internal = event["message"]
        except (ValueError, KeyError, TypeError):
            return
        if result is not None:
            self._add(result)
            self.running = None

    def _add(self, result: CheckResult) -> None:
        self.report.checks.append(result)
        self._on_check(result)

    def finish(self, timed_out: bool, exit_status: int | None, duration_s: float) -> GradeReport:
        """The report, with a last check saying why when the grade did not end normally."""
        self.report.duration_s = duration_s
        if self.usage:
            raise UsageProblem(self.usage)
        running = self.running or "the grade"
        limit = self.request.time_limit + GRACE_SECONDS
        if timed_out:
            self._add(CheckResult(running, False, kind=Kind.TIMEOUT, message=(
                f"the grade did not finish within {limit:g} s (its time limit and kit's margin) while running "
                f"{running}; it was stopped (raise the limit with --timeout).")))
        elif self.internal:
            self._add(CheckResult("grader", False, kind=Kind.INTERNAL,
                                  message=f"kit failed (a bug in kit, not your code):\n{self.internal}"))
        elif not self.finished:
            self._add(CheckResult(running, False, kind=Kind.CRASH, message=(
                f"the grading process ended abruptly (exit status {exit_status}) during {running}: "
                "did your code end it, or crash the Python interpreter?")))
        return self.report


def read_events(stream, builder: ReportBuilder) -> None:
    """Hands every event of `stream` to the builder; lines that are not events are skipped."""
    for line in stream:
        event = decode(line)
        if event is not None:
            builder.handle(event)


def grade_in_child(request: GradeRequest, on_check: OnCheck = lambda result: None,
                   on_grader: Callable[[int], None] = lambda pid: None,
                   on_running: OnRunning = lambda name: None) -> tuple[GradeReport, str]:
    """Runs one grade in a fresh grader process; returns the report and what the process printed.
    `on_grader` is given the grader's pid, the leader of its process group (end_group cancels it)."""
    builder = ReportBuilder(request, on_check, on_running)
    events_read, events_write = os.pipe()
    started = time.monotonic()

    def read() -> None:
        with os.fdopen(events_read, encoding="utf-8", errors="replace") as stream:
            read_events(stream, builder)

    with tempfile.TemporaryDirectory(prefix="kit-grade-") as scratch:
        process = subprocess.Popen(
            # -P: the grader's sys.path never holds the folder it starts in.
            [sys.executable, "-P", "-m", "interviewkit.grading.run.child", json.dumps(request.to_json(events_fd=events_write))],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=scratch, env=grader_environment(scratch), start_new_session=True, pass_fds=(events_write,),
        )
        os.close(events_write)
        on_grader(process.pid)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        output = Tail(process.stdout)
        timed_out = False
        try:
            process.wait(timeout=request.time_limit + GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            end_group(process.pid)
            process.wait()
        reader.join(timeout=5)
        printed = output.text()
    return builder.finish(timed_out, process.returncode, time.monotonic() - started), printed


def end_group(pid: int) -> None:
    """Kills a process group (a grader, and everything it started)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
