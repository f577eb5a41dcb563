"""A warm grading worker, for watch and mock modes.

The worker imports torch, numpy, pytest and kit's grading modules once, computes nothing, and forks
a fresh grader process for every grade: the grade starts in milliseconds instead of seconds, and
runs exactly as a cold one does (the grader forks its own sandbox before computing), isolated from
every grade before it. A grader that overruns its time limit is killed with its process group.

Protocol: the client writes one JSON request per line on the worker's stdin; the grader writes its
events (events.py) to the events descriptor; the worker adds its own (GRADER, WORKER_TIMEOUT, DONE)
around each grade."""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

from interviewkit.grading.run.events import Event, decode, encode, event
from interviewkit.grading.run.result import GradeReport
from interviewkit.grading.run.runner import (
    GRACE_SECONDS, GradeRequest, OnCheck, ReportBuilder, child_environment, end_group,
)

START_TIMEOUT = 120


def _warm_up() -> None:
    """Imports what every grade needs, without computing anything (forks must stay safe)."""
    import numpy  # noqa: F401
    import pytest
    import torch  # noqa: F401

    from interviewkit.grading.run import plugin, session  # noqa: F401
    from interviewkit.grading.sandbox import confine, process, remote, scan, torch_watch  # noqa: F401
    import interviewkit.grader  # noqa: F401  (the whole toolkit graders use)

    with tempfile.TemporaryDirectory() as empty:
        # Loads pytest's own plugins and modules; collects nothing.
        pytest.main(["--co", "-q", "-p", "no:cacheprovider", "--disable-plugin-autoload", "-c", os.devnull,
                     "--rootdir", empty, empty])


def _serve(events: int) -> None:
    from interviewkit.grading.run.child import event_writer, run_request

    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the grader of this grade
            os.setsid()
            emit, stream = event_writer(os.dup(events))
            run_request(request, emit)
            stream.close()
            os._exit(0)
        _write(events, event(Event.GRADER, pid=pid))  # a session of its own: the client may end it
        deadline = started + request["time_limit"] + GRACE_SECONDS
        status = None
        while status is None:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
            elif time.monotonic() > deadline:
                end_group(pid)
                status = os.waitpid(pid, 0)[1]
                _write(events, event(Event.WORKER_TIMEOUT))
            else:
                time.sleep(0.005)
        _write(events, event(Event.DONE, status=status))


def _write(descriptor: int, message: dict) -> None:
    os.write(descriptor, encode(message).encode())


def main() -> None:
    events = int(sys.argv[1])
    _warm_up()
    _write(events, event(Event.READY))
    _serve(events)


class WarmGrader:
    """The client: starts a worker and sends it grades, one at a time."""

    def __init__(self):
        self._process: subprocess.Popen | None = None
        self._events: int | None = None
        self._buffer = b""
        self._grader: int | None = None  # the grade in flight, in a session the worker's end misses

    def start(self) -> None:
        events_read, events_write = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-m", "interviewkit.grading.run.worker", str(events_write)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(), env=child_environment(), start_new_session=True, pass_fds=(events_write,),
        )
        os.close(events_write)
        self._events, self._buffer = events_read, b""
        if self._next_event(time.monotonic() + START_TIMEOUT)["event"] != Event.READY:
            raise RuntimeError("the grading worker did not start")

    def close(self) -> None:
        if self._grader is not None:
            end_group(self._grader)  # its sandbox dies with it
            self._grader = None
        if self._process is not None:
            end_group(self._process.pid)
            self._process.wait()
            self._process = None
        if self._events is not None:
            os.close(self._events)
            self._events = None

    def __enter__(self) -> "WarmGrader":
        self.start()
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def grade(self, request: GradeRequest, on_check: OnCheck = lambda result: None) -> GradeReport:
        """Grades through the worker (restarting it if it died); the same report a cold grade gives."""
        if self._process is None or self._process.poll() is not None:
            self.close()
            self.start()
        builder = ReportBuilder(request, on_check)
        started = time.monotonic()
        self._process.stdin.write((json.dumps(request.to_json()) + "\n").encode())
        self._process.stdin.flush()
        deadline = started + request.time_limit + 2 * GRACE_SECONDS
        timed_out, status = False, None
        while True:
            message = self._next_event(deadline)
            name = message["event"]
            if name == Event.GRADER:
                self._grader = message.get("pid")
            elif name == Event.DONE:
                status, self._grader = message.get("status"), None
                break
            elif name == Event.WORKER_TIMEOUT:
                timed_out = True
            elif name == Event.LOST:
                self.close()
                break
            else:
                builder.handle(message)
        exit_status = os.waitstatus_to_exitcode(status) if status is not None else None
        return builder.finish(timed_out, exit_status, time.monotonic() - started)

    def _next_event(self, deadline: float) -> dict:
        """The next event (lines that are not one are skipped), or LOST when the worker is gone or
        silent too long."""
        while True:
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._events], [], [], left)[0]:
                    return event(Event.LOST)
                chunk = os.read(self._events, 65536)
                if not chunk:
                    return event(Event.LOST)
                self._buffer += chunk
            line, self._buffer = self._buffer.split(b"\n", 1)
            message = decode(line)
            if message is not None:
                return message


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the client decides when the worker ends
    main()
