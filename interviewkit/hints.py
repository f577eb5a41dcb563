"""Which hint `kit hint` reveals next: the one tied to the diagnosed cause of a failing check of the
last grade (a hint's `causes`), else the one tied to a failing check by name (its `checks`), if it
is still hidden, else the next one of the ladder."""
from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Sequence

from interviewkit.catalog import Hint


def check_matches(name: str, pattern: str) -> bool:
    """Check-name patterns: `*` and `?` are wildcards, brackets are literal (`softmax[huge_*]`)."""
    return fnmatchcase(name, pattern.replace("[", "[[]"))


def next_hint(hints: list[Hint], revealed: list[str], failing_checks: list[str],
              cause: str = "") -> tuple[Hint | None, str | None]:
    """The hint to show and the failing check it answers (None when it is simply the next tier).

    `cause` is what the first failing check was diagnosed as ("" for nothing): the first failure is
    the one the grade shows in full, and a cause says what the bug is where a check's name only
    says where it showed, so a hint tied to it comes first, then one tied to a failing check's name."""
    hidden = [hint for hint in hints if hint.id not in revealed]
    if cause and failing_checks:
        for hint in hidden:
            if cause in hint.causes:
                return hint, failing_checks[0]
    for check in failing_checks:
        for hint in hidden:
            if any(check_matches(check, pattern) for pattern in hint.checks):
                return hint, check
    return (hidden[0] if hidden else None), None
