"""What the kernel enforces under the sandbox, tested without the Python layers above it: each probe
runs in a forked child that applies confine.confine() exactly as the sandbox does, then makes the
forbidden call directly (no audit hook is installed in these children), and reports what happened
through its exit status. Whatever the candidate's Python could do, these calls are where it ends."""
import ctypes
import errno
import os
import platform
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import confine, seccomp, wire
from interviewkit.grading.sandbox.namespaces import PidNamespace
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
from interviewkit.grading.sandbox.remote import RemoteCandidate

ROOT = os.geteuid() == 0
ALLOWED, REFUSED = 0, 3  # the probe's exit statuses: the call went through, or failed with EPERM


def confined(probe, outside: Path | None = None) -> int:
    """Runs `probe()` in a confined child; returns its wait status."""
    scratch = Path(tempfile.mkdtemp(prefix="kit-sandbox-"))
    (scratch / "home").mkdir()
    (scratch / "tmp").mkdir()
    namespace = PidNamespace.open()
    pid = os.fork()
    if pid == 0:
        status = 70
        try:
            confine.confine(scratch, confine.Limits(memory_mb=1024, cpu_seconds=20), pid_namespace=namespace)
            try:
                probe()
                status = ALLOWED
            except OSError as error:
                status = REFUSED if error.errno == errno.EPERM else 4
        finally:
            os._exit(status)
    namespace.forked()
    _, status = os.waitpid(pid, 0)
    namespace.end()
    subprocess.run(["rm", "-rf", str(scratch)], check=False)
    return status


def _libc_call(name: str, *args) -> None:
    function = getattr(ctypes.CDLL(None, use_errno=True), name)
    if function(*args) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))


def _as_os_error(function, *args) -> None:
    """resource.setrlimit reports EPERM as ValueError("not allowed to raise maximum limit")."""
    try:
        function(*args)
    except ValueError as error:
        raise OSError(errno.EPERM, str(error)) from None


@pytest.fixture
def outside_file(tmp_path):
    path = tmp_path / "outside.txt"
    path.write_text("untouched")
    path.chmod(0o644)
    return path


def test_the_allowlist_refuses_what_changes_the_machine(outside_file):
    """The tricks a sandbox that stays root (with no capability) could still play on files it owns,
    on other processes and on the machine's identity: each is refused by the kernel."""
    parent = os.getpid()
    probes = {
        "chmod a file outside": lambda: os.chmod(outside_file, 0o777),
        "set an extended attribute": lambda: os.setxattr(outside_file, "user.kit", b"x"),
        "set a file's times": lambda: os.utime(outside_file, (0, 0)),
        "lower the grader's limits": lambda: __import__("resource").prlimit(parent, __import__("resource").RLIMIT_NOFILE, (1, 1)),
        "set its own limits": lambda: _as_os_error(__import__("resource").setrlimit, __import__("resource").RLIMIT_NOFILE, (8, 8)),
        "renice the grader": lambda: os.setpriority(os.PRIO_PROCESS, parent, 19),
        "open a UNIX socket": lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM),
        "start a process": lambda: os.posix_spawn("/bin/true", ["true"], {}),
        "set the immutable flag": lambda: __import__("fcntl").ioctl(os.open(outside_file, os.O_RDONLY), 0x40086602,
                                                                    b"\x10\0\0\0\0\0\0\0"),
        "mount a file system": lambda: _libc_call("mount", b"none", b"/mnt", b"tmpfs", 0, None),
        "make a new namespace": lambda: _libc_call("unshare", 0x04000000),
    }
    outcomes = {what: confined(probe) for what, probe in probes.items()}
    assert {what: os.WEXITSTATUS(status) if os.WIFEXITED(status) else f"signal {os.WTERMSIG(status)}"
            for what, status in outcomes.items()} == dict.fromkeys(probes, REFUSED)
    assert outside_file.read_text() == "untouched" and outside_file.stat().st_mode & 0o777 == 0o644
    assert os.listxattr(outside_file) == []


def test_the_allowlist_lets_a_computation_through():
    """Reading its own limits, asking whether a descriptor is a terminal, threads and NumPy work."""
    def compute():
        import resource
        import threading

        resource.getrlimit(resource.RLIMIT_NOFILE)
        os.isatty(1)
        results = []
        worker = threading.Thread(target=lambda: results.append(float(np.linalg.norm(np.ones((64, 64)) @ np.ones(64)))))
        worker.start()
        worker.join()
        assert results == [512.0]

    assert os.WEXITSTATUS(confined(compute)) == ALLOWED


@pytest.mark.skipif(platform.machine() != "x86_64", reason="the x32 ABI exists on x86-64 only")
def test_a_system_call_of_another_abi_kills_the_confined_process():
    """A filter written in x86-64's numbers would let the same calls through the x32 (or 32-bit) entry:
    the filter kills the process on any call of another ABI instead of letting it run."""
    status = confined(lambda: ctypes.CDLL(None, use_errno=True).syscall(seccomp.X32_SYSCALL_BIT | 39))
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGSYS


@pytest.mark.skipif(not ROOT, reason="a PID namespace, a tmpfs and a fresh /proc need root (CI runs as root)")
def test_the_sandbox_lives_in_namespaces_of_its_own_and_leaves_nothing(tmp_path):
    """It is PID 2 of its own PID namespace and sees no other process, has a host name of its own,
    writes to a tmpfs capped in size that vanishes with it; after stop() no process and no folder
    of it is left."""
    source = """
import os, socket, tempfile

def look():
    seen = {"pid": os.getpid(), "processes": sorted(p for p in os.listdir("/proc") if p.isdigit()),
            "host": os.uname().nodename}
    folder = tempfile.gettempdir()
    written = 0
    try:
        for index in range(40):
            with open(os.path.join(folder, f"chunk{index}"), "wb") as out:
                out.write(b"x" * (15 << 20))
            written += 15
    except OSError as error:
        seen["full"] = error.errno
    seen["written_mb"] = written
    return seen
"""
    path = tmp_path / "solution.py"
    path.write_text(source)
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    keeper = sandbox.namespace.keeper
    try:
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
        candidate.load(source, (), Forbidden(), [])
        seen = candidate.call("look").output
    finally:
        sandbox.stop()
    assert seen["pid"] == 2 and seen["processes"] == ["1", "2"]
    assert seen["host"] == "kit-sandbox" != socket.gethostname()
    assert seen["full"] == errno.ENOSPC and seen["written_mb"] < 256
    assert keeper.poll() is not None
    assert not sandbox.scratch.exists() and not Path(str(sandbox.scratch) + ".failure").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(sandbox.pid, 0)


def test_a_writer_whose_reader_stops_reading_gives_up_at_its_deadline():
    """The grader's side of a sandbox that stops reading its requests: the write times out."""
    read, write = os.pipe()
    try:
        started = time.monotonic()
        with pytest.raises(wire.ReplyTimeout):
            wire.send(write, np.zeros(1 << 20), deadline=time.monotonic() + 1.0)
        assert time.monotonic() - started < 5
    finally:
        os.close(read)
        os.close(write)
