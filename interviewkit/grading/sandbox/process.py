"""The sandbox: a forked process that imports the candidate's file and runs the grader's calls.

The grader process forks it before doing any work of its own, so the sandbox holds torch and
numpy already imported but no grader, case or reference. In the child: a session and process
group of its own, death with its parent, no inherited file descriptor but its two channels,
a fresh folder as HOME, TMPDIR and working directory, a scrubbed environment and sys.path, the
operating-system limits of confine.py, an audit hook that refuses file writes, network use and
new processes while candidate code runs, and the forbidden-API guard. It then answers requests
(load, call, construct, handle methods) with plain data; it never decides a verdict."""
from __future__ import annotations

import io
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from interviewkit.catalog import Forbidden, content_root
from interviewkit.grading.sandbox import confine, guard as guard_module, wire
from interviewkit.grading.sandbox.candidate import CallResult, Candidate, Handle
from interviewkit.grading.sandbox.errors import CandidateError
from interviewkit.grading.sandbox.guard import Guard

OUTPUT_LIMIT = 64 * 1024
SCRUBBED_ENVIRONMENT = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT", "PYTHONUSERBASE",
                        "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "LD_PRELOAD", "LD_LIBRARY_PATH_PRELOAD")
HANDLE_METHODS = {"call", "parameter_shapes", "members", "load_state_dict", "state_dict", "to", "train", "set",
                  "get", "arguments", "replaced_arguments", "buffers_in_graph"}


@dataclass
class SandboxSettings:
    memory_mb: int = 4096
    time_limit: float = 60.0
    device: str = "cpu"
    keep_torch: bool = True  # the NumPy track's sandbox drops every handle on torch


@dataclass
class SandboxProcess:
    """The grader's side of a running sandbox."""

    pid: int
    requests: int
    replies: int
    scratch: Path
    _status: int | None = None

    def stop(self) -> None:
        """Ends the sandbox and everything it started, and removes its folder."""
        for descriptor in (self.requests, self.replies):
            try:
                os.close(descriptor)
            except OSError:
                pass
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)

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
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the sandbox
        status = 70
        try:
            _become_sandbox(request_read, reply_write, scratch, settings)
            status = 0
        except BaseException:  # nothing of the grader's may run on in this process
            try:
                os.write(2, traceback.format_exc().encode())
            except OSError:
                pass
        finally:
            os._exit(status)
    os.close(request_read)
    os.close(reply_write)
    return SandboxProcess(pid, request_write, reply_read, scratch)


def _become_sandbox(requests: int, replies: int, scratch: Path, settings: SandboxSettings) -> None:
    os.setsid()
    _close_inherited(keep={requests, replies})
    null = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(null, target)
    os.close(null)
    torch = sys.modules.get("torch")
    if torch is not None and settings.keep_torch:
        torch.set_num_threads(1)  # the thread pool of a forked parent would deadlock here
        from interviewkit.grading.sandbox import torch_watch  # noqa: F401  (imported before sys.path is scrubbed)
    elif torch is not None:
        _forget_torch()
    _scrub_environment(scratch)
    limits = confine.Limits(memory_mb=settings.memory_mb, cpu_seconds=settings.time_limit,
                            limit_address_space=not settings.device.startswith("cuda"))
    protections = confine.confine(scratch, limits)
    _serve(requests, replies, protections)


class _AbsentModule(type(sys)):
    """Stands in sys.modules for a module the track forbids: any use of it is reported."""

    forbidden_placeholder = True

    def __getattr__(self, name: str):
        raise guard_module._state.violate(f"{self.__name__} (the NumPy track is NumPy only)")


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
                      TMP=str(scratch / "tmp"))
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


class _CappedText(io.TextIOBase):
    """Collects what the candidate prints, up to a limit; the rest is counted, not kept."""

    def __init__(self):
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.kept
        self.parts.append(text[:room])
        self.kept += min(len(text), room)
        self.dropped += max(0, len(text) - room)
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n[… {self.dropped} more characters printed; output is capped at {OUTPUT_LIMIT // 1024} KiB]"
        self.parts, self.kept, self.dropped = [], 0, 0
        return text


def _install_audit_hook() -> None:
    """Refuses, while candidate code runs, what no kata solution needs: writing files, the network,
    new processes, ctypes and rummaging in the interpreter's objects. Audit hooks cannot be removed."""
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    filesystem = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.truncate",
                  "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
    network = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
               "socket.gethostbyname", "socket.__new__"}
    processes = {"subprocess.Popen", "os.system", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn",
                 "os.spawn", "os.kill", "os.killpg", "pty.spawn"}
    native = {"ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.addressof", "ctypes.string_at",
              "ctypes.wstring_at", "ctypes.call_function", "gc.get_objects", "gc.get_referrers",
              "gc.get_referents"}
    busy = threading.local()

    def called_directly(candidate_file: str) -> bool:
        """Whether the code that asked (past ctypes' own frames) is the candidate's: its file, or code
        that belongs to no loaded module (exec'd under a made-up file name). Libraries that use ctypes
        or gc themselves, numpy and torch among them, run in the globals of their own module."""
        frame = sys._getframe(2)
        while frame is not None and "ctypes" in frame.f_code.co_filename:
            frame = frame.f_back
        if frame is None:
            return False
        if frame.f_code.co_filename == candidate_file:
            return True
        module = sys.modules.get(frame.f_globals.get("__name__", ""))
        return getattr(module, "__dict__", None) is not frame.f_globals or \
            getattr(module, "__file__", None) != frame.f_code.co_filename

    def hook(event: str, arguments: tuple) -> None:
        rules = guard_module._state.rules
        if rules is None or getattr(busy, "inside", False):
            return
        busy.inside = True
        try:
            what = None
            if event == "import" and arguments and guard_module.forbidden_module(rules, str(arguments[0])):
                what = ("forbidden", f"import {guard_module.forbidden_module(rules, str(arguments[0]))}")
            elif event == "open":
                path, mode, flags = (tuple(arguments) + (None, None))[:3]
                writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(flags, int) and flags & write_flags)
                if writes:
                    what = ("file", f"tried to write {path}: a kata solution must not write files")
            elif event in filesystem:
                what = ("file", f"tried to change the file system ({event} {arguments[0] if arguments else ''})")
            elif event in network:
                what = ("network", f"tried to use the network ({event}): kata solutions run offline")
            elif event in processes or event.startswith("os.exec") or event.startswith("os.spawn"):
                what = ("process", f"tried to start or signal a process ({event}): kata solutions may not")
            elif event in native and called_directly(rules.candidate_file):
                what = ("native", f"reached into the interpreter ({event}), as code that tampers with kit would")
            if what and what[0] == "forbidden":
                raise guard_module._state.violate(what[1])
            if what:
                raise guard_module._state.violate_sandbox(*what)
        finally:
            busy.inside = False

    sys.addaudithook(hook)


def _serve(requests: int, replies: int, protections: confine.Protections) -> None:
    _install_audit_hook()
    printed = _CappedText()
    sys.stdout = sys.stderr = printed
    baseline = {thread.ident for thread in threading.enumerate()}
    candidate: Candidate | None = None
    handles: dict[int, Handle] = {}
    while True:
        try:
            request = wire.receive(requests)
        except wire.WireError:
            return
        op = request.get("op") if isinstance(request, dict) else None
        reply: dict = {}
        try:
            if op == "hello":
                reply["ok"] = {"applied": protections.applied, "missing": protections.missing}
            elif op == "load":
                guard = Guard(Forbidden(**{k: tuple(v) for k, v in request["forbidden"].items()}),
                              Path(request["path"]), protected_roots=[Path(p) for p in request["protected"]])
                candidate = Candidate.load(Path(request["path"]), tuple(request["api"]), guard,
                                           source=request["source"])
                reply["ok"] = None
            elif op == "call":
                result = candidate.call(request["symbol"], *request["args"], upstream=request["upstream"],
                                        **request["kwargs"])
                reply["ok"] = _result_data(result)
            elif op == "time":
                reply["ok"] = candidate.time_call(request["symbol"], *request["args"], repeat=request["repeat"],
                                                  **request["kwargs"])
            elif op == "construct":
                handle = candidate.construct(request["symbol"], *request["args"], **request["kwargs"])
                handles[len(handles)] = handle
                reply["ok"] = len(handles) - 1
            elif op == "handle" and request.get("method") in HANDLE_METHODS:
                outcome = getattr(handles[request["handle"]], request["method"])(*request["args"], **request["kwargs"])
                reply["ok"] = _result_data(outcome) if isinstance(outcome, CallResult) else outcome
            else:
                reply["error"] = ("internal", f"unknown request {op!r}")
        except CandidateError as error:
            reply["error"] = (error.kind, str(error))
        except BaseException as error:  # a bug of kit's own, reported rather than hidden
            reply["error"] = ("internal", f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=6)}")
        reply["printed"] = printed.take()
        reply["threads"] = [thread.name for thread in threading.enumerate()
                            if thread.ident not in baseline and thread.is_alive()]
        try:
            wire.send(replies, reply)
        except OSError:
            return


def _result_data(result: CallResult) -> dict:
    gradients = result.gradients
    return {
        "output": result.output,
        "gradients": None if gradients is None else {
            "inputs": gradients.inputs, "parameters": gradients.parameters, "problem": gradients.problem},
        "modified_inputs": result.modified_inputs,
        "traced": result.traced,
    }
