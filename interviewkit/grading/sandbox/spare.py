"""A NumPy sandbox started ahead of its grade (fresh.py says why).

A Spare is started where the next NumPy sandbox is known to come: by the warm worker between
grades, by a cold grader before it imports torch and pytest, by a grade that will time the
candidate (its timing's sandboxes). Its keeper, a fresh interpreter forked and exec'd from the
starting process (so that it holds none of its memory or descriptors), makes the sandbox's PID
namespace and forks the sandbox, which execs a fresh interpreter (fresh.py) that imports NumPy and
kit's sandbox modules, then waits on a pipe, running nothing. A grader's start_sandbox adopts the
spare offered to it (the worker's by fork: the grader inherits the descriptors and the worker
closes its copies), writing the grade's settings to that pipe; the sandbox then confines itself
(becoming.confine_and_serve) before it reads anything of the candidate's.

The keeper runs no candidate code and nothing of the grader's. It is the sandbox's parent: it dies
with the process that started it (and the sandbox with it), ends the sandbox the moment the
adopting grader's end of the lifeline closes (the grader ended, however), and writes the
sandbox's exit status, which only a parent can read, to the grader. A spare needs its own PID
namespace, so that everything it might start dies with it: where kit cannot make one (not root),
there is none, and the sandbox is started when it is needed."""
from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from dataclasses import dataclass

from interviewkit.grading.sandbox import confine, fresh
from interviewkit.grading.sandbox.becoming import read_line
from interviewkit.grading.sandbox.namespaces import PidNamespace

# The keeper's whole program before kit's: the same shape as fresh.BOOTSTRAP, data only.
KEEPER = ("import json, sys; data = json.loads(sys.argv[1]); sys.path[:] = data['path']; "
          "from interviewkit.grading.sandbox.spare import keep; keep(data)")


@dataclass
class Spare:
    """The descriptors of a spare sandbox, on the worker's and then the adopting grader's side."""

    keeper: int  # the keeper's pid (the worker reaps it)
    requests: int
    replies: int
    alarms: int
    settings: int  # the grade's settings go here, once
    status: int  # the keeper writes the sandbox's pid, then its exit status
    lifeline: int  # the keeper ends the sandbox when this closes

    @classmethod
    def start(cls) -> "Spare | None":
        """A spare, or None where it could not have a PID namespace."""
        if os.geteuid() != 0:
            return None
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        alarm_read, alarm_write = os.pipe()
        os.set_blocking(alarm_read, False)
        os.set_blocking(alarm_write, False)  # a full channel must not hang the sandbox: see rules.py
        settings_read, settings_write = os.pipe()
        status_read, status_write = os.pipe()
        lifeline_read, lifeline_write = os.pipe()
        keeper = os.fork()
        if keeper == 0:
            try:
                _exec_keeper((request_read, reply_write, alarm_write, settings_read), status_write, lifeline_read)
            finally:
                os._exit(70)
        for descriptor in (request_read, reply_write, alarm_write, settings_read, status_write, lifeline_read):
            os.close(descriptor)
        return cls(keeper, request_write, reply_read, alarm_read, settings_write, status_read, lifeline_write)

    def close(self) -> None:
        """Lets go of this side's descriptors: in the worker once a grader holds them (or to end a
        spare no grade took), in a grader that does not adopt it."""
        for descriptor in (self.requests, self.replies, self.alarms, self.settings, self.status, self.lifeline):
            try:
                os.close(descriptor)
            except OSError:
                pass

    def adopt(self, scratch, settings):
        """In the grader: hands the spare its grade; the grader's SandboxProcess, or None if the spare
        is gone (the caller then starts a sandbox of its own)."""
        from interviewkit.grading.sandbox.becoming import SandboxProcess, sandbox_environment

        try:
            pid = int(read_line(self.status, time.monotonic() + 5.0))
            data = {**fresh.grade_data(scratch, settings), "environment": sandbox_environment(scratch)}
            payload = json.dumps(data).encode()
            while payload:
                payload = payload[os.write(self.settings, payload):]
            os.close(self.settings)
        except (OSError, ValueError):
            Lifeline(self.lifeline, self.keeper).end()
            self.close()
            return None
        return SandboxProcess(pid, self.requests, self.replies, scratch, Lifeline(self.lifeline, self.keeper),
                              self.alarms, exit_status=self.status)


@dataclass
class Lifeline:
    """Stands for the PID namespace on the adopting grader's side: ending it ends the sandbox, and
    reaps the keeper where this process started it (the worker reaps those it started)."""

    descriptor: int
    keeper_pid: int
    keeper = None  # the namespace's init is the keeper's, not this process's

    def end(self) -> None:
        try:
            os.close(self.descriptor)
        except OSError:
            pass
        try:
            os.waitpid(self.keeper_pid, 0)
        except ChildProcessError:
            pass


def _exec_keeper(channels: tuple[int, int, int, int], status: int, lifeline: int) -> None:
    """In a fork of the worker (or grader): becomes the keeper, a fresh interpreter that holds none of
    this process's memory or descriptors (its listening socket, its clients' connections)."""
    from interviewkit.grading.sandbox.becoming import scrubbed_environment

    confine.die_with_parent()
    null = os.open(os.devnull, os.O_RDWR)  # not the grader's output, which its client reads to the end
    for target in (0, 1, 2):
        os.dup2(null, target)
    for descriptor in (*channels, status, lifeline):
        os.set_inheritable(descriptor, True)
    data = {"path": [entry for entry in sys.path if entry], "channels": list(channels), "status": status,
            "lifeline": lifeline, "parent": os.getppid()}
    os.execve(sys.executable, [sys.executable, "-I", "-B", "-c", KEEPER, json.dumps(data)], scrubbed_environment())


def keep(data: dict) -> None:
    """The keeper's whole life: starts the sandbox in a PID namespace of its own, reports its pid,
    then waits for whichever comes first, the sandbox's end or the lifeline's; reports the exit
    status and ends the namespace."""
    channels, status, lifeline = data["channels"], data["status"], data["lifeline"]
    confine.die_with_parent()
    if os.getppid() != data["parent"]:
        return  # the worker ended before the signal was asked for
    os.setsid()  # out of the worker's process group: a signal meant for it is not the sandbox's
    namespace = PidNamespace.open()
    if namespace.keeper is None:
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            for descriptor in (status, lifeline):
                os.close(descriptor)
            fresh.exec_fresh_interpreter(channels, namespace.held, dict(os.environ), {
                "settings_pipe": channels[3], "pid_namespace": {"own": True, "why_not": ""}})
        finally:
            os._exit(70)
    namespace.forked()
    for descriptor in channels:
        os.close(descriptor)
    os.write(status, f"{pid}\n".encode())
    process = os.pidfd_open(pid)
    if process not in select.select([process, lifeline], [], [])[0]:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    exit_status = os.waitpid(pid, 0)[1]
    try:
        os.write(status, f"{exit_status}\n".encode())
    except OSError:
        pass
    namespace.end()


_offered: list[Spare] = []  # this process's spares, the next NumPy sandbox's first


def offer(spare: Spare | None) -> None:
    """A spare this process's next NumPy sandbox may adopt (in a grader the worker just forked: the
    worker's)."""
    if spare is not None:
        _offered.append(spare)


def start_ahead(count: int = 1) -> None:
    """Has `count` spares offered, starting those missing now: a cold grader that is still to import
    torch and pytest, or a grade whose timing will start sandboxes of its own once its checks ran,
    has their interpreters boot meanwhile."""
    while len(_offered) < count:
        started = Spare.start()
        if started is None:
            return
        offer(started)


def take() -> Spare | None:
    """An offered spare, once."""
    return _offered.pop(0) if _offered else None
