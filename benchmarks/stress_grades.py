"""Random failures under load: grades every correct solution kit holds (each kata-track's reference
and right_ proofs), many times over, several grades at once, through `kit grade --json` as a user
runs it, and counts every grade that did not pass. A correct solution must pass every time; a
failure here is a flake (a race in the sandbox, a timeout under load, a tolerance too tight).

Usage: python benchmarks/stress_grades.py [--rounds 3] [--jobs 4] [--kata ID ...] [--timeout 120]
Prints one line per failed grade, then the figures: grades run, failed, and the wall time."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def correct_solutions(katas: list[str]) -> list[tuple[str, str, Path]]:
    found = []
    for reference in sorted((REPO / "reference_solutions").glob("*/*.py")):
        kata, track = reference.parent.name, reference.stem
        if katas and kata not in katas:
            continue
        found.append((kata, track, reference))
        found += [(kata, track, path) for path in sorted((REPO / "tests" / "candidates" / kata / track).glob("right_*.py"))]
    return found


def grade(kit: str, kata: str, track: str, path: Path, timeout: float) -> tuple[bool, str]:
    try:
        done = subprocess.run([kit, "grade", kata, "--track", track, "--file", str(path), "--json"],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"no verdict in {timeout:g} s"
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return False, f"exit status {done.returncode}, no JSON: {(done.stdout + done.stderr)[-300:]}"
    failed = [check for check in report.get("checks", []) if not check.get("passed")]
    if done.returncode == 0 and not failed:
        return True, ""
    first = failed[0] if failed else {"name": "?", "message": f"exit status {done.returncode}"}
    return False, f"{first['name']}: {first['message'][:300]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--kata", nargs="*", default=[])
    parser.add_argument("--timeout", type=float, default=120)
    arguments = parser.parse_args()
    kit = shutil.which("kit") or sys.exit("install kit first: pip install -e .")
    solutions = correct_solutions(arguments.kata) * arguments.rounds
    started = time.monotonic()
    with ThreadPoolExecutor(arguments.jobs) as pool:
        outcomes = list(pool.map(lambda item: (item, grade(kit, *item, arguments.timeout)), solutions))
    failures = [(item, message) for item, (passed, message) in outcomes if not passed]
    for (kata, track, path), message in failures:
        print(f"FAILED {kata} {track} {path.relative_to(REPO)}: {message}")
    print(f"{len(outcomes)} grades of {len(solutions) // max(arguments.rounds, 1)} correct solutions, "
          f"{arguments.rounds} rounds, {arguments.jobs} at once: {len(failures)} failed, "
          f"{time.monotonic() - started:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
