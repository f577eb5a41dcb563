"""Operating-system limits for the sandbox process, each applied where this kernel allows it.

Applied in the forked sandbox, in this order: resource limits (address space, CPU time, file
size, no core files); namespaces of its own (namespaces.py: network, mount with a tmpfs scratch
folder, host name, IPC; PID when the grader could make one); the unprivileged user `nobody` when running as
root; Landlock (writes only below the sandbox's own folder, no TCP, no signals to processes
outside it, where the ABI offers them); every capability dropped; and seccomp.py's allowlist of
system calls, which kills the process on a system call of another ABI.
Every step reports what it managed, so that the grader can say what held."""
from __future__ import annotations

import ctypes
import math
import os
import platform
import resource
import struct
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.grading.sandbox import namespaces, seccomp
from interviewkit.grading.sandbox.namespaces import PidNamespace

NOBODY = 65534
FILE_SIZE_LIMIT = 16 << 20

_libc = ctypes.CDLL(None, use_errno=True)

# Landlock (the same numbers on every architecture).
LANDLOCK_CREATE_RULESET, LANDLOCK_ADD_RULE, LANDLOCK_RESTRICT_SELF = 444, 445, 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1
FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR, FS_REMOVE_DIR, FS_REMOVE_FILE = 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 5
FS_MAKE = sum(1 << bit for bit in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
FS_REFER, FS_TRUNCATE = 1 << 13, 1 << 14
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1

PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG = 38, 1
PR_CAPBSET_DROP, CAPABILITY_VERSION_3, CAPSET = 24, 0x20080522, {"x86_64": 126, "aarch64": 91}
@dataclass
class Limits:
    memory_mb: int = 4096
    cpu_seconds: float = 60.0
    limit_address_space: bool = True  # off on CUDA, whose driver reserves vast address ranges
    on_cuda: bool = False


@dataclass
class Protections:
    """What actually held, by name, and what could not be applied (with the reason)."""

    applied: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    network_blocked: bool = False


def _fail(what: str) -> str:
    return f"{what} ({os.strerror(ctypes.get_errno()) or 'unavailable'})"


def set_resource_limits(limits: Limits, protections: Protections) -> None:
    if limits.limit_address_space:
        current = _virtual_memory_bytes()
        ceiling = current + limits.memory_mb * (1 << 20)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
        protections.applied.append(f"memory: {limits.memory_mb} MiB beyond the interpreter's own")
    else:
        protections.missing.append("memory limit (off on CUDA)")
    # RLIMIT_CPU counts the process's whole life: a fresh interpreter (the NumPy track's) has spent
    # some of it booting and importing NumPy, which must not come out of the candidate's time.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = usage.ru_utime + usage.ru_stime
    seconds = max(1, int(limits.cpu_seconds + 0.999))
    limit = seconds + math.ceil(spent)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 2))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    protections.applied.append(f"CPU time: {seconds} s")


def _virtual_memory_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def die_with_parent() -> None:
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)


def _readable_by_others(directory: str) -> bool:
    """Whether a user with no rights of its own can reach and list `directory`."""
    path = Path(directory)
    if not path.is_dir():
        return True
    for part in [path, *path.parents]:
        mode = part.stat().st_mode
        if not mode & 0o001 or (part == path and not mode & 0o004):
            return False
    return True


def become_nobody(scratch: Path, protections: Protections, failure_file: Path | None = None) -> None:
    import sys

    if os.geteuid() != 0:
        protections.applied.append("user: unchanged (not root)")
        return
    hidden = [entry for entry in sys.path if entry and not _readable_by_others(entry)]
    if hidden:
        # Modules imported later (lazily) would not be found: keep the user, rely on the other layers.
        protections.missing.append(f"user nobody (it cannot read {hidden[0]})")
        return
    for path in [scratch, *scratch.rglob("*"), *([failure_file] if failure_file else [])]:
        os.chown(path, NOBODY, NOBODY)
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    protections.applied.append("user: nobody")


def readable_except(hidden: list[Path]) -> list[Path]:
    """Paths whose subtrees hold everything but `hidden`: Landlock only allows, so every sibling of
    each folder on the way down to a hidden one is allowed instead of that folder."""
    hidden = [path.resolve() for path in hidden if path.exists()]
    allowed: list[Path] = []

    def visit(folder: Path) -> None:
        try:
            children = sorted(folder.iterdir())
        except OSError:
            return
        for child in children:
            if child in hidden:
                continue
            if any(path.is_relative_to(child) for path in hidden) and not child.is_symlink():
                visit(child)
            else:
                allowed.append(child)

    if hidden:
        visit(Path("/"))
    return allowed


def restrict_filesystem(scratch: Path, protections: Protections, hidden: list[Path] = (),
                        readable: list[Path] = (), failure_file: Path | None = None) -> None:
    """Writes only inside `scratch` (and to `failure_file`, where kit's own sandbox code reports its
    failures); with `hidden` folders (kit's references and graders), no read of them either,
    `readable` files (the candidate's own, wherever it is) excepted."""
    abi = _libc.syscall(LANDLOCK_CREATE_RULESET, None, 0, LANDLOCK_CREATE_RULESET_VERSION)
    if abi < 1:
        protections.missing.append(_fail("Landlock"))
        return
    write = FS_WRITE_FILE | FS_REMOVE_DIR | FS_REMOVE_FILE | FS_MAKE
    write |= (FS_REFER if abi >= 2 else 0) | (FS_TRUNCATE if abi >= 3 else 0)
    read = FS_READ_FILE | FS_READ_DIR if hidden else 0
    rules = [(scratch, write | read), (Path("/dev/null"), FS_WRITE_FILE | (FS_TRUNCATE if abi >= 3 else 0) | (read & FS_READ_FILE))]
    if failure_file is not None:
        rules.append((failure_file, FS_WRITE_FILE | (FS_TRUNCATE if abi >= 3 else 0)))
    if read:
        rules += [(path, read if path.is_dir() else FS_READ_FILE) for path in readable_except(list(hidden))]
        rules += [(path, FS_READ_FILE) for path in readable if path.is_file()]
    network = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    attributes = struct.pack("<QQQ", write | read, network, scoped)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _libc.syscall(LANDLOCK_CREATE_RULESET, attributes[:size], size, 0)
    if ruleset < 0:
        protections.missing.append(_fail("Landlock ruleset"))
        return
    try:
        for path, rights in rules:
            try:
                descriptor = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # gone since it was listed (a process's /proc entry)
            try:
                rule = struct.pack("<Qi", rights, descriptor)
                if _libc.syscall(LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_PATH_BENEATH, rule, 0) != 0:
                    protections.missing.append(_fail(f"Landlock rule for {path}"))
                    return
            finally:
                os.close(descriptor)
        _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if _libc.syscall(LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0:
            protections.missing.append(_fail("Landlock"))
            return
    finally:
        os.close(ruleset)
    protections.applied.append("files: writable only inside the sandbox's own folder (Landlock)")
    if read:
        protections.applied.append("files: kit's references and graders unreadable (Landlock)")
    if network:
        protections.applied.append("network: no TCP connections (Landlock)")
        protections.network_blocked = True
    if scoped:
        protections.applied.append("signals: none to processes outside the sandbox (Landlock)")


def drop_capabilities(protections: Protections) -> None:
    """Every capability gone, from the bounding set and the effective, permitted and inheritable
    sets: a sandbox that stays root (it could not become nobody) can then change nothing a user
    could not, such as another process's limits, file attributes, the host name."""
    machine = platform.machine()
    if os.geteuid() != 0 and not namespaces.in_user_namespace():
        return  # an ordinary user has none to drop
    for capability in range(64):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)  # EINVAL past the last one the kernel knows
    header = struct.pack("<Ii", CAPABILITY_VERSION_3, 0)
    data = ctypes.create_string_buffer(24)  # two (effective, permitted, inheritable) words, all zero
    if machine not in CAPSET or _libc.syscall(CAPSET[machine], ctypes.c_char_p(header), data) != 0:
        protections.missing.append(_fail("dropping capabilities"))
        return
    protections.applied.append("capabilities: none, not even root's")


def filter_system_calls(limits: Limits, protections: Protections) -> None:
    """seccomp.py's allowlist: no new process, program, socket or tracing; another ABI kills."""
    why_not = seccomp.install(any_ioctl=limits.on_cuda)
    if why_not:
        protections.missing.append(f"seccomp ({why_not})")
        return
    protections.applied.append("system calls: an allowlist of what NumPy and PyTorch computations make (seccomp);"
                               " no process can be started, no socket opened, nothing traced")
    protections.applied.append("system calls of another ABI: the process is killed (seccomp)")
    if limits.on_cuda:
        protections.applied.append("ioctl: any request (the CUDA driver speaks through it)")
    protections.network_blocked = True


def confine(scratch: Path, limits: Limits, hidden: list[Path] = (), readable: list[Path] = (),
            failure_file: Path | None = None, pid_namespace: PidNamespace | None = None) -> Protections:
    protections = Protections()
    die_with_parent()
    set_resource_limits(limits, protections)
    own_pids = pid_namespace is not None and pid_namespace.keeper is not None
    if pid_namespace is not None and not own_pids:
        protections.missing.append(pid_namespace.why_not)
    protections.network_blocked = namespaces.enter_namespaces(scratch, own_pids, protections.applied,
                                                              protections.missing)
    become_nobody(scratch, protections, failure_file)
    restrict_filesystem(scratch, protections, hidden, readable, failure_file)
    drop_capabilities(protections)
    filter_system_calls(limits, protections)
    if not protections.network_blocked:
        protections.missing.append("network: nothing here could block it")
    return protections
