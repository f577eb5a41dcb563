"""Which hint `kit hint` reveals next: the one tied to the first failing check of the last grade,
if it is still hidden, else the next one of the ladder."""
from __future__ import annotations

from fnmatch import fnmatchcase

from interviewkit.catalog import Hint


def check_matches(name: str, pattern: str) -> bool:
    """Check-name patterns: `*` and `?` are wildcards, brackets are literal (`softmax[huge_*]`)."""
    return fnmatchcase(name, pattern.replace("[", "[[]"))


def next_hint(hints: list[Hint], revealed: list[str], failing_checks: list[str]) -> tuple[Hint | None, str | None]:
    """The hint to show and the failing check it answers (None when it is simply the next tier)."""
    hidden = [hint for hint in hints if hint.id not in revealed]
    for check in failing_checks:
        for hint in hidden:
            if any(check_matches(check, pattern) for pattern in hint.checks):
                return hint, check
    return (hidden[0] if hidden else None), None
