"""Proves the graders' tolerances over many seeds, with the proofs `kit dev check` runs over a few:
every reference and every correct solution in another style (tests/candidates/*/*/right_*.py) is
graded with N seed offsets, and for each we print how much of its tolerance the worst value
comparison used (error / allowed: a pass needs < 1; a grader with room to spare stays well below)
and how many of the N grades failed.

Usage: python benchmarks/tolerance_margins.py [--seeds N] [--kata ID]"""
from __future__ import annotations

import argparse

from interviewkit.catalog import Catalog
from interviewkit.dev import proofs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--kata")
    arguments = parser.parse_args()
    catalog = Catalog()
    katas = [catalog.get(arguments.kata)] if arguments.kata else catalog.katas()
    print(f"{'kata/track':<22} {'solution':<34} {'worst error/allowed':>20} {'failed grades':>14}")
    for kata in katas:
        for track in kata.tracks:
            reference = kata.track(track).reference
            for path in [reference, *proofs.candidates(kata, track, "right_")]:
                verdicts = [proofs.correct_solution_passes(kata, track, path, seed) for seed in range(arguments.seeds)]
                share = max((verdict.share for verdict in verdicts if verdict.share is not None), default=0.0)
                failed = sum(not verdict.ok for verdict in verdicts)
                name = "reference" if path == reference else path.stem
                print(f"{kata.id + '/' + track:<22} {name:<34} {share:>20.3g} {failed:>8}/{arguments.seeds}")


if __name__ == "__main__":
    main()
