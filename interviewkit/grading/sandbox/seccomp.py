"""The sandbox's seccomp filter: an allowlist of the system calls a NumPy or PyTorch computation makes.

Measured, not guessed: kata references were graded under `strace -f -ff`, and every call the
sandbox made after this filter was installed is allowed here, with the calls of the same families
Python makes (the `*at` and `*v` variants, epoll and timers); every reference and correct proof
passes under it (tests/test_katas.py), which is where a missing call would show, as a correct
solution failing with EPERM. The NumPy track's sandbox, a fresh interpreter (fresh.py) that imports
what the forked one inherited, was measured the same way (softmax, knn, kmeans, bpe and pca graded
under strace, efficiency sandboxes included): what it imports after the filter is on needs no call
beyond these. Everything else answers EPERM, and a few calls are
allowed only with harmless arguments: `clone` for a thread, never a process; `ioctl` for the
terminal and file-descriptor requests Python makes (any request on CUDA, whose driver speaks
through ioctl); `prlimit64` to read this process's own limits, never to set them or another's.
A call of another ABI (x86-64's 32-bit `int 0x80`, or x32) kills the process: it would be
filtered by the wrong numbers."""
from __future__ import annotations

import ctypes
import platform
import struct

# Allowed with any arguments (names as in the kernel's x86-64 table; a name an architecture lacks,
# such as aarch64's `open`, is simply absent there).
ALLOWED = """
read write readv writev pread64 pwrite64 preadv pwritev preadv2 pwritev2 lseek close close_range dup dup2
dup3 fcntl flock fstat stat lstat newfstatat statx fstatfs statfs access faccessat faccessat2 readlink
readlinkat getdents getdents64 getcwd chdir fchdir open openat mkdir mkdirat unlink unlinkat rename renameat
renameat2 rmdir link linkat symlink symlinkat ftruncate truncate fsync fdatasync fallocate fadvise64
readahead sendfile copy_file_range splice tee getxattr lgetxattr fgetxattr listxattr llistxattr flistxattr
umask mmap munmap mprotect mremap madvise brk msync mincore membarrier get_mempolicy mbind set_mempolicy
memfd_create futex futex_waitv set_robust_list get_robust_list rseq sched_yield sched_getaffinity
sched_setaffinity sched_getparam sched_getscheduler sched_get_priority_max sched_get_priority_min
sched_getattr sched_rr_get_interval gettid getpid getppid tgkill tkill kill rt_sigaction rt_sigprocmask
rt_sigreturn rt_sigtimedwait rt_sigpending rt_sigsuspend sigaltstack pause restart_syscall nanosleep
clock_nanosleep clock_gettime clock_getres gettimeofday time times getrusage getrlimit uname sysinfo
getuid geteuid getgid getegid getgroups getresuid getresgid getpgrp getpgid getsid getcpu getrandom prctl
arch_prctl set_tid_address exit exit_group wait4 waitid pipe pipe2 eventfd eventfd2 epoll_create
epoll_create1 epoll_ctl epoll_wait epoll_pwait epoll_pwait2 poll ppoll select pselect6 getitimer setitimer
alarm timer_create timer_settime timer_gettime timer_getoverrun timer_delete timerfd_create timerfd_settime
timerfd_gettime getpriority capget
""".split()

# ioctl requests allowed on the CPU: TCGETS, TIOCGWINSZ, TIOCGPGRP, FIONREAD, FIONBIO, FIOCLEX,
# FIONCLEX, FIOASYNC (isatty, terminal size, non-blocking and close-on-exec flags).
IOCTLS = (0x5401, 0x5413, 0x540F, 0x541B, 0x5421, 0x5451, 0x5450, 0x5452)

CLONE_THREAD = 0x00010000
X32_SYSCALL_BIT = 0x40000000  # x86-64's x32 ABI: the same table of numbers, offset by this bit
AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
RET_ALLOW, RET_ERRNO, RET_KILL_PROCESS = 0x7FFF0000, 0x00050000, 0x80000000
EPERM, ENOSYS = 1, 38
LD_W_ABS, JEQ_K, JSET_K, RET_K = 0x20, 0x15, 0x45, 0x06
ARCH, NR = 4, 0  # offsets in struct seccomp_data; args[i] is at 16 + 8 i, low word first
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2

# From the kernel's UAPI headers (asm/unistd_64.h, asm-generic/unistd.h): numbers never change.
NUMBERS = {
    "x86_64": {
        "read": 0, "write": 1, "open": 2, "close": 3, "stat": 4, "fstat": 5, "lstat": 6, "poll": 7,
        "lseek": 8, "mmap": 9, "mprotect": 10, "munmap": 11, "brk": 12, "rt_sigaction": 13,
        "rt_sigprocmask": 14, "rt_sigreturn": 15, "ioctl": 16, "pread64": 17, "pwrite64": 18, "readv": 19,
        "writev": 20, "access": 21, "pipe": 22, "select": 23, "sched_yield": 24, "mremap": 25, "msync": 26,
        "mincore": 27, "madvise": 28, "dup": 32, "dup2": 33, "pause": 34, "nanosleep": 35, "getitimer": 36,
        "alarm": 37, "setitimer": 38, "getpid": 39, "sendfile": 40, "clone": 56, "exit": 60, "wait4": 61,
        "kill": 62, "uname": 63, "fcntl": 72, "flock": 73, "fsync": 74, "fdatasync": 75, "truncate": 76,
        "ftruncate": 77, "getdents": 78, "getcwd": 79, "chdir": 80, "fchdir": 81, "rename": 82,
        "mkdir": 83, "rmdir": 84, "link": 86, "unlink": 87, "symlink": 88, "readlink": 89, "umask": 95,
        "gettimeofday": 96, "getrlimit": 97, "getrusage": 98, "sysinfo": 99, "times": 100, "getuid": 102,
        "getgid": 104, "geteuid": 107, "getegid": 108, "getppid": 110, "getpgrp": 111, "getgroups": 115,
        "getresuid": 118, "getresgid": 120, "getpgid": 121, "getsid": 124, "capget": 125,
        "rt_sigpending": 127, "rt_sigtimedwait": 128, "rt_sigsuspend": 130, "sigaltstack": 131,
        "statfs": 137, "fstatfs": 138, "getpriority": 140, "sched_getparam": 143,
        "sched_getscheduler": 145, "sched_get_priority_max": 146, "sched_get_priority_min": 147,
        "sched_rr_get_interval": 148, "prctl": 157, "arch_prctl": 158, "gettid": 186, "readahead": 187,
        "getxattr": 191, "lgetxattr": 192, "fgetxattr": 193, "listxattr": 194, "llistxattr": 195,
        "flistxattr": 196, "tkill": 200, "time": 201, "futex": 202, "sched_setaffinity": 203,
        "sched_getaffinity": 204, "epoll_create": 213, "getdents64": 217, "set_tid_address": 218,
        "restart_syscall": 219, "fadvise64": 221, "timer_create": 222, "timer_settime": 223,
        "timer_gettime": 224, "timer_getoverrun": 225, "timer_delete": 226, "clock_gettime": 228,
        "clock_getres": 229, "clock_nanosleep": 230, "exit_group": 231, "epoll_wait": 232,
        "epoll_ctl": 233, "tgkill": 234, "mbind": 237, "set_mempolicy": 238, "get_mempolicy": 239,
        "waitid": 247, "openat": 257, "mkdirat": 258, "newfstatat": 262, "unlinkat": 263, "renameat": 264,
        "linkat": 265, "symlinkat": 266, "readlinkat": 267, "faccessat": 269, "pselect6": 270,
        "ppoll": 271, "set_robust_list": 273, "get_robust_list": 274, "splice": 275, "tee": 276,
        "epoll_pwait": 281, "timerfd_create": 283, "eventfd": 284, "fallocate": 285,
        "timerfd_settime": 286, "timerfd_gettime": 287, "eventfd2": 290, "epoll_create1": 291, "dup3": 292,
        "pipe2": 293, "preadv": 295, "pwritev": 296, "prlimit64": 302, "getcpu": 309, "sched_getattr": 315,
        "renameat2": 316, "getrandom": 318, "memfd_create": 319, "membarrier": 324, "copy_file_range": 326,
        "preadv2": 327, "pwritev2": 328, "statx": 332, "rseq": 334, "clone3": 435, "close_range": 436,
        "faccessat2": 439, "epoll_pwait2": 441, "futex_waitv": 449
    },
    "aarch64": {
        "getxattr": 8, "lgetxattr": 9, "fgetxattr": 10, "listxattr": 11, "llistxattr": 12,
        "flistxattr": 13, "getcwd": 17, "eventfd2": 19, "epoll_create1": 20, "epoll_ctl": 21,
        "epoll_pwait": 22, "dup": 23, "dup3": 24, "fcntl": 25, "ioctl": 29, "flock": 32, "mkdirat": 34,
        "unlinkat": 35, "symlinkat": 36, "linkat": 37, "renameat": 38, "statfs": 43, "fstatfs": 44,
        "truncate": 45, "ftruncate": 46, "fallocate": 47, "faccessat": 48, "chdir": 49, "fchdir": 50,
        "openat": 56, "close": 57, "pipe2": 59, "getdents64": 61, "lseek": 62, "read": 63, "write": 64,
        "readv": 65, "writev": 66, "pread64": 67, "pwrite64": 68, "preadv": 69, "pwritev": 70,
        "sendfile": 71, "pselect6": 72, "ppoll": 73, "splice": 76, "tee": 77, "readlinkat": 78,
        "newfstatat": 79, "fstat": 80, "fsync": 82, "fdatasync": 83, "timerfd_create": 85,
        "timerfd_settime": 86, "timerfd_gettime": 87, "capget": 90, "exit": 93, "exit_group": 94,
        "waitid": 95, "set_tid_address": 96, "futex": 98, "set_robust_list": 99, "get_robust_list": 100,
        "nanosleep": 101, "getitimer": 102, "setitimer": 103, "timer_create": 107, "timer_gettime": 108,
        "timer_getoverrun": 109, "timer_settime": 110, "timer_delete": 111, "clock_gettime": 113,
        "clock_getres": 114, "clock_nanosleep": 115, "sched_getscheduler": 120, "sched_getparam": 121,
        "sched_setaffinity": 122, "sched_getaffinity": 123, "sched_yield": 124,
        "sched_get_priority_max": 125, "sched_get_priority_min": 126, "sched_rr_get_interval": 127,
        "restart_syscall": 128, "kill": 129, "tkill": 130, "tgkill": 131, "sigaltstack": 132,
        "rt_sigsuspend": 133, "rt_sigaction": 134, "rt_sigprocmask": 135, "rt_sigpending": 136,
        "rt_sigtimedwait": 137, "rt_sigreturn": 139, "getpriority": 141, "getresuid": 148,
        "getresgid": 150, "times": 153, "getpgid": 155, "getsid": 156, "getgroups": 158, "uname": 160,
        "getrlimit": 163, "getrusage": 165, "umask": 166, "prctl": 167, "getcpu": 168, "gettimeofday": 169,
        "getpid": 172, "getppid": 173, "getuid": 174, "geteuid": 175, "getgid": 176, "getegid": 177,
        "gettid": 178, "sysinfo": 179, "readahead": 213, "brk": 214, "munmap": 215, "mremap": 216,
        "clone": 220, "mmap": 222, "fadvise64": 223, "mprotect": 226, "msync": 227, "mincore": 232,
        "madvise": 233, "mbind": 235, "get_mempolicy": 236, "set_mempolicy": 237, "wait4": 260,
        "prlimit64": 261, "sched_getattr": 275, "renameat2": 276, "getrandom": 278, "memfd_create": 279,
        "membarrier": 283, "copy_file_range": 285, "preadv2": 286, "pwritev2": 287, "statx": 291,
        "rseq": 293, "clone3": 435, "close_range": 436, "faccessat2": 439, "epoll_pwait2": 441,
        "futex_waitv": 449
    },
}


def _bpf(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def _argument(index: int, high: bool = False) -> bytes:
    return _bpf(LD_W_ABS, 16 + 8 * index + (4 if high else 0))


def _when(number: int, block: list[bytes]) -> list[bytes]:
    """`block` runs for system call `number` (the accumulator holds the number on entry); every path
    through it ends in a return."""
    return [_bpf(JEQ_K, number, 0, len(block)), *block]


def _thread_only() -> list[bytes]:
    return [_argument(0), _bpf(JSET_K, CLONE_THREAD, 0, 1), _bpf(RET_K, RET_ALLOW), _bpf(RET_K, RET_ERRNO | EPERM)]


def _one_of(index: int, values: tuple[int, ...]) -> list[bytes]:
    block = [_argument(index)]
    for value in values:
        block += [_bpf(JEQ_K, value, 0, 1), _bpf(RET_K, RET_ALLOW)]
    return block + [_bpf(RET_K, RET_ERRNO | EPERM)]


def _all_zero(words: list[bytes]) -> list[bytes]:
    """Allowed when every loaded word is zero (a pid of 0, a NULL pointer)."""
    block = []
    for position, load in enumerate(words):
        remaining = 2 * (len(words) - position - 1) + 1
        block += [load, _bpf(JEQ_K, 0, 0, remaining)]
    return block + [_bpf(RET_K, RET_ALLOW), _bpf(RET_K, RET_ERRNO | EPERM)]


def program(machine: str, any_ioctl: bool) -> list[bytes]:
    numbers = NUMBERS[machine]
    instructions = [_bpf(LD_W_ABS, ARCH), _bpf(JEQ_K, AUDIT_ARCH[machine], 1, 0), _bpf(RET_K, RET_KILL_PROCESS),
                    _bpf(LD_W_ABS, NR)]
    if machine == "x86_64":
        instructions += [_bpf(JSET_K, X32_SYSCALL_BIT, 0, 1), _bpf(RET_K, RET_KILL_PROCESS)]
    allowed = sorted({numbers[name] for name in ALLOWED if name in numbers} | ({numbers["ioctl"]} if any_ioctl else set()))
    for number in allowed:
        instructions += [_bpf(JEQ_K, number, 0, 1), _bpf(RET_K, RET_ALLOW)]
    instructions += _when(numbers["clone"], _thread_only())
    instructions += _when(numbers["clone3"], [_bpf(RET_K, RET_ERRNO | ENOSYS)])  # libc then uses clone
    if not any_ioctl:
        instructions += _when(numbers["ioctl"], _one_of(1, IOCTLS))
    instructions += _when(numbers["prlimit64"], _all_zero([_argument(0), _argument(0, True), _argument(2),
                                                            _argument(2, True)]))
    return instructions + [_bpf(RET_K, RET_ERRNO | EPERM)]


def install(any_ioctl: bool = False) -> str | None:
    """Installs the filter on this process (and every thread it starts); returns why it could not."""
    machine = platform.machine()
    if machine not in NUMBERS:
        return f"no seccomp table for {machine}"
    instructions = program(machine, any_ioctl)
    filters = ctypes.create_string_buffer(b"".join(instructions))
    fprog = struct.pack("<HxxxxxxQ", len(instructions), ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.c_char_p(fprog), 0, 0) != 0:
        import os

        return os.strerror(ctypes.get_errno()) or "unavailable"
    return None
