"""Durations as people read them: "38 s", "4 min 05 s", "1 h 02 min" (a clock's "0:38" reads as
hours and minutes to many)."""
from __future__ import annotations

from interviewkit.messages import _


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    if minutes:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{rest:02d}")
    return _("{seconds} s").format(seconds=rest)
