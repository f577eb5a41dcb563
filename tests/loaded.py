"""A candidate's source loaded in a real sandbox, for toolkit tests that grade a few calls."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
from interviewkit.grading.sandbox.remote import RemoteCandidate


@contextmanager
def loaded_candidate(folder: Path, source: str, seconds: float = 60):
    path = folder / "solution.py"
    path.write_text(source)
    sandbox = start_sandbox(SandboxSettings(time_limit=seconds))
    try:
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + seconds, seconds)
        candidate.load(source, (), Forbidden(), [])
        yield candidate
    finally:
        sandbox.stop()
