"""The client of the workspace's warm grading worker (worker.py): finds it, starts one when none
answers (one client at a time, under a lock), replaces one that is stale, dead or hung, and grades
through it. A grade through the worker gives the report and output a cold grade gives
(runner.grade_in_child): the grader writes its events and output straight to this process's pipes."""
from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from interviewkit.grading.run.events import Event, decode
from interviewkit.grading.run.fingerprint import installation_fingerprint
from interviewkit.grading.run.result import GradeReport
from interviewkit.grading.run.runner import (
    GRACE_SECONDS, GradeRequest, OnCheck, OnRunning, ReportBuilder, Tail, child_environment, end_group, read_events,
)
from interviewkit.grading.run.worker import MESSAGE_BYTES, SOCKET_NAME, peer_credentials, socket_path
from interviewkit.messages import _

IDLE_MINUTES = 10
START_SECONDS = 120
ANSWER_SECONDS = 10  # a live worker answers at once; a loaded machine is given some slack
ATTEMPTS = 3  # a worker found stale, dead or hung is replaced, and the fresh one tried
LOCK_NAME = "worker.lock"
LOG_NAME = "worker.log"


class WorkerUnavailable(Exception):
    """No worker could be reached or started; the grade can still run cold."""


def worker_wanted() -> bool:
    """KIT_WORKER=off grades every time in a fresh process, as `--cold` does."""
    return os.environ.get("KIT_WORKER", "on").strip().lower() not in ("off", "0", "no", "false")


def idle_seconds() -> float:
    """How long a worker waits for the next grade before ending: KIT_WORKER_IDLE_MINUTES, else 10."""
    try:
        minutes = float(os.environ.get("KIT_WORKER_IDLE_MINUTES", IDLE_MINUTES))
    except ValueError:
        minutes = IDLE_MINUTES
    return 60 * minutes if minutes > 0 else 60 * IDLE_MINUTES


def connect(kit_dir: Path) -> socket.socket | None:
    """A connection to the workspace's worker, or None when none listens."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        folder = os.open(kit_dir, os.O_PATH | os.O_DIRECTORY)
    except OSError:
        connection.close()
        return None
    try:
        connection.connect(socket_path(folder))
    except OSError:
        connection.close()
        return None
    finally:
        os.close(folder)
    if peer_credentials(connection)[1] != os.getuid():
        connection.close()
        raise WorkerUnavailable(_("{path} is served by another user's process; remove the file.").format(
            path=kit_dir / SOCKET_NAME))
    return connection


def ask(kit_dir: Path, operation: str) -> dict | None:
    """The worker's answer to `status` or `stop`; None when no worker runs."""
    connection = connect(kit_dir)
    if connection is None:
        return None
    with connection:
        connection.send(json.dumps({"op": operation}).encode())
        return _receive(connection, time.monotonic() + ANSWER_SECONDS)


def grade_through_worker(request: GradeRequest, kit_dir: Path, on_check: OnCheck = lambda result: None,
                         on_grader: Callable[[int], None] = lambda pid: None,
                         on_running: OnRunning = lambda name: None) -> tuple[GradeReport, str]:
    """One grade through the workspace's worker, started first if need be; raises WorkerUnavailable
    when no worker can be had, before anything was shown. `on_grader` is given the grader's pid, the
    leader of its process group (end_group cancels the grade)."""
    for attempt in range(ATTEMPTS):
        # Computed afresh each time: kit's files may have changed since the last attempt's.
        message = json.dumps({"op": "grade", "fingerprint": installation_fingerprint(),
                              "request": request.to_json(), "environment": child_environment()}).encode()
        connection = connect(kit_dir) if attempt == 0 else None
        connection = connection or _start(kit_dir)
        started = time.monotonic()
        events_read, events_write = os.pipe()
        output_read, output_write = os.pipe()
        try:
            socket.send_fds(connection, [message], [events_write, output_write])
            answer = _receive(connection, started + ANSWER_SECONDS)
        except OSError:
            answer = None
        finally:
            os.close(events_write)
            os.close(output_write)
        if answer is None or answer["event"] != Event.GRADER:
            if answer is None:  # dead or hung: make way for a fresh one
                _end_worker(connection, kit_dir)
            connection.close()
            os.close(events_read)
            os.close(output_read)
            continue
        on_grader(answer["pid"])
        with connection:
            return _follow(request, connection, answer["pid"], events_read, output_read, started,
                           ReportBuilder(request, on_check, on_running))
    raise WorkerUnavailable(_("the grading worker did not take the grade ({attempts} tries)").format(attempts=ATTEMPTS))


def _follow(request: GradeRequest, connection: socket.socket, grader: int, events_read: int, output_read: int,
            started: float, builder: ReportBuilder) -> tuple[GradeReport, str]:

    def read() -> None:
        with os.fdopen(events_read, encoding="utf-8", errors="replace") as stream:
            read_events(stream, builder)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    output_stream = os.fdopen(output_read, "rb")
    output = Tail(output_stream)
    deadline = started + request.time_limit + 2 * GRACE_SECONDS
    timed_out, status = False, None
    try:
        while status is None:
            answer = _receive(connection, deadline)
            if answer is None:  # the worker is gone: its grader may live on, writing to our pipes
                reader.join(max(0.0, deadline - time.monotonic()))
                timed_out = reader.is_alive()
                break
            if answer["event"] == Event.WORKER_TIMEOUT:
                timed_out = True
            elif answer["event"] == Event.DONE:
                status = answer.get("status")
    finally:
        # Ends the grade with this client, Ctrl-C included; only then can the pipes' readers finish
        # (closing a stream that a thread is reading would wait for that thread).
        end_group(grader)
    reader.join(timeout=5)
    printed = output.text()
    output_stream.close()
    exit_status = os.waitstatus_to_exitcode(status) if isinstance(status, int) else None
    return builder.finish(timed_out, exit_status, time.monotonic() - started), printed


def _receive(connection: socket.socket, deadline: float) -> dict | None:
    """The worker's next message, or None when it hung up or said nothing before the deadline."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([connection], [], [], left)[0]:
            return None
        try:
            data = connection.recv(MESSAGE_BYTES)
        except OSError:
            return None
        if not data:
            return None
        message = decode(data)
        if message is not None:
            return message


def _start(kit_dir: Path) -> socket.socket:
    """Starts the workspace's worker, unless another client did while this one waited for the lock."""
    with open(kit_dir / LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        connection = connect(kit_dir)
        if connection is not None:
            return connection
        (kit_dir / SOCKET_NAME).unlink(missing_ok=True)
        ready_read, ready_write = os.pipe()
        with open(kit_dir / LOG_NAME, "wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-P", "-m", "interviewkit.grading.run.worker", str(kit_dir.resolve()),
                 str(ready_write), str(idle_seconds())],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=tempfile.gettempdir(),
                env=child_environment(), start_new_session=True, pass_fds=(ready_write,),
            )
        os.close(ready_write)
        with os.fdopen(ready_read, "rb") as ready:
            answered = select.select([ready], [], [], START_SECONDS)[0] and decode(ready.readline())
        connection = connect(kit_dir) if answered else None
        if connection is None:
            end_group(process.pid)
            raise WorkerUnavailable(_("the grading worker did not start (see {path})").format(path=kit_dir / LOG_NAME))
        return connection


def _end_worker(connection: socket.socket, kit_dir: Path) -> None:
    try:
        pid = peer_credentials(connection)[0]
    except OSError:
        pid = 0
    if pid > 0 and _is_a_worker(pid):  # not a process that took a dead worker's pid
        end_group(pid)
    (kit_dir / SOCKET_NAME).unlink(missing_ok=True)


def _is_a_worker(pid: int) -> bool:
    try:
        return b"interviewkit.grading.run.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class WorkspaceGrader:
    """Grades through the workspace's warm worker, or in a fresh process when asked to (`--cold`,
    KIT_WORKER=off) or when no worker can be had: the report is the same either way. `cancel`, from
    another thread, ends the grade in flight or about to start (its report then says it crashed:
    nobody should show it)."""

    def __init__(self, kit_dir: Path, cold: bool = False):
        self.kit_dir = kit_dir
        self.cold = cold or not worker_wanted()
        self.why_cold: str | None = None
        self._grader: int | None = None
        self.cancelled = False

    def grade(self, request: GradeRequest, on_check: OnCheck = lambda result: None,
              on_running: OnRunning = lambda name: None) -> tuple[GradeReport, str]:
        try:
            if not self.cold:
                try:
                    return grade_through_worker(request, self.kit_dir, on_check, self._started, on_running)
                except WorkerUnavailable as why:
                    self.why_cold = str(why)
            from interviewkit.grading.run.runner import grade_in_child

            return grade_in_child(request, on_check, self._started, on_running)
        finally:
            self._grader = None

    def cancel(self) -> None:
        self.cancelled = True
        grader = self._grader
        if grader is not None:
            end_group(grader)

    def _started(self, pid: int) -> None:
        self._grader = pid
        if self.cancelled:  # cancelled while it was starting
            end_group(pid)
