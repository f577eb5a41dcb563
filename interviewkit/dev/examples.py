"""The example `kit run` starts from (katas/<id>/example.py): every kata has one, and on every track
the reference runs each of its steps to its own results."""
from __future__ import annotations

import contextlib
import io

from interviewkit.catalog import Kata
from interviewkit.dev.proofs import Verdict
from interviewkit.grading.run.trial import EXAMPLE, ExampleError, run_trial


def example_runs(kata: Kata, track: str) -> Verdict:
    path = kata.folder / EXAMPLE
    if not path.is_file():
        return Verdict(False, f"katas/{kata.id}/{EXAMPLE} is missing: write example(track), returning the steps of "
                              "the statement's example (interviewkit/grading/run/trial.py says how), for `kit run`.")
    from interviewkit.grading.run.events import Event
    from interviewkit.grading.run.result import CheckResult

    results = []

    def collect(message: dict) -> None:
        if message["event"] == Event.CHECK:
            results.append(CheckResult.from_json(message["result"]))

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            run_trial(kata, track, kata.track(track).reference, "cpu", collect, path, kata.time_limit, None)
    except ExampleError as error:
        return Verdict(False, str(error))
    wrong = [f"  {result.name}: {result.message}" for result in results if not result.passed]
    if wrong or len(results) < 2:
        return Verdict(False, f"the {track} reference does not run katas/{kata.id}/{EXAMPLE} to its own results:\n"
                              + ("\n".join(wrong) or "  no step ran"))
    return Verdict(True, f"{len(results) - 1} steps, each the reference's")
