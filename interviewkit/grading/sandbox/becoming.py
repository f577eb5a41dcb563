"""What a sandbox does to become one, in whichever process it starts: the torch track's fork
(process.py), the NumPy track's fresh interpreter (fresh.py) or a spare started ahead (spare.py).
Its settings, the grader's handle on it, where kit's own failures are written, its scrubbed
environment, and confine_and_serve: confinement (confine.py) before anything of the candidate's is
read, then the grader's requests (serve.py)."""
from __future__ import annotations

import os
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from interviewkit.catalog import content_root
from interviewkit.grading.sandbox import confine
from interviewkit.grading.sandbox.namespaces import PidNamespace
from interviewkit.grading.sandbox.serve import serve

SCRUBBED_ENVIRONMENT = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT", "PYTHONUSERBASE",
                        "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "LD_PRELOAD", "LD_LIBRARY_PATH_PRELOAD")


FAILURE_SUFFIX = ".failure"  # beside the scratch folder (a tmpfs the grader cannot see into): why kit's
                             # own sandbox code failed


@dataclass
class SandboxSettings:
    memory_mb: int = 4096
    time_limit: float = 60.0
    device: str = "cpu"
    keep_torch: bool = True  # False: the NumPy track's sandbox, a fresh interpreter without torch
    hidden: tuple[Path, ...] = ()  # folders the sandbox may not even read (kit's references and graders)
    readable: tuple[Path, ...] = ()  # files it may read all the same (the candidate's, wherever it is)


@dataclass
class SandboxProcess:
    """The grader's side of a running sandbox."""

    pid: int
    requests: int
    replies: int
    scratch: Path
    namespace: PidNamespace
    alarms: int = -1  # the read end of the channel where the sandbox reports a violation as it happens
    exit_status: int | None = None  # an adopted spare's (spare.py), not this process's child: where its
                                    # keeper reports its exit status
    _status: int | None = None

    def stop(self) -> None:
        """Ends the sandbox and everything it started, and removes its folder."""
        for descriptor in (self.requests, self.replies, self.alarms):
            try:
                os.close(descriptor)
            except OSError:
                pass
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.wait()
        self.namespace.end()
        if self.exit_status is not None:
            os.close(self.exit_status)
            self.exit_status = None
        shutil.rmtree(self.scratch, ignore_errors=True)
        failure_file(self.scratch).unlink(missing_ok=True)

    def failure(self) -> str | None:
        """The traceback of an exception in kit's own sandbox code that ended the process (exit
        status 70), as opposed to the candidate's code ending it."""
        try:
            return failure_file(self.scratch).read_text()[-4000:] or None
        except (OSError, UnicodeDecodeError):
            return None

    def wait(self, timeout: float = 5.0) -> int | None:
        """The exit status (as os.waitpid gives it), once the process is gone."""
        if self.exit_status is not None and self._status is None:
            self._status = read_exit_status(self.exit_status, timeout)
        end = time.monotonic() + timeout
        while self._status is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self._status
            if pid:
                self._status = status
                break
            if time.monotonic() > end:
                break
            time.sleep(0.01)
        return self._status


def failure_file(scratch: Path) -> Path:
    return scratch.with_name(scratch.name + FAILURE_SUFFIX)


def write_failure(scratch: Path) -> None:
    """The traceback of the exception being handled, where the grader looks for it (failure())."""
    try:
        failure_file(scratch).write_text(traceback.format_exc())
    except OSError:
        pass


def detach(keep: set) -> None:
    """The steps both tracks' sandboxes take in the fork: a session of its own, no descriptor of the
    grader's but `keep`, /dev/null as its standard streams."""
    os.setsid()
    _close_inherited(keep=keep)
    null = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(null, target)
    os.close(null)


def confine_and_serve(requests: int, replies: int, alarms: int, scratch: Path, settings: SandboxSettings,
                      namespace) -> None:
    """Confines this process (confine.py) before anything of the candidate's is read, then serves."""
    scrub_environment(scratch)
    limits = confine.Limits(memory_mb=settings.memory_mb, cpu_seconds=settings.time_limit,
                            limit_address_space=not settings.device.startswith("cuda"),
                            on_cuda=settings.device.startswith("cuda"))
    protections = confine.confine(scratch, limits, list(settings.hidden), list(settings.readable),
                                  failure_file=failure_file(scratch), pid_namespace=namespace)
    serve(requests, replies, alarms, protections)


def unpredictable_global_generators(torch) -> None:
    """Seeds the global generators (NumPy's, Python's, torch's) from the OS: a kata's randomness comes
    from the generators it hands over, and code that draws from a global one instead must not get the
    same draws in every grade (a fork of the same grader process would give it exactly that, and a
    check comparing two rounds could never see them differ)."""
    import random

    import numpy

    seed = int.from_bytes(os.urandom(4), "little")
    numpy.random.seed(seed)
    random.seed(os.urandom(16))
    if torch is not None:
        torch.manual_seed(int.from_bytes(os.urandom(8), "little"))


def _close_inherited(keep: set[int]) -> None:
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        descriptors = list(range(3, 1024))
    for descriptor in descriptors:
        if descriptor > 2 and descriptor not in keep:
            try:
                os.close(descriptor)
            except OSError:
                pass


def scrubbed_environment() -> dict[str, str]:
    """This process's environment less what would steer an interpreter or a loader."""
    return {name: value for name, value in os.environ.items() if name not in SCRUBBED_ENVIRONMENT}


def sandbox_environment(scratch: Path) -> dict[str, str]:
    """The sandbox's environment: the grader's, scrubbed, with its own folders."""
    environment = scrubbed_environment()
    environment.update(HOME=str(scratch / "home"), TMPDIR=str(scratch / "tmp"), TEMP=str(scratch / "tmp"),
                       TMP=str(scratch / "tmp"),
                       # torch.compile's caches: inside the sandbox's folder, whatever the grader's
                       # process set (inductor writes its cache folder back into the environment).
                       TORCHINDUCTOR_CACHE_DIR=str(scratch / "tmp" / "torchinductor"),
                       TRITON_CACHE_DIR=str(scratch / "tmp" / "triton"))
    return environment


def scrub_environment(scratch: Path) -> None:
    environment = sandbox_environment(scratch)
    os.environ.clear()
    os.environ.update(environment)
    tempfile.tempdir = None
    os.chdir(scratch / "home")
    root = str(content_root().resolve())
    sys.path[:] = [entry for entry in sys.path if entry and _resolved(entry) != root]
    sys.dont_write_bytecode = True
    for name in [name for name in sys.modules if name.split(".")[0] in ("graders", "reference_solutions")]:
        del sys.modules[name]


def _resolved(entry: str) -> str:
    try:
        return str(Path(entry).resolve())
    except OSError:
        return entry


def read_exit_status(descriptor: int, timeout: float) -> int | None:
    """The sandbox's exit status, as os.waitpid gives it, once its keeper reported it."""
    try:
        return int(read_line(descriptor, time.monotonic() + timeout))
    except (OSError, ValueError):
        return None


def read_line(descriptor: int, deadline: float) -> str:
    """One line from a pipe, read a byte at a time so that nothing past it is consumed."""
    text = b""
    while not text.endswith(b"\n"):
        if not select.select([descriptor], [], [], max(0.0, deadline - time.monotonic()))[0]:
            raise TimeoutError("no line in time")
        byte = os.read(descriptor, 1)
        if not byte:
            raise ValueError("the keeper ended")
        text += byte
    return text.decode()
