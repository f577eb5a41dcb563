"""Time limits that fit each kata (interviewkit/dev/limits.py): the rule, the check `kit dev check` runs
on it, and an infinite loop stopped at a small kata's own limit rather than at the 60 s default."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from interviewkit.catalog import Catalog, content_root
from interviewkit.dev import limits

REPO = content_root()


@pytest.mark.parametrize("seconds, expected", [
    (0.0, limits.FLOOR), (0.2, limits.FLOOR), (5.0, limits.FLOOR),  # small katas get the floor
    (5.1, 25),  # 4 × 5.1 = 20.4, rounded up to the next 5 s
    (12.4, 50), (20.0, limits.DEFAULT),  # the rule lowers a limit, never raises it past the default
])
def test_the_rule_gives_the_margin_over_the_slowest_track_rounded_up_between_floor_and_default(seconds, expected):
    assert limits.fitting_limit(seconds) == expected


def test_a_limit_the_reference_comes_close_to_is_flagged_with_the_line_to_write():
    verdict = limits.limit_verdict("slow_kata", 10, {"numpy": 1.0, "torch": 6.0})
    assert not verdict.ok
    assert "torch track's slowest correct solution took 6.0 s of the 10 s time limit" in verdict.message
    assert "time_limit_seconds = 25 in katas/slow_kata/kata.toml" in verdict.message
    # Past the default too: a kata that needs more than 60 s is told what it needs.
    slow = limits.limit_verdict("vit", 60, {"torch": 40.0})
    assert not slow.ok and "time_limit_seconds = 160 in katas/vit/kata.toml" in slow.message
    assert limits.limit_verdict("vit", 90, {"torch": 40.0}).ok  # its own limit, above the default, holds


def test_a_limit_far_above_the_rule_is_flagged_and_one_near_it_holds():
    far = limits.limit_verdict("softmax", 60, {"numpy": 0.2, "torch": 0.3})
    assert not far.ok
    assert "far above" in far.message and f"time_limit_seconds = {limits.FLOOR}" in far.message
    # The floor is never "far above", however fast the reference; 2.5 times the rule's limit still holds.
    assert limits.limit_verdict("softmax", limits.FLOOR, {"numpy": 0.01}).ok
    assert limits.limit_verdict("vit", 50, {"torch": 5.0}).ok  # the rule gives 20
    assert not limits.limit_verdict("vit", 55, {"torch": 5.0}).ok


def test_every_kata_limit_is_at_least_the_floor_and_a_step_of_the_rule():
    for kata in Catalog().katas():
        assert kata.time_limit >= limits.FLOOR, f"{kata.id}: {kata.time_limit:g} s is below the floor"
        assert kata.time_limit % limits.STEP == 0, f"{kata.id}: {kata.time_limit:g} s is not a multiple of 5 s"


def test_the_check_times_each_track_of_a_kata_cold_in_a_fresh_process():
    verdict = limits.time_limit_fits(Catalog().get("softmax"))
    assert re.search(r"numpy \d+\.\d s, torch \d+\.\d s", verdict.message), verdict.message


def test_a_reference_that_fails_cannot_be_timed_and_says_so(tmp_path):
    # A content root of its own: the softmax kata, its grader and its reference, and the shared files.
    for folder in ("katas/softmax", "graders/softmax", "reference_solutions/softmax"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for shared in (REPO / "katas").iterdir():
        if shared.is_file():
            shutil.copy(shared, tmp_path / "katas" / shared.name)
    kata = Catalog(tmp_path).get("softmax")
    kata.track("numpy").reference.write_text("def softmax(x, axis=-1):\n    return x\n")
    with pytest.raises(RuntimeError, match="the numpy reference of softmax fails softmax"):
        limits.reference_seconds(kata, "numpy")


def test_an_infinite_loop_on_a_small_kata_stops_at_its_own_limit(tmp_path):
    kata = Catalog().get("softmax")
    assert kata.time_limit < limits.DEFAULT, "softmax is meant to have a limit below the 60 s default"
    looping = tmp_path / "softmax_numpy.py"
    looping.write_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", "KIT_WORKSPACE": str(tmp_path)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "interviewkit", "grade", str(looping)], cwd=tmp_path,
                            env=environment, capture_output=True, text=True, timeout=limits.DEFAULT + 30)
    took = time.monotonic() - started
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"time limit {kata.time_limit:g} s" in result.stdout.splitlines()[0]  # the header says it first
    assert f"time limit of {kata.time_limit:g} s reached during softmax(...)" in result.stdout
    assert "stopped at check 2 of" in result.stdout and "the time limit ran out" in result.stdout
    # The kata's own limit, not the default: the grade ends long before 60 s would have passed.
    assert kata.time_limit <= took < limits.DEFAULT, f"the grade took {took:.1f} s"
