"""The NumPy track's sandbox is a fresh interpreter (sandbox/fresh.py): no torch in its memory, not
even its classes, yet confined exactly as the forked torch-track sandbox is; and the spare the warm
worker keeps ready (sandbox/spare.py) is the same sandbox, started earlier."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import torch  # noqa: F401  (a grader's process always holds it: the NumPy sandbox must not)

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import fresh, spare
from interviewkit.grading.sandbox.errors import SandboxCrashed
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
from interviewkit.grading.sandbox.remote import RemoteCandidate

ROOT = os.geteuid() == 0
TORCH = ("torch", "functorch", "torchgen")

# What the candidate's code can find: every class alive (object's subclasses, recursively: the
# classes gc would find), every loaded module and what each one holds.
LOOK = textwrap.dedent("""
    import sys

    TORCH = ("torch", "functorch", "torchgen")

    def _torch_name(name):
        return str(name).split(".")[0] in TORCH

    def look():
        seen, todo = set(), [object]
        while todo:
            for sub in type.__subclasses__(todo.pop()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        classes = sorted({cls.__module__ for cls in seen if _torch_name(cls.__module__)})
        held = sorted({f"{name}.{key}" for name, module in list(sys.modules.items()) if module is not None
                       for key, value in list(vars(module).items())
                       if _torch_name(getattr(value, "__module__", None) or getattr(value, "__name__", ""))})
        return {"modules": sorted(name for name in sys.modules if _torch_name(name)), "classes": classes[:5],
                "held": held[:5], "class_count": len(seen)}
""")


def _look(settings: SandboxSettings, tmp_path: Path) -> tuple[dict, str]:
    path = tmp_path / "look.py"
    path.write_text(LOOK)
    sandbox = start_sandbox(settings)
    try:
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
        candidate.load(LOOK, (), Forbidden(), [])
        maps = Path(f"/proc/{sandbox.pid}/maps").read_text()
        return candidate.call("look").output, maps
    finally:
        sandbox.stop()


def test_the_numpy_sandbox_has_no_torch_in_its_memory(tmp_path):
    """No torch, functorch or torchgen module, no class of theirs among all classes alive, no module
    holding one, and no library of torch's mapped into the process at all."""
    seen, maps = _look(SandboxSettings(time_limit=30, keep_torch=False), tmp_path)
    assert seen["modules"] == [] and seen["classes"] == [] and seen["held"] == []
    assert seen["class_count"] > 500  # the walk did reach the interpreter's classes
    assert "torch" not in maps and "numpy" in maps


def test_the_probe_finds_torch_where_it_is(tmp_path):
    """The same probe in the torch track's forked sandbox finds torch everywhere: it can fail."""
    seen, maps = _look(SandboxSettings(time_limit=30, keep_torch=True), tmp_path)
    assert "torch" in seen["modules"] and seen["classes"] and seen["held"] and "libtorch" in maps


def test_the_fresh_sandbox_is_confined_exactly_as_the_forked_one():
    """The same protections hold in both tracks' sandboxes, and the NumPy one's settings crossed the
    exec as data: its command line is the fixed bootstrap and one JSON argument."""
    reports, command_lines = {}, {}
    for keep_torch in (True, False):
        sandbox = start_sandbox(SandboxSettings(time_limit=30, keep_torch=keep_torch))
        try:
            candidate = RemoteCandidate(sandbox, Path("none.py"), time.monotonic() + 30, 30)
            reports[keep_torch] = candidate.protections()
            command_lines[keep_torch] = Path(f"/proc/{sandbox.pid}/cmdline").read_bytes().split(b"\0")[:-1]
        finally:
            sandbox.stop()
    assert reports[False] == reports[True]
    assert any("seccomp" in line for line in reports[False]["applied"])
    assert command_lines[False][1:5] == [b"-I", b"-B", b"-c", fresh.BOOTSTRAP.encode()]
    assert len(command_lines[False]) == 6 and command_lines[False][5].startswith(b"{")
    assert command_lines[True] == Path("/proc/self/cmdline").read_bytes().split(b"\0")[:-1]  # a fork of ours


def test_a_failure_of_kit_s_code_in_the_fresh_interpreter_is_reported_with_its_traceback(tmp_path):
    """Settings the fresh interpreter cannot apply (a time limit that is no number) end it with exit
    status 70 and the traceback where the grader looks, as in the forked sandbox."""
    sandbox = start_sandbox(SandboxSettings(time_limit=float("nan"), keep_torch=False))
    try:
        candidate = RemoteCandidate(sandbox, tmp_path / "any.py", time.monotonic() + 30, 30)
        with pytest.raises(RuntimeError, match=r"(?s)kit's sandbox failed during .*ValueError"):
            candidate.load("x = 1\n", (), Forbidden(), [])
        assert os.WEXITSTATUS(sandbox.wait()) == 70
    finally:
        sandbox.stop()


DIES_WITH_ITS_GRADER = """
import os, sys, time
from interviewkit.grading.sandbox import spare
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
if sys.argv[1] == "spare":
    spare.offer(spare.Spare.start())
sandbox = start_sandbox(SandboxSettings(time_limit=30, keep_torch=False))
print(sandbox.pid, sandbox.exit_status is not None, flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("how", ["fork", pytest.param("spare", marks=pytest.mark.skipif(
    not ROOT, reason="a spare needs a PID namespace of its own, which needs root (CI runs as root)"))])
def test_a_numpy_sandbox_dies_with_its_grader(how):
    """A grader killed outright (no stop(), no cleanup) takes its NumPy sandbox with it, whether it
    started the sandbox itself or adopted a spare."""
    grader = subprocess.Popen([sys.executable, "-c", DIES_WITH_ITS_GRADER, how], stdout=subprocess.PIPE, text=True)
    try:
        pid, adopted = grader.stdout.readline().split()
        assert adopted == str(how == "spare")
        os.kill(int(pid), 0)  # alive while its grader is
    finally:
        grader.kill()
        grader.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.skipif(not ROOT, reason="a spare needs a PID namespace of its own, which needs root (CI runs as root)")
def test_an_adopted_spare_is_the_same_sandbox_and_reports_how_it_ended(tmp_path):
    """A spare the worker started ahead has no torch either, takes its grade's folder and settings when
    adopted, and its exit status (here: the CPU limit) reaches the grader through its keeper."""
    source = LOOK + "\n\ndef spin():\n    while True:\n        pass\n"
    path = tmp_path / "look.py"
    path.write_text(source)
    ready = spare.Spare.start()
    spare.offer(ready)
    sandbox = start_sandbox(SandboxSettings(time_limit=2, keep_torch=False))
    try:
        assert sandbox.exit_status is not None and spare.take() is None  # adopted, once
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
        candidate.load(source, (), Forbidden(), [])
        seen = candidate.call("look").output
        assert seen["modules"] == [] and seen["classes"] == []
        with pytest.raises(SandboxCrashed, match="CPU time limit"):
            candidate.call("spin")
        assert os.WTERMSIG(sandbox.wait()) == signal.SIGXCPU
    finally:
        sandbox.stop()
    with pytest.raises(ChildProcessError):  # stop() reaped the keeper this process started: no zombie
        os.waitpid(ready.keeper, os.WNOHANG)
    assert not sandbox.scratch.exists()
