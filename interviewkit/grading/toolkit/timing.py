"""Efficiency: the candidate's time against the reference's on a larger case.

Each side is measured in a fresh sandbox of its own, confined like the grade's and single-threaded
like it, so that a hopelessly slow solution is stopped at the timing case's own time limit
without ending the grade."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from interviewkit.catalog import Efficiency, Track
from interviewkit.grading.sandbox.candidate import read_source
from interviewkit.grading.sandbox.errors import CandidateTimeout
from interviewkit.grading.sandbox.remote import RemoteCandidate
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox


@dataclass
class Timing:
    efficiency: Efficiency
    strict: bool
    track: Track
    settings: SandboxSettings
    candidate_file: Path
    candidate_source: str
    protected: list[Path]

    def measure(self, of_reference: bool, symbol: str, args: list, kwargs: dict, repeat: int) -> list[float] | None:
        """Seconds per call over `repeat` calls after a warm-up, or None when the time limit ran out."""
        file = self.track.reference if of_reference else self.candidate_file
        source = read_source(file) if of_reference else self.candidate_source
        limit = self.efficiency.time_limit
        sandbox = start_sandbox(replace(self.settings, time_limit=limit))
        try:
            remote = RemoteCandidate(sandbox, file, time.monotonic() + limit, limit)
            remote.load(source, self.track.api, self.track.forbidden, self.protected)
            return remote.time_call(symbol, *args, repeat=repeat, **kwargs)
        except CandidateTimeout:
            return None
        finally:
            sandbox.stop()
