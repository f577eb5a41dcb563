"""The sandbox's own view of the machine: Linux namespaces, each applied where the kernel allows it.

- A PID namespace per sandbox (as root): the grader starts its init, a `cat` that ends when the
  sandbox's end of a pipe closes, so that the sandbox (PID 2) and anything it might start die
  together, and the sandbox sees no other process of the machine.
- Mount, UTS, IPC and network namespaces, entered by the sandbox itself (in a user namespace of
  its own when it is not root): the scratch folder becomes a size-capped tmpfs that vanishes with
  the sandbox, /proc shows only the sandbox's namespace, the host name is the sandbox's own."""
from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x8, 0x4000, 0x40000

SCRATCH_SIZE_MB = 256  # what a solution may write (torch.compile's caches included)
SCRATCH_FILES = 4096
HOST_NAME = b"kit-sandbox"


def _error(what: str) -> str:
    return f"{what} ({os.strerror(ctypes.get_errno()) or 'unavailable'})"


@dataclass
class PidNamespace:
    """The grader's side of a sandbox's PID namespace: its init process, and the pipe end the sandbox
    holds (the init ends when it closes). `why_not` says why there is none."""

    keeper: subprocess.Popen | None = None
    held: int | None = None
    why_not: str = ""
    _original: int | None = None

    @classmethod
    def open(cls) -> "PidNamespace":
        """Makes the next child this process forks the second process of a new PID namespace; call
        `forked()` right after that fork, in the parent."""
        if os.geteuid() != 0:
            return cls(why_not="a PID namespace of its own (kit is not running as root)")
        cat = shutil.which("cat") or "/bin/cat"
        original = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        if _libc.unshare(CLONE_NEWPID) != 0:
            os.close(original)
            return cls(why_not=_error("a PID namespace of its own"))
        read, write = os.pipe()
        try:
            keeper = subprocess.Popen([cat], stdin=read, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      close_fds=True, env={})
        except OSError as error:
            os.close(write)
            cls._restore(original)
            return cls(why_not=f"a PID namespace of its own ({error})")
        finally:
            os.close(read)
        return cls(keeper, write, _original=original)

    def forked(self) -> None:
        """In the parent, after forking the sandbox: later children are born where this process lives."""
        if self.held is not None:
            os.close(self.held)
        if self._original is not None:
            self._restore(self._original)
            self._original = None

    @staticmethod
    def _restore(original: int) -> None:
        try:
            if _libc.setns(original, CLONE_NEWPID) != 0:
                raise OSError(ctypes.get_errno(), "setns back to kit's own PID namespace failed")
        finally:
            os.close(original)

    def end(self) -> None:
        if self.keeper is not None:
            try:
                self.keeper.kill()
                self.keeper.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass


def enter_namespaces(scratch: Path, own_pid_namespace: bool, applied: list[str], missing: list[str]) -> bool:
    """Mount, UTS, IPC and network namespaces for this process; returns whether the network is cut."""
    flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET
    if os.geteuid() == 0:
        entered = _libc.unshare(flags) == 0
    else:
        entered = _enter_user_namespace(flags)
    if not entered:
        missing.append(_error("namespaces of its own (mount, host name, IPC, network)"))
        return False
    applied.append("network: an empty network namespace")
    applied.append("host name and IPC: namespaces of its own")
    _libc.sethostname(HOST_NAME, len(HOST_NAME))
    if _libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        missing.append(_error("a private mount namespace"))
        return True
    options = f"size={SCRATCH_SIZE_MB}m,nr_inodes={SCRATCH_FILES},mode=0700".encode()
    if _libc.mount(b"tmpfs", os.fsencode(scratch), b"tmpfs", MS_NOSUID | MS_NODEV, options) == 0:
        for folder in ("home", "tmp"):
            (scratch / folder).mkdir(exist_ok=True)
        applied.append(f"scratch: a {SCRATCH_SIZE_MB} MiB tmpfs that vanishes with the sandbox")
    else:
        missing.append(_error("a size-capped scratch folder (tmpfs)"))
    if own_pid_namespace:
        if _libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, b"hidepid=invisible") == 0:
            applied.append("processes: a PID namespace of its own; /proc shows no other process")
        else:
            missing.append(_error("a /proc of its own PID namespace"))
    return True


def _enter_user_namespace(flags: int) -> bool:
    """As an ordinary user: a user namespace where this process keeps its own ids (and gains, inside
    it only, the rights to make the other namespaces and mounts, dropped again by confine.py)."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | flags) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def in_user_namespace() -> bool:
    try:
        return Path("/proc/self/uid_map").read_text().split() != ["0", "0", "4294967295"]
    except OSError:
        return False
