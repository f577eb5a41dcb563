"""What to practise again (`kit next --review`, `kit stats`): katas that went badly come back after a
spacing interval that grows with each clean pass since."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewkit import progress as progress_module
from interviewkit.catalog import Catalog
from interviewkit.progress import Store
from interviewkit.review import DAY, reviews
from interviewkit.workspace import open_workspace

REPO = Path(__file__).resolve().parent.parent
KATAS = Catalog().katas()
T0 = 1_800_000_000.0


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress_module.time, "time", clock)
    return clock


def grade(store: Store, kata: str, passed: bool, failing=("check[case]",)) -> None:
    store.record_grade(kata=kata, track="numpy", path=Path(f"{kata}_numpy.py"), passed=passed,
                       checks_passed=3 if passed else 1, checks_total=3, duration_s=1.0, device="cpu",
                       failing_checks=[] if passed else list(failing))


def due(store: Store, now: float) -> dict[str, list[str]]:
    return {entry.kata: entry.reasons for entry in reviews(store, KATAS, now) if entry.due_at <= now}


def test_a_failed_kata_comes_back_later_and_later_with_each_clean_pass(tmp_path, clock):
    store = Store(open_workspace(tmp_path))
    grade(store, "softmax", False)
    clock.now += 600
    grade(store, "softmax", True)  # a clean pass the same day: the next interval is 3 days
    assert due(store, clock.now + 2 * DAY) == {}
    assert due(store, clock.now + 3 * DAY + 1) == {"softmax": ["failed 1 time"]}
    clock.now += 3 * DAY + 1
    grade(store, "softmax", True)  # reviewed cleanly on another day: 7 days now
    assert due(store, clock.now + 6 * DAY) == {}
    assert "softmax" in due(store, clock.now + 7 * DAY + 1)


def test_a_hint_or_a_viewed_solution_starts_the_spacing_again(tmp_path, clock):
    store = Store(open_workspace(tmp_path))
    grade(store, "softmax", True)
    assert reviews(store, KATAS, clock.now + 100 * DAY) == []  # a clean first pass: nothing to review
    clock.now += 10
    store.record_hint("softmax", "nudge")
    store.record_solution("conv2d", "numpy")
    assert due(store, clock.now + DAY + 1) == {"softmax": ["1 hint"], "conv2d": ["not passed yet", "solution viewed"]}


def test_an_untouched_stub_graded_is_no_failure_and_a_never_passed_kata_is_due_after_a_day(tmp_path, clock):
    store = Store(open_workspace(tmp_path))
    grade(store, "softmax", False, failing=())  # a stub: every check "not implemented"
    assert due(store, clock.now + DAY + 1) == {"softmax": ["not passed yet"]}
    assert "failed" not in " ".join(due(store, clock.now + DAY + 1)["softmax"])
    assert due(store, clock.now + DAY - 1) == {}


def test_a_slow_pass_is_worth_a_review(tmp_path, clock):
    store = Store(open_workspace(tmp_path))
    path = Path("softmax_numpy.py")
    store.record_stub("softmax", "numpy", path)
    clock.now += 40 * 60  # softmax expects about 10 minutes
    grade(store, "softmax", True)
    assert due(store, clock.now + 3 * DAY + 1)["softmax"] == ["took 40 min 00 s (about 10 min expected)"]


def kit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", "KIT_WORKSPACE": str(cwd)}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_kit_next_review_and_kit_stats_show_what_is_due(tmp_path):
    assert "Nothing is due for review" in kit("next", "--review", cwd=tmp_path).stdout
    store = Store(open_workspace(tmp_path))
    grade(store, "conv2d", False)
    store.close()
    assert "comes back in" in kit("next", "--review", cwd=tmp_path).stdout
    with sqlite3.connect(tmp_path / ".kit" / "progress.sqlite3") as connection:  # as if two days ago
        connection.execute("UPDATE grades SET at = at - ?", (2 * DAY,))
    shown = kit("next", "--review", cwd=tmp_path)
    assert shown.returncode == 0 and "Due for review (1 in all): conv2d" in shown.stdout
    assert "not passed yet, failed 1 time" in shown.stdout
    assert "due for review (kit next --review): conv2d" in kit("stats", cwd=tmp_path).stdout
