"""Proves the graders' tolerances over many seeds: every reference and every correct solution in
another style (tests/candidates/*/*/right_*.py) is graded with N seed offsets, and for each we
print how much of its tolerance the worst value comparison used (error / allowed: a pass needs
< 1; a grader with room to spare stays well below) and how many of the N grades failed.

Usage: python benchmarks/tolerance_margins.py [--seeds N] [--kata ID]"""
from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

from interviewkit.grading.toolkit import compare
from interviewkit.catalog import Catalog
from interviewkit.grading.run.session import run_grade

CANDIDATES = Path(__file__).resolve().parent.parent / "tests" / "candidates"


def worst_usage(kata, track, path, seeds) -> tuple[float, int]:
    """The largest share of tolerance any value comparison used, and how many grades failed."""
    used = []
    compare.observers.append(lambda what, share: used.append(share))
    failed = 0
    try:
        for offset in range(seeds):
            with contextlib.redirect_stdout(io.StringIO()):
                results = run_grade(kata, track, path, seed_offset=offset)
            failed += not all(result.passed for result in results)
    finally:
        compare.observers.pop()
    return max(used, default=0.0), failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--kata")
    arguments = parser.parse_args()
    catalog = Catalog()
    print(f"{'kata/track':<22} {'solution':<34} {'worst error/allowed':>20} {'failed grades':>14}")
    for kata in catalog.katas():
        if arguments.kata and kata.id != arguments.kata:
            continue
        for track in kata.tracks:
            folder = CANDIDATES / kata.id / track
            correct = [kata.track(track).reference, *sorted(folder.glob("right_*.py"))]
            for path in correct:
                share, failed = worst_usage(kata, track, path, arguments.seeds)
                name = "reference" if path == kata.track(track).reference else path.stem
                print(f"{kata.id + '/' + track:<22} {name:<34} {share:>20.3g} {failed:>8}/{arguments.seeds}")


if __name__ == "__main__":
    main()
