"""Figures for `kit stats`, and shell completion of kata ids."""
import datetime
import os
import subprocess
import sys
from pathlib import Path

from interviewkit.stats import sparkline, streak

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 23)


def test_the_streak_counts_consecutive_days_to_today_or_yesterday():
    assert streak([], TODAY) == 0
    assert streak(["2026-11-21", "2026-11-22", "2026-11-23"], TODAY) == 3
    assert streak(["2026-11-20", "2026-11-21", "2026-11-22"], TODAY) == 3  # today not yet practised
    assert streak(["2026-11-19", "2026-11-21", "2026-11-23"], TODAY) == 1
    assert streak(["2026-11-20"], TODAY) == 0


def test_the_sparkline_maps_scores_to_bars():
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([]) == ""


def test_shell_completion_offers_kata_ids():
    environment = {**os.environ, "PYTHONPATH": str(REPO), "_KIT_COMPLETE": "complete_bash",
                   "COMP_WORDS": "kit new sof", "COMP_CWORD": "2"}
    completed = subprocess.run([sys.executable, "-m", "interviewkit"], env=environment, capture_output=True,
                               text=True, timeout=60)
    assert completed.stdout.split() == ["softmax", "softmax_regression"]
