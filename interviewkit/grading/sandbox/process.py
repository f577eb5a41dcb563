"""The sandbox: a process of its own that imports the candidate's file and runs the grader's calls.

The grader forks it before doing any work of its own, so the sandbox holds no grader, case or
reference. In the fork: a session and process group of its own, the grader's PID namespace for it
(namespaces.py), death with its parent, no inherited file descriptor but its channels, and a
scrubbed environment. The torch track's sandbox goes on in the fork, with torch (and CUDA) already
imported. The NumPy track's sandbox then execs a fresh interpreter instead (fresh.py), which
imports NumPy and kit's sandbox modules only: no torch, not even its classes, is in its memory;
where one was started ahead for it (spare.py: by the warm worker, or earlier in the grade), it
adopts that one instead of forking.
Either one then confines itself (a fresh folder as HOME, TMPDIR and working directory, a scrubbed
sys.path, the operating-system limits of confine.py), installs an audit hook (audit.py) that
refuses file writes, network use and new processes while candidate code runs, and the
forbidden-API guard, all before it reads the candidate's file. It then answers the grader's
requests (serve.py) with plain data; it never decides a verdict."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from interviewkit.grading.sandbox import fresh, spare
from interviewkit.grading.sandbox.becoming import (  # noqa: F401  (SandboxSettings, SandboxProcess: callers import them here)
    SandboxProcess, SandboxSettings, confine_and_serve, detach, failure_file, unpredictable_global_generators,
    write_failure,
)
from interviewkit.grading.sandbox.namespaces import PidNamespace


def start_sandbox(settings: SandboxSettings) -> SandboxProcess:
    """Forks the sandbox. Call it before the grader computes anything (threads do not survive fork)."""
    scratch = Path(tempfile.mkdtemp(prefix="kit-sandbox-"))
    (scratch / "home").mkdir()
    (scratch / "tmp").mkdir()
    failure_file(scratch).touch(mode=0o600)
    offered = None if settings.keep_torch else spare.take()
    adopted = offered.adopt(scratch, settings) if offered is not None else None
    if adopted is not None:
        return adopted
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
            channels = (request_read, reply_write, alarm_write)
            detach(keep={*channels, namespace.held})
            if settings.keep_torch:
                _become_sandbox(*channels, scratch, settings, namespace)
                status = 0
            else:
                fresh.start_in_fork(channels, scratch, settings, namespace)
        except BaseException:  # nothing of the grader's may run on in this process
            # Its stderr is /dev/null by now: the traceback goes where the grader looks (failure()).
            write_failure(scratch)
        finally:
            os._exit(status)
    for descriptor in (request_read, reply_write, alarm_write):
        os.close(descriptor)
    return SandboxProcess(pid, request_write, reply_read, scratch, namespace, alarm_read)


def _become_sandbox(requests: int, replies: int, alarms: int, scratch: Path, settings: SandboxSettings,
                    namespace) -> None:
    """The torch track's sandbox, in the fork: torch (and CUDA) are already imported."""
    torch = sys.modules.get("torch")
    unpredictable_global_generators(torch)
    if torch is not None:
        torch.set_num_threads(1)  # the thread pool of a forked parent would deadlock here
        from interviewkit.grading.sandbox import torch_watch  # noqa: F401  (imported before sys.path is scrubbed)
    confine_and_serve(requests, replies, alarms, scratch, settings, namespace)
