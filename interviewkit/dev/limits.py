"""Time limits that fit each kata. A kata's `time_limit_seconds` bounds its whole grade; 60 s by
default is a long wait for an infinite loop on a 4×7 softmax. The rule (docs/authoring.md):

    limit = min(DEFAULT, max(FLOOR, MARGIN × t rounded up to STEP s))

t the slowest grade measured of the slowest track's reference or correct proof in another style
(tests/candidates/<kata>/<track>/right_*.py: a correct solution in any style must never time out,
and a float64 or loop style can be several times slower than the reference): cold, as `kit grade`
runs it (a fresh process, the grader imported on the way, efficiency timing included: its time
counts against the same deadline), then warm in the same process. A kata that needs more than the default states its
own limit, and the check holds it to the same margin. The limit is written in kata.toml, so a grade
never depends on the machine it runs on; `kit dev check` measures again (cold) and flags a limit the
reference comes too close to, or one far above what the rule gives.

    python -m interviewkit.dev.limits [KATA ...]     prints the table of measured times and limits
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time

from pathlib import Path

from interviewkit.catalog import Catalog, Kata
from interviewkit.dev import proofs
from interviewkit.dev.proofs import Verdict, content_root_of

# A loaded CI machine (the suite grades on 2 busy cores; a mutation run grades hundreds of mutants
# side by side) runs a grade several times slower than a quiet one: MARGIN absorbs that, and FLOOR
# covers what a small kata's measurement cannot see (a cold disk cache, a first CUDA call).
MARGIN = 4
FLOOR = 20  # 10 let a known-wrong proof time out on a loaded CI machine (kfold_split)
STEP = 5
DEFAULT = 60  # kata.toml's default: the rule lowers a limit to fit, and never raises one past it
# The check's slack: a reference that takes more than half its limit is too close to it, and a limit
# above FAR × the rule's is far above it. A cold grade measured on a quiet machine can be three times
# faster than on a busy one: FAR leaves that room, so that only a stale limit is flagged.
TOO_CLOSE = 0.5
FAR = 2.5


def needed_limit(seconds: float) -> int:
    """The least limit that leaves the margin over a reference grade of `seconds`, cold."""
    return max(FLOOR, STEP * math.ceil(MARGIN * seconds / STEP))


def fitting_limit(seconds: float) -> int:
    """The limit the rule gives a kata whose slowest reference grade took `seconds`, cold."""
    return min(DEFAULT, needed_limit(seconds))


def limit_verdict(kata: str, limit: float, seconds: dict[str, float]) -> Verdict:
    """Whether `limit` fits the reference grade times measured per track (seconds, cold)."""
    track, slowest = max(seconds.items(), key=lambda item: item[1])
    fitting, needed = fitting_limit(slowest), needed_limit(slowest)
    measured = ", ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
    where = f"katas/{kata}/kata.toml"
    if slowest > TOO_CLOSE * limit:
        return Verdict(False, f"the {track} track's slowest correct solution took {slowest:.1f} s of the {limit:g} s time limit "
                              f"({measured}): a busy machine would time a correct solution out. Set "
                              f"time_limit_seconds = {needed} in {where}, or make the grader's cases smaller.")
    if limit > FAR * fitting:
        return Verdict(False, f"the time limit of {limit:g} s is far above the correct solutions' grades ({measured}): "
                              f"an infinite loop waits that long. Set time_limit_seconds = {fitting} in {where} "
                              f"(the rule of docs/authoring.md).")
    return Verdict(True, f"{measured} of {limit:g} s")


# --- measuring -------------------------------------------------------------------------------------

def _grade_in_this_process(kata_id: str, track: str, grades: int, file: str | None = None) -> None:
    """In a fresh process: grades the reference (or `file`, a correct proof) as `kit grade` does,
    `grades` times, and prints the seconds each took as JSON, the sandbox's start included: the
    first is the cold one."""
    import torch  # noqa: F401  (`kit grade`'s process imports it before the deadline starts)
    import pytest  # noqa: F401

    from interviewkit.dev.proofs import grade

    kata = Catalog().get(kata_id)
    solution = Path(file) if file else kata.track(track).reference
    figures = []
    for _ in range(grades):
        started = time.monotonic()
        results = grade(kata, track, solution, measure_efficiency=True)
        figures.append(time.monotonic() - started)
        failed = [result.name for result in results if not result.passed]
        if failed:
            raise SystemExit(f"the {track} {'proof ' + solution.name if file else 'reference'} of {kata_id} fails "
                             f"{', '.join(failed)}: fix it first (kit dev check {kata_id})")
    print(json.dumps(figures))


def reference_seconds(kata: Kata, track: str, grades: int = 1, file: Path | None = None) -> list[float]:
    """The times of `grades` grades of a track's reference (or of `file`) in one fresh process: cold,
    then warm."""
    # The child reads the catalogue this kata came from (an author's own tree, a test's copy).
    environment = {**os.environ, "KIT_WORKER": "off", "KIT_CONTENT_ROOT": str(content_root_of(kata))}
    process = subprocess.run([sys.executable, "-m", "interviewkit.dev.limits", "--grade", kata.id, track, str(grades),
                              *([str(file)] if file else [])],
                             capture_output=True, text=True, env=environment, timeout=30 * 60)
    if process.returncode != 0:
        raise RuntimeError(f"timing the {track} reference of {kata.id} failed:\n{process.stdout}{process.stderr}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def slowest_seconds(kata: Kata, track: str, grades: int = 1) -> list[float]:
    """The grade times of the slowest of a track's reference and right_ proofs (cold, then warm)."""
    files = [None, *proofs.candidates(kata, track, "right_")]
    return max((reference_seconds(kata, track, grades, file) for file in files), key=max)


def time_limit_fits(kata: Kata) -> Verdict:
    """The proof `kit dev check` runs: every track's reference and correct proofs timed cold, against
    the kata's limit."""
    seconds = {track: slowest_seconds(kata, track)[0] for track in kata.tracks}
    return limit_verdict(kata.id, kata.time_limit, seconds)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--grade"]:
        _grade_in_this_process(arguments[1], arguments[2], int(arguments[3]), *arguments[4:5])
        return
    catalog = Catalog()
    print("| kata | track | cold s | warm s | limit now | rule |")
    print("|------|-------|--------|--------|-----------|------|")
    for kata in [catalog.get(name) for name in arguments] or catalog.katas():
        try:
            figures = {track: slowest_seconds(kata, track, grades=2) for track in kata.tracks}
        except RuntimeError as error:  # one kata that cannot be timed leaves the others' figures standing
            print(f"| {kata.id} | - | failed: {str(error).splitlines()[0]} | | {kata.time_limit:g} | |", flush=True)
            continue
        fitting = fitting_limit(max(max(figure) for figure in figures.values()))  # cold or warm, the slower
        for track, (cold, warm) in figures.items():
            print(f"| {kata.id} | {track} | {cold:.2f} | {warm:.2f} | {kata.time_limit:g} | {fitting} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
