"""The sandbox: a forked process that imports the candidate's file and runs the grader's calls.

The grader process forks it before doing any work of its own, so the sandbox holds torch and
numpy already imported but no grader, case or reference. In the child: a session and process
group of its own, death with its parent, no inherited file descriptor but its two channels,
a fresh folder as HOME, TMPDIR and working directory, a scrubbed environment and sys.path, the
operating-system limits of confine.py, an audit hook (audit.py) that refuses file writes,
network use and new processes while candidate code runs, and the forbidden-API guard. It then
answers the grader's requests (serve.py) with plain data; it never decides a verdict."""
from __future__ import annotations

import os
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
from interviewkit.grading.sandbox.rules import state
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
    keep_torch: bool = True  # the NumPy track's sandbox drops every handle on torch
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
        shutil.rmtree(self.scratch, ignore_errors=True)
        _failure_file(self.scratch).unlink(missing_ok=True)

    def failure(self) -> str | None:
        """The traceback of an exception in kit's own sandbox code that ended the process (exit
        status 70), as opposed to the candidate's code ending it."""
        try:
            return _failure_file(self.scratch).read_text()[-4000:] or None
        except (OSError, UnicodeDecodeError):
            return None

    def wait(self, timeout: float = 5.0) -> int | None:
        """The exit status (as os.waitpid gives it), once the process is gone."""
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


def start_sandbox(settings: SandboxSettings) -> SandboxProcess:
    """Forks the sandbox. Call it before the grader computes anything (threads do not survive fork)."""
    scratch = Path(tempfile.mkdtemp(prefix="kit-sandbox-"))
    (scratch / "home").mkdir()
    (scratch / "tmp").mkdir()
    _failure_file(scratch).touch(mode=0o600)
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    alarm_read, alarm_write = os.pipe()
    os.set_blocking(alarm_read, False)
    os.set_blocking(alarm_write, False)  # a full channel must not hang the sandbox: see rules.py
    sys.stdout.flush()
    sys.stderr.flush()
    namespace = PidNamespace.open()
    try:
        pid = os.fork()
    except BaseException:
        namespace.forked()
        namespace.end()
        raise
    if pid != 0:
        namespace.forked()
    if pid == 0:  # the sandbox
        status = 70
        try:
            _become_sandbox(request_read, reply_write, alarm_write, scratch, settings, namespace)
            status = 0
        except BaseException:  # nothing of the grader's may run on in this process
            # Its stderr is /dev/null by now: the traceback goes where the grader looks (failure()).
            try:
                _failure_file(scratch).write_text(traceback.format_exc())
            except OSError:
                pass
        finally:
            os._exit(status)
    for descriptor in (request_read, reply_write, alarm_write):
        os.close(descriptor)
    return SandboxProcess(pid, request_write, reply_read, scratch, namespace, alarm_read)


def _failure_file(scratch: Path) -> Path:
    return scratch.with_name(scratch.name + FAILURE_SUFFIX)


def _become_sandbox(requests: int, replies: int, alarms: int, scratch: Path, settings: SandboxSettings,
                    namespace: PidNamespace) -> None:
    os.setsid()
    _close_inherited(keep={requests, replies, alarms, namespace.held})
    null = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(null, target)
    os.close(null)
    torch = sys.modules.get("torch")
    _unpredictable_global_generators(torch if settings.keep_torch else None)
    if torch is not None and settings.keep_torch:
        torch.set_num_threads(1)  # the thread pool of a forked parent would deadlock here
        from interviewkit.grading.sandbox import torch_watch  # noqa: F401  (imported before sys.path is scrubbed)
    elif torch is not None:
        _forget_torch()
    _scrub_environment(scratch)
    limits = confine.Limits(memory_mb=settings.memory_mb, cpu_seconds=settings.time_limit,
                            limit_address_space=not settings.device.startswith("cuda"),
                            on_cuda=settings.device.startswith("cuda"))
    protections = confine.confine(scratch, limits, list(settings.hidden), list(settings.readable),
                                  failure_file=_failure_file(scratch), pid_namespace=namespace)
    serve(requests, replies, alarms, protections)


def _unpredictable_global_generators(torch) -> None:
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


class _AbsentModule(type(sys)):
    """Stands in sys.modules for a module the track forbids: any use of it is reported."""

    forbidden_placeholder = True

    def __getattr__(self, name: str):
        raise state.violate(f"{self.__name__} (the NumPy track is NumPy only)")


def _forget_torch() -> None:
    """Drops torch, and every module holding it, from sys.modules, and leaves a placeholder that
    reports any use: the NumPy track's code finds no torch to reach for, whatever way it looks."""
    def holds_torch(module) -> bool:
        return any(getattr(value, "__name__", "").split(".")[0] in ("torch", "functorch")
                   for value in list(vars(module).values()) if isinstance(value, type(sys)))

    for name, module in list(sys.modules.items()):
        top = name.split(".")[0]
        if top in ("torch", "functorch", "torchgen") or (module is not None and holds_torch(module)):
            del sys.modules[name]
    sys.modules["torch"] = _AbsentModule("torch")


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


def _scrub_environment(scratch: Path) -> None:
    for name in SCRUBBED_ENVIRONMENT:
        os.environ.pop(name, None)
    os.environ.update(HOME=str(scratch / "home"), TMPDIR=str(scratch / "tmp"), TEMP=str(scratch / "tmp"),
                      TMP=str(scratch / "tmp"),
                      # torch.compile's caches: inside the sandbox's folder, whatever the grader's
                      # process set (inductor writes its cache folder back into the environment).
                      TORCHINDUCTOR_CACHE_DIR=str(scratch / "tmp" / "torchinductor"),
                      TRITON_CACHE_DIR=str(scratch / "tmp" / "triton"))
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
