"""Efficiency: the candidate's time against the reference's on a larger case.

Each side is measured in a fresh sandbox of its own, confined like the grade's and single-threaded
like it, so that a hopelessly slow solution is stopped at the timing case's own time limit
without ending the grade. The clock is the grader's: nothing the sandbox says about time counts
(its own clock is the candidate's to patch). Each call's inputs are staged in the sandbox first and
its output fetched afterwards, so that the request timed holds the call and a reply of a few bytes:
moving a large case's arrays would count on both sides and pull their ratio towards 1. Every output
comes back, for efficiency.py to check."""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from interviewkit.catalog import Efficiency, Track
from interviewkit.grading.sandbox.candidate import read_source
from interviewkit.grading.sandbox.errors import CandidateError, CandidateTimeout
from interviewkit.grading.sandbox.remote import RemoteCandidate
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox


@dataclass
class Measured:
    """One side's calls on the timing inputs, in order: the output of every call that returned, the
    seconds of each after the first (a warm-up), and whether the time limit, or an error of the
    code's (raised by the check, tagged with its call's case), cut the calls short."""

    outputs: list = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    timed_out: bool = False
    error: CandidateError | None = None


@dataclass
class Timing:
    efficiency: Efficiency
    strict: bool
    track: Track
    settings: SandboxSettings
    candidate_file: Path
    candidate_source: str
    protected: list[Path]

    def measure(self, of_reference: bool, symbol: str, calls: list[tuple[list, dict]]) -> Measured:
        """Runs `symbol` on each call's (args, kwargs) in one fresh sandbox, timing each call with the
        grader's clock; the first call warms up and is not counted."""
        file = self.track.reference if of_reference else self.candidate_file
        source = read_source(file) if of_reference else self.candidate_source
        limit = self.efficiency.time_limit
        measured = Measured()
        sandbox = start_sandbox(replace(self.settings, time_limit=limit))
        try:
            remote = RemoteCandidate(sandbox, file, time.monotonic() + limit, limit)
            remote.load(source, self.track.api, self.track.forbidden, self.protected)
            for number, (args, kwargs) in enumerate(calls):
                remote.stage(symbol, *args, **kwargs)
                started = time.perf_counter()
                remote.run_staged(symbol)
                elapsed = time.perf_counter() - started
                measured.outputs.append(remote.staged_output(symbol))
                if number:
                    measured.seconds.append(elapsed)
        except CandidateTimeout:
            measured.timed_out = True
        except CandidateError as error:
            measured.error = error
        finally:
            sandbox.stop()
        return measured
