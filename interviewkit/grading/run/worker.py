"""The workspace's warm grading worker: one process per workspace that has imported torch, NumPy,
pytest and kit's grader once, and forks a fresh grader for every grade, so that every `kit grade`,
`kit watch` and mock grade after the first starts in milliseconds instead of seconds.

A grade runs exactly as a cold one does (child.run_request, in a session of its own, in a scratch
folder, with the client's environment; the grader forks its own sandbox before computing), isolated
from every grade before it. The worker computes nothing itself, so forking it stays safe.

It listens on `.kit/worker.sock` (a SOCK_SEQPACKET socket, mode 0600) and serves only processes of
its own user (SO_PEERCRED). A client sends one message: a JSON request and, for a grade, two
descriptors (SCM_RIGHTS), the write ends of its events pipe and of its output pipe. The grader writes
its events and output straight to them; on the connection the worker answers GRADER {pid}, then
WORKER_TIMEOUT if it killed an overrunning grader, then DONE {status}. A client that hangs up
cancels its grade. Several clients are served at once: the loop below never blocks on one.

Every request carries the client's installation fingerprint (fingerprint.py): a worker started
from another kit, catalogue, Python or torch answers STALE and ends, and the client starts a fresh
one. The worker ends after `idle` seconds without a grade, when its socket is removed or replaced
(the workspace is gone), or when asked to stop."""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import struct
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.grading.run.events import Event, encode, event
from interviewkit.grading.run.runner import GRACE_SECONDS, end_group, grader_environment
from interviewkit.grading.sandbox.spare import Spare, offer

SOCKET_NAME = "worker.sock"
MESSAGE_BYTES = 1 << 20
CHECK_SOCKET_SECONDS = 2.0
REQUEST_SECONDS = 2.0  # a connected client that sends nothing in this time is dropped


def socket_path(kit_dir: int) -> str:
    """The socket's address through a descriptor of its folder: short, wherever the workspace lies
    (an AF_UNIX address holds at most 107 bytes)."""
    return f"/proc/self/fd/{kit_dir}/{SOCKET_NAME}"


def peer_credentials(connection: socket.socket) -> tuple[int, int, int]:
    """The (pid, uid, gid) of the process at the other end, as the kernel saw it connect."""
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)


def warm_up() -> None:
    """Imports what every grade needs, without computing anything (forks must stay safe)."""
    import numpy  # noqa: F401
    import pytest
    import torch  # noqa: F401

    from interviewkit.grading.run import child, plugin, session  # noqa: F401
    from interviewkit.grading.sandbox import confine, process, remote, scan, torch_watch  # noqa: F401
    import interviewkit.grader  # noqa: F401  (the whole toolkit graders use)

    with tempfile.TemporaryDirectory() as empty:
        # Loads pytest's own plugins and modules; collects nothing.
        pytest.main(["--co", "-q", "-p", "no:cacheprovider", "--disable-plugin-autoload", "-c", os.devnull,
                     "--rootdir", empty, empty])


@dataclass
class Grade:
    pid: int
    pidfd: int
    connection: socket.socket
    deadline: float
    scratch: str
    timed_out: bool = False
    spare_keeper: int | None = None  # the keeper of the spare NumPy sandbox this grade took (reaped at its end)


@dataclass
class Worker:
    folder: Path
    fingerprint: str
    idle_seconds: float
    listener: socket.socket
    identity: tuple[int, int]
    started: float = field(default_factory=time.time)
    last_grade: float = field(default_factory=time.monotonic)
    served: int = 0
    stopping: bool = False
    grades: list[Grade] = field(default_factory=list)
    spare: Spare | None = None  # a NumPy sandbox started ahead of the next NumPy grade (sandbox/spare.py)

    def run(self) -> None:
        while not (self.stopping and not self.grades):
            now = time.monotonic()
            if not self.grades and now - self.last_grade > self.idle_seconds:
                break
            if not self.stopping and not self._socket_is_ours():
                self._stop_listening()
            waits = [CHECK_SOCKET_SECONDS, self.last_grade + self.idle_seconds - now,
                     *(grade.deadline - now for grade in self.grades)]
            watched = [grade.pidfd for grade in self.grades] + [grade.connection for grade in self.grades]
            if not self.stopping:
                watched.append(self.listener)
            ready = select.select(watched, [], [], max(0.0, min(waits)))[0]
            for grade in list(self.grades):
                if grade.pidfd in ready:
                    self._finish(grade)
                elif grade.connection in ready:  # the client hung up (or spoke out of turn): cancel
                    end_group(grade.pid)
            if self.listener in ready and not self.stopping:
                self._accept()
            for grade in self.grades:
                if not grade.timed_out and time.monotonic() > grade.deadline:
                    end_group(grade.pid)
                    grade.timed_out = True
                    _send(grade.connection, event(Event.WORKER_TIMEOUT))
        self._stop_listening()
        if self.spare is not None:
            self.spare.close()  # its keeper ends it
            os.waitpid(self.spare.keeper, 0)

    def _socket_is_ours(self) -> bool:
        try:
            status = os.stat(self.folder / SOCKET_NAME)
        except OSError:
            return False
        return (status.st_dev, status.st_ino) == self.identity

    def _stop_listening(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        if self._socket_is_ours():
            (self.folder / SOCKET_NAME).unlink(missing_ok=True)
        self.listener.close()

    def _accept(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        descriptors: list[int] = []
        try:
            if peer_credentials(connection)[1] != os.getuid():
                raise ValueError("another user")
            connection.settimeout(REQUEST_SECONDS)
            data, descriptors, _, _ = socket.recv_fds(connection, MESSAGE_BYTES, 2)
            message = json.loads(data)
            operation = message["op"]
            if operation == "status":
                _send(connection, self._status())
            elif operation == "stop":
                _send(connection, event(Event.DONE, status=0))
                for grade in self.grades:
                    end_group(grade.pid)
                self._stop_listening()
            elif operation == "grade" and message["fingerprint"] != self.fingerprint:
                self._stop_listening()  # first: the client's next connect must not find this worker
                _send(connection, event(Event.STALE))
            elif operation == "grade" and len(descriptors) == 2:
                self._start_grade(connection, message, *descriptors)
                descriptors = []
                return
        except (OSError, ValueError, KeyError, TypeError):
            pass
        finally:
            for descriptor in descriptors:
                os.close(descriptor)
        connection.close()

    def _status(self) -> dict:
        return event(Event.STATUS, pid=os.getpid(), started=self.started, served=self.served,
                     in_flight=len(self.grades), idle_seconds=self.idle_seconds,
                     idle_for=time.monotonic() - self.last_grade)

    def _start_grade(self, connection: socket.socket, message: dict, events: int, output: int) -> None:
        request, environment = message["request"], message["environment"]
        scratch = tempfile.mkdtemp(prefix="kit-grade-")
        keep = {events, output}
        spare, self.spare = (self.spare, None) if request.get("track") == "numpy" else (None, self.spare)
        pid = os.fork()
        if pid == 0:
            try:
                if self.spare is not None:
                    self.spare.close()
                offer(spare)
                self.listener.close()
                for other in self.grades:
                    other.connection.close()
                    os.close(other.pidfd)
                connection.close()
                _grade_in_this_process(request, environment, scratch, events, output)
            finally:
                os._exit(0)
        for descriptor in keep:
            os.close(descriptor)
        if spare is not None:
            spare.close()  # the grader holds it now: the keeper ends the sandbox once the grader is gone
        connection.settimeout(None)
        self.served += 1
        self.last_grade = time.monotonic()
        self.grades.append(Grade(pid, os.pidfd_open(pid), connection,
                                 self.last_grade + float(request["time_limit"]) + GRACE_SECONDS, scratch,
                                 spare_keeper=spare.keeper if spare is not None else None))
        _send(connection, event(Event.GRADER, pid=pid))

    def _finish(self, grade: Grade) -> None:
        status = os.waitpid(grade.pid, 0)[1]
        end_group(grade.pid)  # whatever it left running in its session
        os.close(grade.pidfd)
        _send(grade.connection, event(Event.DONE, status=status))
        grade.connection.close()
        shutil.rmtree(grade.scratch, ignore_errors=True)
        self.grades.remove(grade)
        if grade.spare_keeper is not None:
            os.waitpid(grade.spare_keeper, 0)  # it ends the sandbox as the grader's lifeline closes
        if self.spare is None and not self.stopping:
            self.spare = Spare.start()  # between grades, so that it takes no time from one
        self.last_grade = time.monotonic()


def _grade_in_this_process(request: dict, environment: dict, scratch: str, events: int, output: int) -> None:
    """The grader of one grade, as a cold grade's child process runs it."""
    from interviewkit.grading.run.child import event_writer, run_request

    os.setsid()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a freshly started Python
    os.chdir(scratch)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    os.environ.clear()
    os.environ.update(grader_environment(scratch, environment))
    tempfile.tempdir = None  # chosen again, from TMPDIR: the grade's scratch folder
    emit, stream = event_writer(events)
    run_request(request, emit)
    stream.close()
    sys.stdout.flush()


def _send(connection: socket.socket, message: dict) -> None:
    try:
        connection.send(encode(message).encode())
    except OSError:
        pass


def main() -> None:
    folder, ready, idle_seconds = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    from interviewkit.grading.run.fingerprint import installation_fingerprint

    fingerprint = installation_fingerprint()
    warm_up()
    os.umask(0o077)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    folder_descriptor = os.open(folder, os.O_PATH | os.O_DIRECTORY)
    try:
        listener.bind(socket_path(folder_descriptor))
    finally:
        os.close(folder_descriptor)
    listener.listen(16)
    status = os.stat(folder / SOCKET_NAME)
    worker = Worker(folder, fingerprint, idle_seconds, listener, (status.st_dev, status.st_ino), spare=Spare.start())
    os.write(ready, encode(event(Event.READY, pid=os.getpid())).encode())
    os.close(ready)
    worker.run()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C is for the client, not the worker
    main()
