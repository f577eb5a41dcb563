"""A known-wrong proof's hint: the `# hint:` line beside its `# expect-fail:` line names the hint
`kit hint` must give after grading it, nothing revealed yet (hints follow the diagnosed cause)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from interviewkit.catalog import Kata
from interviewkit.hints import next_hint

HINT_LINE = "# hint:"


def named_hint(path: Path) -> str | None:
    """The hint a known-wrong file's `# hint:` line says `kit hint` must give after grading it."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(HINT_LINE):
            return line.removeprefix(HINT_LINE).strip()
    return None


def hint_problem(kata: Kata, label: str, results, expected: str, full_grade: Callable[[], list]) -> str | None:
    """Why `kit hint` would not give `expected` after this grade (None: it would). `label` names the
    file; `full_grade` grades it whole, asked only when the first failure is tied to no hint."""
    hints = kata.hints()
    ids = [hint.id for hint in hints]
    if expected not in ids:
        return f"{label} names the hint {expected!r}; {kata.id} has {ids}"
    failing = [result for result in results if not result.passed]
    first = failing[0]
    hint, check = next_hint(hints, [], [first.name], first.cause)  # as a grade stopped at it
    if check is None:  # the first failure is tied to no hint: a later check, not run here, may be
        failing = [result for result in full_grade() if not result.passed]
        hint, check = next_hint(hints, [], [result.name for result in failing], first.cause)
    if hint is not None and hint.id == expected:
        return None
    return (f"kit hint gives {hint.id if hint else None!r} for {label}, which names {expected!r}; "
            f"its first failure: {first.name} (cause {first.cause or 'none'}):\n{first.message}\nTie the hint to "
            f"that cause (hints.toml `causes`, a diagnosis in graders/{kata.id}/) or to the check (`checks`)")
