"""Figures for `kit stats`: the practice streak and a one-line chart of mock scores."""
from __future__ import annotations

import datetime

BARS = "▁▂▃▄▅▆▇█"


def streak(days: list[str], today: datetime.date | None = None) -> int:
    """Consecutive practice days ending today (or yesterday, when today has no practice yet)."""
    today = today or datetime.date.today()
    practised = {datetime.date.fromisoformat(day) for day in days}
    day = today if today in practised else today - datetime.timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= datetime.timedelta(days=1)
    return count


def sparkline(values: list[float], top: float = 100.0) -> str:
    """Scores out of `top` as bars, oldest first."""
    return "".join(BARS[min(len(BARS) - 1, int(max(0.0, value) / top * len(BARS)))] for value in values)
