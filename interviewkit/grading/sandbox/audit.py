"""The sandbox's audit hook: an allowlist. While the candidate's code runs, only the audit events that
NumPy and PyTorch computations raise pass (measured over every kata's references and correct proofs:
see ALLOWED); anything else is refused and recorded, whoever asked for it, a library frame on the
candidate's behalf included: writing files outside the sandbox's own TMPDIR and HOME, the network,
new processes, ctypes, gc's object lists, ioctl, extended attributes, resource limits, sqlite, mmap.
The kernel refuses the same things underneath (confine.py, seccomp.py); this layer names the trick
in the grade. Audit hooks cannot be removed, so the candidate cannot switch it off. TMPDIR and HOME (process.py makes both) take writes because legitimate
PyTorch writes there: torch.compile, torch.func and non-reentrant checkpointing load torch._dynamo,
which probes the temporary directory with a file."""
from __future__ import annotations

import os
import sys
import tempfile
import threading

from interviewkit.grading.sandbox.rules import forbidden_module, state
from interviewkit.messages import N_, _

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
FILESYSTEM = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.truncate",
              "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
NETWORK = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.__new__"}
PROCESSES = {"subprocess.Popen", "os.system", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn",
             "os.spawn", "os.kill", "os.killpg", "pty.spawn"}
# Raised by correct solutions (exec and compile of their own code, imports, reading files, frames
# and special attributes that torch, dataclasses and typing inspect, torch.compile's code objects
# and its probe of the scratch folder, environment variables torch sets for itself).
ALLOWED = {"exec", "compile", "import", "open", "marshal.loads", "sys._getframe", "sys._getframemodulename",
           "object.__getattr__", "object.__setattr__", "object.__delattr__", "builtins.id", "function.__new__",
           "code.__new__", "os.listdir", "os.scandir", "os.walk", "glob.glob", "glob.glob/2", "os.putenv",
           "os.unsetenv", "time.sleep", "array.__new__", "sys.excepthook", "sys.unraisablehook",
           "tempfile.mkstemp", "tempfile.mkdtemp", "os.chdir", "pickle.find_class", "random.Random.__init__"}


def scratch_folders() -> tuple[str, ...]:
    """The sandbox's TMPDIR and HOME, resolved, when they are the ones process.py made (inside a
    kit-sandbox- folder, whose own files, such as the failure report, stay out of reach)."""
    folders = tuple(os.path.realpath(folder) for folder in (tempfile.gettempdir(), os.path.expanduser("~")))
    return tuple(folder for folder in folders
                 if os.path.basename(os.path.dirname(folder)).startswith("kit-sandbox-"))


def _inside(path, folders: tuple[str, ...]) -> bool:
    """An absolute path that resolves inside one of `folders`. A relative one is refused: with a dir_fd
    (which the "open" audit event does not carry) it could name a file anywhere."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    path = os.fsdecode(path)
    if not os.path.isabs(path):
        return False
    resolved = os.path.realpath(path)
    return any(resolved == folder or resolved.startswith(folder + os.sep) for folder in folders)


def _changes_only_scratch(event: str, arguments: tuple, scratch: tuple[str, ...]) -> bool:
    """A removal, rename or new folder inside the scratch folder (never a link: one could point out)."""
    paths = [argument for argument in arguments[:2] if isinstance(argument, (str, bytes, os.PathLike))]
    return event not in ("os.symlink", "os.link") and bool(paths) and all(_inside(p, scratch) for p in paths)


# Whole sentences, each translated where it is made: the sandbox holds the grade's catalogue
# (serve.serve reads it before this hook watches anything).
PROCESS = N_("tried to start or signal a process ({event}): kata solutions may not")
PROCESS_FROM_INDUCTOR = N_(
    "tried to start or signal a process ({event}): kata solutions may not; torch.compile's default backend "
    "(inductor) compiles C++ in a subprocess: use {eager} or {aot_eager}, or no torch.compile")


def _from_inductor() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if f"torch{os.sep}_inductor" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def install_audit_hook() -> None:
    busy = threading.local()
    scratch = scratch_folders()

    def hook(event: str, arguments: tuple) -> None:
        rules = state.rules
        if rules is None or getattr(busy, "inside", False):
            return
        busy.inside = True
        try:
            what = None
            if event == "import" and arguments and forbidden_module(rules, str(arguments[0])):
                what = ("forbidden", f"import {forbidden_module(rules, str(arguments[0]))}")
            elif event == "open":
                path, mode, flags = (tuple(arguments) + (None, None))[:3]
                writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(flags, int) and flags & WRITE_FLAGS)
                if writes and not _inside(path, scratch):
                    what = ("file", _("tried to write {path}: a kata solution must not write files").format(path=path))
            elif event in FILESYSTEM and not _changes_only_scratch(event, arguments, scratch):
                what = ("file", _("tried to change the file system ({event} {target})").format(
                    event=event, target=arguments[0] if arguments else ""))
            elif event in NETWORK:
                what = ("network", _("tried to use the network ({event}): kata solutions run offline").format(
                    event=event))
            elif event in PROCESSES or event.startswith("os.exec") or event.startswith("os.spawn"):
                what = ("process", _(PROCESS_FROM_INDUCTOR).format(
                    event=event, eager='torch.compile(fn, backend="eager")', aot_eager='backend="aot_eager"')
                        if _from_inductor() else _(PROCESS).format(event=event))
            elif event.startswith(("ctypes.", "gc.", "sys.set", "sys.add", "sys.monitoring", "cpython.")):
                what = ("native", _("reached into the interpreter ({event}), as code that tampers with kit would"
                                    ).format(event=event))
            elif event not in ALLOWED and event not in FILESYSTEM:
                what = ("sandbox", _("used {event}, which no kata solution needs: the sandbox lets through only "
                                     "what NumPy and PyTorch computations use").format(event=event))
            if what and what[0] == "forbidden":
                raise state.violate(what[1])
            if what:
                raise state.violate_sandbox(*what)
        finally:
            busy.inside = False

    sys.addaudithook(hook)
