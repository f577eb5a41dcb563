"""`kit watch` regrades on every save, through the workspace's warm worker; each grade starts afresh."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from interviewkit.grading.run.events import Event, checked, decode, encode, event, started
from interviewkit.grading.run.result import CheckResult
from interviewkit.grading.run.runner import GradeRequest, ReportBuilder
from interviewkit.grading.run.worker_client import ask, grade_through_worker
from interviewkit.grading.sandbox.kinds import Kind
from processes import MARKER, processes_marked, spare_of, survivors

REPO = Path(__file__).resolve().parent.parent
CANDIDATES = REPO / "tests" / "candidates" / "softmax" / "numpy"


def ctrl_c_as_in_a_terminal() -> None:
    """A shell without job control starts background commands with SIGINT ignored, and children
    inherit that: a test suite run with `&` would never see kit react to Ctrl-C. A terminal's
    Ctrl-C is what these tests simulate, so the child starts with SIGINT's default disposition."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def read_until(process: subprocess.Popen, text: str, seen: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while text not in seen and time.monotonic() < deadline:
        if select.select([process.stdout], [], [], 0.5)[0]:
            chunk = os.read(process.stdout.fileno(), 65536).decode(errors="replace")
            if not chunk:
                break
            seen += chunk
    return seen


def test_watch_regrades_on_every_save_until_interrupted(tmp_path):
    solution = tmp_path / "softmax_numpy.py"
    solution.write_text((CANDIDATES / "wrong_no_max_subtraction.py").read_text())
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(tmp_path), "COLUMNS": "200",
                   "PYTHONUNBUFFERED": "1", "KIT_WORKER": "on"}
    watching = subprocess.Popen([sys.executable, "-m", "interviewkit", "watch", str(solution)], cwd=tmp_path,
                                env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        seen = read_until(watching, "save to regrade", "")
        assert "✗ softmax[huge_magnitudes]" in seen, seen[-2000:]
        solution.write_text((REPO / "reference_solutions" / "softmax" / "numpy.py").read_text())
        seen = read_until(watching, "all 16 checks passed", seen)
        assert "all 16 checks passed" in seen, seen[-2000:]
        watching.send_signal(signal.SIGINT)
        seen = read_until(watching, "stopped watching", seen, timeout=20)
        assert watching.wait(timeout=60) == 0
        assert "stopped watching" in seen
        assert ask(tmp_path / ".kit", "status")["served"] == 2  # both grades went through the worker
    finally:
        watching.kill()
        ask(tmp_path / ".kit", "stop")


def test_a_candidate_that_patches_libraries_leaves_nothing_for_the_next_grade(tmp_path):
    meddler = tmp_path / "softmax_numpy.py"
    meddler.write_text(
        # setattr: the static scan refuses `np.exp = ...` before it runs; this must run, and leak nothing.
        "import builtins\nimport numpy as np\n\n"
        "setattr(np, 'exp', lambda x: x * 0)\nsetattr(np, 'max', None)\nsetattr(builtins, 'KIT_STATE', 'poisoned')\n\n"
        "def softmax(x, axis=-1):\n    return x\n"
    )
    reference = REPO / "reference_solutions" / "softmax"
    kit_dir = tmp_path / ".kit"
    kit_dir.mkdir()
    try:
        shown = []
        report = grade_through_worker(GradeRequest("softmax", "numpy", meddler), kit_dir, shown.append)[0]
        assert not report.passed and shown == report.checks
        assert grade_through_worker(GradeRequest("softmax", "numpy", reference / "numpy.py"), kit_dir)[0].passed
        torch_meddler = tmp_path / "softmax_torch.py"
        torch_meddler.write_text(
            "import torch\n\nsetattr(torch, 'exp', lambda x: x)\nsetattr(torch.Tensor, 'sum', lambda self, *a, **k: self)\n"
            "GLOBAL = []\n\ndef softmax(x, dim=-1):\n    GLOBAL.append(x)\n    return x\n"
        )
        assert not grade_through_worker(GradeRequest("softmax", "torch", torch_meddler), kit_dir)[0].passed
        assert grade_through_worker(GradeRequest("softmax", "torch", reference / "torch.py"), kit_dir)[0].passed
        assert ask(kit_dir, "status")["served"] == 4  # one worker, four grades
    finally:
        ask(kit_dir, "stop")


def test_ctrl_c_during_a_grade_leaves_no_process_behind(tmp_path):
    """A terminal's Ctrl-C reaches kit's process group; the workspace's worker and the grade in flight
    run in sessions of their own: the grade must end with kit, the worker stays for the next grade."""
    solution = tmp_path / "softmax_numpy.py"
    solution.write_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
    marker = f"{tmp_path.name}-{os.getpid()}"
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(tmp_path), "PYTHONUNBUFFERED": "1",
                   MARKER: marker, "KIT_WORKER": "on"}
    watching = subprocess.Popen([sys.executable, "-m", "interviewkit", "watch", str(solution), "--timeout", "60"],
                                cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        # The watcher, the worker, the grader and the sandbox spinning in the candidate's loop.
        deadline = time.monotonic() + 60
        while len(processes_marked(marker)) < 4 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(processes_marked(marker)) >= 4
        os.killpg(watching.pid, signal.SIGINT)
        watching.wait(timeout=60)
        worker = str(ask(tmp_path / ".kit", "status")["pid"])
        # the grade is gone; the worker stays, with the spare NumPy sandbox it keeps for the next grade
        assert set(survivors(marker)) - spare_of(worker) == {worker}
        ask(tmp_path / ".kit", "stop")
        assert not survivors(marker)
    finally:
        watching.kill()
        ask(tmp_path / ".kit", "stop")



def test_every_check_of_a_report_is_shown_once_even_those_the_runner_adds():
    """The watch screen shows what `on_check` receives: a grade that ran out of time must show why."""
    shown = []
    builder = ReportBuilder(GradeRequest("softmax", "numpy", Path("softmax_numpy.py"), time_limit=3), shown.append)
    lines = [encode(started("contract")), encode(checked(CheckResult("contract", True))),
             "not an event\n", encode({"event": "no_such_event"}), encode(event(Event.CHECK)),  # skipped
             encode(started("softmax[default_axis]"))]
    for line in lines:
        message = decode(line)
        if message is not None:
            builder.handle(message)
    report = builder.finish(timed_out=True, exit_status=None, duration_s=23.0)
    assert [check.name for check in report.checks] == ["contract", "softmax[default_axis]"]
    assert report.checks[-1].kind == Kind.TIMEOUT and report.checks[-1].stops_grade
    assert shown == report.checks


def test_a_save_during_a_grade_cancels_it_and_grades_the_new_version(tmp_path):
    """A saved infinite loop, then a fix a moment later: the fix's verdict comes at once, not after
    the loop's time limit, and the dropped grade is neither shown nor recorded."""
    solution = tmp_path / "softmax_numpy.py"
    solution.write_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(tmp_path), "COLUMNS": "200",
                   "PYTHONUNBUFFERED": "1", "KIT_WORKER": "on"}
    watching = subprocess.Popen([sys.executable, "-m", "interviewkit", "watch", str(solution), "--timeout", "120"],
                                cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        seen = read_until(watching, "✓ contract", "")  # the loop's grade is under way
        assert "✓ contract" in seen, seen[-2000:]
        time.sleep(1)
        saved = time.monotonic()
        solution.write_text((REPO / "reference_solutions" / "softmax" / "numpy.py").read_text())
        seen = read_until(watching, "all 16 checks passed", seen)
        assert "all 16 checks passed" in seen, seen[-2000:]
        assert time.monotonic() - saved < 60  # not after the 120 s limit of the loop's grade
        assert "that grade is dropped" in seen
        assert "ended abruptly" not in seen and "did not finish" not in seen
        watching.send_signal(signal.SIGINT)
        assert watching.wait(timeout=60) == 0
    finally:
        watching.kill()
        ask(tmp_path / ".kit", "stop")
    from interviewkit.progress import Store
    assert [grade.passed for grade in Store(tmp_path).grades()] == [True]
