"""Mock interviews: choosing katas, scoring, and a session driven end to end through `kit`."""
from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewkit import mock
from interviewkit.catalog import Catalog
from interviewkit.progress import KataProgress

REPO = Path(__file__).resolve().parent.parent
CATALOG = Catalog()


def kit(*args: str, workspace: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", "KIT_WORKSPACE": str(workspace)}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=workspace, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def test_a_seed_replays_the_same_choice_and_unpassed_katas_come_first():
    katas = CATALOG.katas()
    options = dict(minutes=200, count=2, wanted=[], difficulty=None, tag=None, track=None)
    first = mock.choose_katas(katas, {}, seed=11, **options)
    assert first == mock.choose_katas(katas, {}, seed=11, **options)
    passed = {kata.id: KataProgress(attempts=1, passed_tracks={"numpy"}) for kata, _ in first}
    again = mock.choose_katas(katas, passed, seed=11, **options)
    assert not {kata.id for kata, _ in again} & set(passed) or len(katas) - len(passed) < 2


def test_the_suggested_minutes_fit_the_time():
    chosen = mock.choose_katas(CATALOG.katas(), {}, minutes=45, count=None, wanted=[], difficulty=None, tag=None,
                               track=None, seed=3)
    assert sum(kata.minutes for kata, _ in chosen) <= 45
    with pytest.raises(mock.MockError, match="no kata fits in 1 minutes"):
        mock.choose_katas(CATALOG.katas(), {}, minutes=1, count=None, wanted=[], difficulty=None, tag=None,
                          track=None, seed=3)


@pytest.mark.parametrize("state, expected", [
    (dict(passed_after_s=60.0), 50.0),
    (dict(passed_after_s=60.0, hints=2, failed_before_pass=2), 35.0),
    (dict(passed_after_s=60.0, hints=9), 15.0),
    (dict(passed_after_s=60.0, efficiency=30.0, efficiency_bound=20.0), 45.0),
    (dict(passed_after_s=60.0, solution_viewed=True), 0.0),
    (dict(checks_passed=8, checks_total=16, attempts=3), 12.5),
    (dict(checks_passed=8, checks_total=16, attempts=3, hints=3), 0.0),
])
def test_points_follow_the_stated_formula(state, expected):
    kata_state = mock.KataState("k", "K", "numpy", Path("k.py"), **state)
    assert mock.points(kata_state, kata_count=2) == pytest.approx(expected)


def test_a_measured_efficiency_shows_before_a_pass_and_the_pass_then_decides():
    from interviewkit.progress import GradeRecord, MockSession

    session = MockSession(1, 0.0, 3600.0, 5, Path("mock"), [], None, None, None)
    state = mock.KataState("k", "K", "numpy", Path("k.py"))
    mock._count(state, GradeRecord(10.0, "k", "numpy", "k.py", False, ["k[a]"], 3, 4, True, 31.0), session)
    assert state.efficiency == 31.0  # a failing grade that measured it: the report shows it, not "-"
    mock._count(state, GradeRecord(20.0, "k", "numpy", "k.py", True, [], 4, 4, True, 2.5), session)
    mock._count(state, GradeRecord(30.0, "k", "numpy", "k.py", True, [], 4, 4, True, 40.0), session)
    assert state.efficiency == 2.5 and state.passed_after_s == 20.0  # the first pass's, kept


def test_a_session_end_to_end(tmp_path):
    started = kit("mock", "start", "--kata", "softmax", "--track", "numpy", "--seed", "5", "--minutes", "30",
                  "--no-live", workspace=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "Mock interview 1" in started.stdout and "Numerically stable softmax" in started.stdout
    assert "Start with" not in started.stdout and "Your file:" in started.stdout  # the stub is written already
    assert "kit mock status" in started.stdout and "save a file" not in started.stdout  # no live view here
    solution = next((tmp_path / "mock").glob("*/softmax_numpy.py"))
    again = kit("mock", "start", "--no-live", workspace=tmp_path)
    assert again.returncode == 2 and "mock session 1 is running" in again.stderr

    solution.write_text((REPO / "tests/candidates/softmax/numpy/wrong_global_max.py").read_text())
    failing = kit("grade", str(solution), workspace=tmp_path)
    assert failing.returncode == 1 and "recorded against mock session 1" in failing.stdout
    assert "for the failing check softmax[" in kit("hint", "softmax", workspace=tmp_path).stdout
    refused = kit("solution", "softmax", workspace=tmp_path)
    assert refused.returncode == 2 and "scores it zero" in refused.stderr
    solution.write_text((REPO / "reference_solutions/softmax/numpy.py").read_text())
    assert kit("grade", str(solution), workspace=tmp_path).returncode == 0
    assert "passed at" in kit("mock", "status", workspace=tmp_path).stdout

    finished = kit("mock", "finish", workspace=tmp_path)
    assert finished.returncode == 0
    report = (solution.parent / "report.md").read_text()
    assert "**Score: 85 / 100**" in report
    assert "| softmax | numpy | yes | 16/16 |" in report and "| 2 | 1 | no | - | 85.0 |" in report
    assert "Score: 85 / 100" in kit("mock", "report", "1", workspace=tmp_path).stdout
    assert "score trend" in kit("stats", workspace=tmp_path).stdout


def test_grades_after_the_deadline_are_shown_but_do_not_count(tmp_path):
    assert kit("mock", "start", "--kata", "softmax", "--track", "numpy", "--seed", "1", "--minutes", "0.05",
               "--no-live", workspace=tmp_path).returncode == 0
    solution = next((tmp_path / "mock").glob("*/softmax_numpy.py"))
    solution.write_text((REPO / "reference_solutions/softmax/numpy.py").read_text())
    time.sleep(3.5)
    late = kit("grade", str(solution), workspace=tmp_path)
    assert late.returncode == 0 and "came after mock session 1's deadline" in late.stdout
    report = kit("mock", "report", workspace=tmp_path).stdout
    assert "Score: 0 / 100" in report


def test_the_session_survives_its_live_view_being_killed(tmp_path):
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(tmp_path), "COLUMNS": "120"}
    main, secondary = pty.openpty()
    live = subprocess.Popen([sys.executable, "-m", "interviewkit", "mock", "start", "--kata", "softmax", "--track",
                             "numpy", "--seed", "2", "--minutes", "20"], cwd=tmp_path, env=environment,
                            stdin=secondary, stdout=secondary, stderr=secondary, start_new_session=True)
    os.close(secondary)
    screen = b""
    deadline = time.monotonic() + 60
    while b"left" not in screen and time.monotonic() < deadline:  # the dashboard is up
        try:
            screen += os.read(main, 65536)
        except OSError:
            break
    assert b"left" in screen, screen[-2000:]
    solution = next((tmp_path / "mock").glob("*/softmax_numpy.py"))
    solution.write_text((REPO / "reference_solutions/softmax/numpy.py").read_text())
    while b"passed at" not in screen and time.monotonic() < deadline:  # graded on save
        try:
            screen += os.read(main, 65536)
        except OSError:
            break
    os.killpg(live.pid, signal.SIGKILL)
    live.wait()
    os.close(main)
    assert b"passed at" in screen
    status = kit("mock", "status", workspace=tmp_path)
    assert "mock interview 1" in status.stdout and "passed at" in status.stdout
    resumed = kit("mock", "resume", "--no-live", workspace=tmp_path)
    assert resumed.returncode == 0 and "left" in resumed.stdout
    assert kit("mock", "finish", workspace=tmp_path).returncode == 0
