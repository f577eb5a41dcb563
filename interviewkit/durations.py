"""Durations as people read them: "38 s", "4 min 05 s", "1 h 02 min" (a clock's "0:38" reads as
hours and minutes to many)."""
from __future__ import annotations


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"
