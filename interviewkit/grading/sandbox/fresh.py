"""The NumPy track's sandbox: a fresh interpreter that never had torch in its memory.

A forked grader holds torch's modules, classes and code, and whatever the fork drops from
sys.modules stays reachable through objects (`object.__subclasses__()`, gc, a method's globals).
So the NumPy track's fork (process.py) does only what must happen in the fork (a session of its
own, its descriptors, the grader's PID namespace, death with its parent, a scrubbed environment)
and then execs `python -I -B` on BOOTSTRAP. That interpreter imports NumPy and the sandbox's own
modules (none of them imports torch), confines itself exactly as the forked sandbox does
(becoming.confine_and_serve: limits, namespaces, Landlock, seccomp, audit hook, guard) before it
reads anything of the candidate's, and serves the same wire protocol on the same descriptors.

Its settings cross the exec as data, one JSON argument, never as code: `-I` ignores the
environment's PYTHON* variables and the user's site folder, and sys.path is the grader's own.

A fresh interpreter takes a few tenths of a second of CPU to start, which a warm grade (under half
a second) would feel: the warm worker, and a grade that will time the candidate, keep one started
ahead, waiting for its grade's settings before it confines itself (spare.py)."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from interviewkit.grading.sandbox import confine

# The only code the new interpreter runs before kit's: read the settings, find kit where the grader
# found it, hand over. Nothing in it comes from the settings.
BOOTSTRAP = ("import json, sys; settings = json.loads(sys.argv[1]); sys.path[:] = settings['path']; "
             "from interviewkit.grading.sandbox.fresh import main; main(settings)")


@dataclass
class JoinedPidNamespace:
    """What confine.py needs of the PID namespace the fork joined: whether there is one (its init is
    the grader's to end, `keeper` only says it exists) and, if not, why."""

    keeper: bool | None
    why_not: str = ""


def exec_fresh_interpreter(channels: tuple[int, ...], held: int | None, environment: dict, data: dict) -> None:
    """In the fork: replaces this process by a fresh interpreter that becomes the sandbox, keeping
    only `channels` and `held` (the PID namespace's init ends when that closes). Returns only by
    raising (the fork then reports the failure and ends)."""
    confine.die_with_parent()  # kept across exec: no orphan however early its parent dies
    for descriptor in (*channels, *([held] if held is not None else [])):
        os.set_inheritable(descriptor, True)
    data = {"path": [entry for entry in sys.path if entry], "channels": list(channels[:3]), **data}
    os.execve(sys.executable, [sys.executable, "-I", "-B", "-c", BOOTSTRAP, json.dumps(data)], environment)


def grade_data(scratch: Path, settings) -> dict:
    """The settings of one grade's sandbox, as data."""
    from interviewkit import language
    from interviewkit.grading.sandbox.becoming import failure_file

    return {"scratch": str(scratch), "failure": str(failure_file(scratch)), "language": language.current,
            "settings": {**asdict(settings), "hidden": [str(path) for path in settings.hidden],
                         "readable": [str(path) for path in settings.readable]}}


def start_in_fork(channels: tuple[int, int, int], scratch: Path, settings, namespace) -> None:
    """The NumPy track's sandbox, in the grader's fork (process.start_sandbox)."""
    from interviewkit.grading.sandbox.becoming import sandbox_environment

    exec_fresh_interpreter(channels, namespace.held, sandbox_environment(scratch), {
        **grade_data(scratch, settings),
        "pid_namespace": {"own": namespace.keeper is not None, "why_not": namespace.why_not}})


def main(data: dict) -> None:
    """The new interpreter's whole life: becomes the sandbox, serves, ends (exit status 70, with the
    traceback in the failure file, if kit's own code failed)."""
    status = 70
    try:
        from interviewkit.grading.sandbox import becoming

        becoming.unpredictable_global_generators(None)  # imports numpy.random too: before a spare waits
        if "settings_pipe" in data:  # a spare: imported all it needs, it waits for its grade
            data.update(json.loads(_read_to_end(data["settings_pipe"])))
            os.environ.clear()
            os.environ.update(data["environment"])
        scratch = Path(data["scratch"])
        from interviewkit import language

        language.current = data["language"]  # what it says about the candidate's code, in the grader's
        try:
            for descriptor in data["channels"]:
                os.set_inheritable(descriptor, False)
            values = data["settings"]
            settings = becoming.SandboxSettings(**{**values, "hidden": tuple(map(Path, values["hidden"])),
                                                  "readable": tuple(map(Path, values["readable"]))})
            own = data["pid_namespace"]
            namespace = JoinedPidNamespace(True if own["own"] else None, own["why_not"])
            becoming.confine_and_serve(*data["channels"], scratch, settings, namespace)
            status = 0
        except BaseException:
            becoming.write_failure(scratch)
    except BaseException:  # kit's sandbox modules would not even import
        if "failure" in data:
            _write_failure_plainly(Path(data["failure"]))
    finally:
        os._exit(status)  # a thread the candidate left running must not keep the sandbox alive


def _write_failure_plainly(failure: Path) -> None:
    import traceback

    try:
        failure.write_text(traceback.format_exc())
    except OSError:
        pass


def _read_to_end(descriptor: int) -> bytes:
    parts = []
    while chunk := os.read(descriptor, 65536):
        parts.append(chunk)
    os.close(descriptor)
    return b"".join(parts)
