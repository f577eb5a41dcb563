"""The workspace's warm grading worker: a grade through it reports what a cold grade reports; it is
shared by concurrent grades, replaced when it is killed, hung or stale, ends when idle or when its
workspace goes, cancels the grade of a client that hangs up, and serves no other user."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interviewkit.grading.run import worker_client
from interviewkit.grading.run.runner import GradeRequest, grade_in_child
from interviewkit.grading.run.worker import SOCKET_NAME
from interviewkit.grading.run.worker_client import ask, grade_through_worker
from processes import MARKER, processes_marked, spare_of, survivors

REPO = Path(__file__).resolve().parent.parent
SOFTMAX = REPO / "tests" / "candidates" / "softmax" / "numpy"
REFERENCE = REPO / "reference_solutions" / "softmax" / "numpy.py"


def copy_content(root: Path) -> Path:
    for folder in ("katas", "graders", "reference_solutions"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The catalogue, copied: a worker restarts when the catalogue changes, and kit's own may be
    edited while the tests run."""
    return copy_content(tmp_path_factory.mktemp("content"))


@pytest.fixture
def kit_dir(tmp_path, monkeypatch, content):
    """A workspace whose worker is stopped at the end of the test, whatever happened."""
    monkeypatch.setenv("KIT_WORKER", "on")
    monkeypatch.setenv("KIT_CONTENT_ROOT", str(content))
    folder = tmp_path / ".kit"
    folder.mkdir()
    yield folder
    ask(folder, "stop")


def worker_pid(kit_dir: Path) -> int:
    answer = ask(kit_dir, "status")
    assert answer is not None, "no worker answers"
    return answer["pid"]


def gone(pid: int, wait: float = 15.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":  # a zombie of this test's own
            return True
        time.sleep(0.1)
    return False


def comparable(report) -> dict:
    data = report.to_json()
    data.pop("duration_s", None)
    for check in data["checks"]:
        check.pop("duration_s", None)
    return data


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_a_grade_through_the_worker_reports_what_a_cold_grade_reports(kit_dir, tmp_path):
    files = [
        (REFERENCE, 60),
        (SOFTMAX / "wrong_no_max_subtraction.py", 60),
        (write(tmp_path, "syntax.py", "def softmax(x, axis=-1)\n    return x\n"), 60),
        (write(tmp_path, "loud.py", "import numpy as np\nfor i in range(5):\n    print('line', i)\n\n"
                                    "def softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis, keepdims=True))\n"
                                    "    return e / e.sum(axis, keepdims=True)\n"), 60),
        (write(tmp_path, "spins.py", "def softmax(x, axis=-1):\n    while True:\n        pass\n"), 3),
        (write(tmp_path, "exits.py", "import os\n\ndef softmax(x, axis=-1):\n    os._exit(3)\n"), 60),
    ]
    for path, limit in files:
        request = GradeRequest("softmax", "numpy", path, time_limit=limit)
        shown = []
        warm, warm_printed = grade_through_worker(request, kit_dir, shown.append)
        cold, cold_printed = grade_in_child(request)
        assert comparable(warm) == comparable(cold), path.name
        assert shown == warm.checks
        assert warm_printed == cold_printed, path.name
    assert ask(kit_dir, "status")["served"] == len(files)  # one worker served them all


def test_concurrent_grades_start_one_worker_and_share_it(kit_dir):
    """Two `kit grade` at once in a workspace with no worker: one starts it (under a lock), both use it."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(kit_dir.parent)}
    runs = [subprocess.Popen([sys.executable, "-m", "interviewkit", "grade", "softmax", "--file", str(path),
                              "--track", "numpy", "--json"], env=environment, cwd=kit_dir.parent,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for path in (REFERENCE, SOFTMAX / "wrong_no_max_subtraction.py")]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 1], outputs
    assert not any(error for _, error in outputs), outputs
    assert [json.loads(out)["passed"] for out, _ in outputs] == [True, False]
    assert ask(kit_dir, "status")["served"] == 2
    assert len(workers_of(kit_dir)) == 1


def workers_of(kit_dir: Path) -> list[str]:
    """The worker processes started for this workspace, by their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"interviewkit.grading.run.worker" in arguments and str(kit_dir.resolve()).encode() in arguments:
            found.append(entry.name)
    return found


def test_threads_grading_at_once_each_get_their_own_report(kit_dir):
    grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)  # starts the worker
    files = [REFERENCE, SOFTMAX / "wrong_no_max_subtraction.py"] * 2
    reports = [None] * len(files)

    def grade(index: int) -> None:
        reports[index] = grade_through_worker(GradeRequest("softmax", "numpy", files[index]), kit_dir)[0]

    threads = [threading.Thread(target=grade, args=(index,)) for index in range(len(files))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [report.passed for report in reports] == [True, False, True, False]
    assert all(report.file == str(path) for report, path in zip(reports, files))


def test_a_killed_worker_is_replaced_at_the_next_grade(kit_dir):
    assert grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)[0].passed
    first = worker_pid(kit_dir)
    os.kill(first, signal.SIGKILL)
    assert gone(first)
    assert grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)[0].passed
    assert worker_pid(kit_dir) != first


def test_a_hung_worker_is_ended_and_replaced(kit_dir, monkeypatch):
    monkeypatch.setattr(worker_client, "ANSWER_SECONDS", 2)
    grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)
    hung = worker_pid(kit_dir)
    os.kill(hung, signal.SIGSTOP)
    try:
        assert grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)[0].passed
        assert gone(hung)
        assert worker_pid(kit_dir) != hung
    finally:
        try:
            os.kill(hung, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_worker_of_another_installation_makes_way_for_a_fresh_one(kit_dir, tmp_path, monkeypatch):
    """An upgrade changes kit's files: the old worker answers STALE and ends; a fresh one grades."""
    content = copy_content(tmp_path / "content")
    monkeypatch.setenv("KIT_CONTENT_ROOT", str(content))
    grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)
    old = worker_pid(kit_dir)
    upgraded = content / "graders" / "softmax" / "cases.py"
    os.utime(upgraded, ns=(time.time_ns(), upgraded.stat().st_mtime_ns + 10**9))
    assert grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)[0].passed
    assert gone(old)
    assert worker_pid(kit_dir) != old


def test_a_client_that_hangs_up_cancels_its_grade(kit_dir, tmp_path):
    spinning = write(tmp_path, "softmax_numpy.py", "def softmax(x, axis=-1):\n    while True:\n        pass\n")
    marker = f"{tmp_path.name}-{os.getpid()}"
    scratch = tmp_path / "scratch"  # the worker's temporary folder, where each grade's scratch goes
    scratch.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(kit_dir.parent), MARKER: marker,
                   "TMPDIR": str(scratch)}
    client = subprocess.Popen([sys.executable, "-m", "interviewkit", "grade", "--file", str(spinning), "--timeout",
                               "120"], env=environment, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while (ask(kit_dir, "status") or {}).get("in_flight") != 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ask(kit_dir, "status")["in_flight"] == 1
        client.kill()
        client.wait()
        deadline = time.monotonic() + 15
        while ask(kit_dir, "status")["in_flight"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ask(kit_dir, "status")["in_flight"] == 0
        worker = str(worker_pid(kit_dir))
        # the grader and its sandbox are gone; the worker, and the spare NumPy sandbox it started for the
        # next grade (sandbox/spare.py: a keeper it forked, and the keeper's child), remain
        assert set(survivors(marker)) - spare_of(worker) == {worker}
        assert list(scratch.iterdir()) == []  # and so are their folders, the sandbox's inside the grade's
    finally:
        client.kill()


def test_a_worker_ends_when_idle_and_when_its_workspace_is_removed(kit_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORKER_IDLE_MINUTES", "0.05")  # 3 s
    grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)
    idle = worker_pid(kit_dir)
    assert gone(idle, wait=30)
    assert not (kit_dir / SOCKET_NAME).exists()
    monkeypatch.setenv("KIT_WORKER_IDLE_MINUTES", "10")
    grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)
    orphaned = worker_pid(kit_dir)
    shutil.rmtree(kit_dir)
    assert gone(orphaned, wait=30)


def test_the_worker_serves_no_other_user(monkeypatch, content):
    """The socket is its user's alone (no access for group or others); and were it opened to all, the worker still answers
    only processes of its own user (SO_PEERCRED)."""
    monkeypatch.setenv("KIT_WORKER", "on")
    monkeypatch.setenv("KIT_CONTENT_ROOT", str(content))
    # Another user must be able to walk to the socket: a workspace in a folder everyone may enter.
    shared = Path("/tmp") / f"kit-worker-test-{os.getpid()}"
    kit_dir = shared / ".kit"
    kit_dir.mkdir(parents=True)
    os.chmod(shared, 0o755)
    os.chmod(kit_dir, 0o755)
    try:
        grade_through_worker(GradeRequest("softmax", "numpy", REFERENCE), kit_dir)
        status = (kit_dir / SOCKET_NAME).stat()
        assert status.st_uid == os.getuid() and status.st_mode & 0o077 == 0
        if os.getuid() == 0:  # only root can become another user here
            assert _ask_as_nobody(kit_dir / SOCKET_NAME) == "refused by the kernel"
            os.chmod(kit_dir / SOCKET_NAME, 0o666)
            assert _ask_as_nobody(kit_dir / SOCKET_NAME) == "hung up"
        assert ask(kit_dir, "status") is not None  # its own user is still served
    finally:
        ask(kit_dir, "stop")
        shutil.rmtree(shared)


def _ask_as_nobody(address: Path) -> str:
    """What a process of the user nobody gets when it asks the worker for its status."""
    nobody = 65534
    read, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        outcome = "answered"
        try:
            os.setgid(nobody)
            os.setuid(nobody)
            with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as connection:
                connection.settimeout(10)
                connection.connect(str(address))
                connection.send(json.dumps({"op": "status"}).encode())
                if not connection.recv(65536):
                    outcome = "hung up"
        except (BrokenPipeError, ConnectionResetError):
            outcome = "hung up"
        except PermissionError:
            outcome = "refused by the kernel"
        except OSError as error:
            outcome = f"error: {error}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        return answer.read()
