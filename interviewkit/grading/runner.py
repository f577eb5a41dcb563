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
from pathlib import Path
from typing import Callable

import interviewkit
from interviewkit.grading.result import CheckResult, GradeReport

OUTPUT_KEPT = 64 * 1024
STRIPPED_ENVIRONMENT = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONPATH",
                        "PYTHONHOME", "PYTHONUSERBASE", "PYTHONSAFEPATH")
# The grader process enforces the time limit on the candidate's code itself; this margin covers its
# own start (importing torch) and is the last resort should the grader itself hang.
GRACE_SECONDS = 20


class UsageProblem(Exception):
    """The grade cannot run as asked (for example, no CUDA device): exit status 2."""


def _child_environment() -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENVIRONMENT}
    source_root = Path(interviewkit.__file__).resolve().parent.parent
    if (source_root / "pyproject.toml").is_file():  # running from a checkout: let the child find kit
        environment["PYTHONPATH"] = str(source_root)
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


class _Tail:
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


def grade_in_child(kata: str, track: str, file: Path, device: str, time_limit: float,
                   on_event: Callable[[dict], None] = lambda event: None,
                   memory_limit_mb: int | None = None) -> tuple[GradeReport, str]:
    """Runs one grade in a child process; returns the report and what the process printed."""
    report = GradeReport(kata=kata, track=track, file=str(file), device=device)
    events_read, events_write = os.pipe()
    request = {"kata": kata, "track": track, "file": str(file.resolve()), "device": device,
               "events_fd": events_write, "time_limit": time_limit, "memory_limit_mb": memory_limit_mb}
    started = time.monotonic()
    state = {"running": None, "finished": False, "usage": None, "internal": None}

    def handle(event: dict) -> None:
        kind = event.get("event")
        if kind == "start":
            state["running"] = event["check"]
        elif kind == "check":
            report.checks.append(CheckResult.from_json(event["result"]))
            state["running"] = None
        elif kind == "finished":
            state["finished"] = True
        elif kind == "usage_error":
            state["usage"] = event["message"]
        elif kind == "internal_error":
            state["internal"] = event["message"]
        on_event(event)

    def read_events() -> None:
        with os.fdopen(events_read, encoding="utf-8", errors="replace") as stream:
            for line in stream:
                try:
                    handle(json.loads(line))
                except (ValueError, KeyError, TypeError):
                    continue

    with tempfile.TemporaryDirectory(prefix="kit-grade-") as scratch:
        process = subprocess.Popen(
            # -P: the grader's sys.path never holds the folder it starts in.
            [sys.executable, "-P", "-m", "interviewkit.grading.child", json.dumps(request)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=scratch, env=_child_environment(), start_new_session=True, pass_fds=(events_write,),
        )
        os.close(events_write)
        reader = threading.Thread(target=read_events, daemon=True)
        reader.start()
        output = _Tail(process.stdout)
        timed_out = False
        try:
            process.wait(timeout=time_limit + GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            _end_group(process)
        reader.join(timeout=5)
        printed = output.text()
    report.duration_s = time.monotonic() - started
    if state["usage"]:
        raise UsageProblem(state["usage"])
    if timed_out:
        running = state["running"] or "the grade"
        report.checks.append(CheckResult(
            running, False, kind="timeout",
            message=(f"the grade did not finish within {time_limit + GRACE_SECONDS:g} s (its time limit and kit's "
                     f"margin) while running {running}; it was stopped (raise the limit with --timeout)."),
        ))
    elif state["internal"]:
        report.checks.append(CheckResult("grader", False, kind="internal",
                                         message=f"kit failed (a bug in kit, not your code):\n{state['internal']}"))
    elif not state["finished"]:
        running = state["running"] or "the grade"
        report.checks.append(CheckResult(
            running, False, kind="crash",
            message=(f"the grading process ended abruptly (exit status {process.returncode}) during {running}: "
                     "did your code call os._exit() or exit(), or crash the Python interpreter?"),
        ))
    return report, printed


def _end_group(process: subprocess.Popen) -> None:
    """Kills the child and everything it started, then reaps it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
