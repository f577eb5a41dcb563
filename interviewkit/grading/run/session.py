"""One grade: the candidate's file in a sandbox process, the kata's grader run with pytest in this
one. The CLI runs this in a child process (see runner.py); kit's own tests run it in their own
process, so that torch is imported once for hundreds of grades."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from interviewkit.catalog import Kata, content_root
from interviewkit.grading.sandbox.errors import CandidateError
from interviewkit.grading.run.events import checked, started
from interviewkit.grading.run.result import CONTRACT_CHECK, CheckResult
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _


class DeviceUnavailable(Exception):
    """The requested device cannot be used here: a usage error, not a failed check."""


def configure_torch(device: str) -> str:
    """Resolves `auto` and makes float32 results on CUDA comparable to float64 ones."""
    import torch

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise DeviceUnavailable(
            "--device cuda was asked for, but PyTorch sees no CUDA device here "
            f"(torch {torch.__version__}, torch.cuda.is_available() is False). Grade on the CPU with --device cpu."
        )
    # TF32 keeps 10 mantissa bits: a correct float32 matmul would then miss float32 tolerances.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")
    return device


def pytest_arguments(grader: Path) -> list[str]:
    """pytest runs kit's grader under kit's own configuration, whatever surrounds the candidate."""
    root = content_root()
    return [
        str(grader),
        "-c", str(Path(__file__).with_name("pytest.ini")),
        "--rootdir", str(root),
        "--noconftest",
        "--disable-plugin-autoload",  # only kit's plugin: none from the environment's packages
        "--import-mode=importlib",
        "-p", "no:cacheprovider",
        "-p", "no:randomly",
        # This plugin calls gc.collect() five times per session: most of a grade's time with torch loaded.
        "-p", "no:unraisableexception",
        "-p", "no:threadexception",
        "-p", "no:faulthandler",
        "-p", "no:doctest",
        "-p", "no:junitxml",
        "-p", "no:pastebin",
        # Verdicts travel as data through the plugin; pytest's own progress would only be noise.
        "-p", "no:terminal",
        "--assert=plain",
    ]


@dataclass
class OpenedCandidate:
    """A sandbox holding the candidate's file, loaded (or refused: `contract` says which)."""

    sandbox: "SandboxProcess"
    candidate: "RemoteCandidate"
    settings: "SandboxSettings"
    device: str
    source: str
    protected: list[Path]
    contract: CheckResult


def open_candidate(kata: Kata, track_name: str, file: Path, device: str, emit: Callable[[dict], None],
                   time_limit: float | None = None, memory_limit_mb: int | None = None) -> OpenedCandidate:
    """Forks the sandbox first thing, before this process computes anything, and loads the candidate's
    file into it after the static scan; the contract check is emitted. The caller stops the sandbox."""
    from interviewkit.grading.sandbox.candidate import read_source
    from interviewkit.grading.sandbox.errors import ForbiddenUse
    from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
    from interviewkit.grading.sandbox.remote import RemoteCandidate
    from interviewkit.grading.sandbox.scan import scan

    import torch

    track = kata.track(track_name)
    device = configure_torch(device) if track_name == "torch" else "cpu"
    # Graders compute on tiny tensors; a thread pool only spins against the sandbox for the cores.
    torch.set_num_threads(1)
    time_limit = time_limit or kata.time_limit
    root = content_root()
    protected = [root / "reference_solutions", root / "graders"]
    settings = SandboxSettings(memory_mb=memory_limit_mb or kata.memory_limit_mb, time_limit=time_limit,
                               device=device, keep_torch=track_name == "torch", hidden=tuple(protected),
                               readable=(file.resolve(),))
    sandbox = start_sandbox(settings)
    candidate = RemoteCandidate(sandbox, file.resolve(), time.monotonic() + time_limit, time_limit)
    emit(started(CONTRACT_CHECK))
    source = ""
    try:
        source = read_source(file.resolve())
        findings = scan(source, track.forbidden)
        if findings:
            raise ForbiddenUse(_("was refused before it ran, as kit forbids what it reaches:") + "\n  "
                               + "\n  ".join(findings))
        candidate.load(source, track.api, track.forbidden, protected)
        contract = CheckResult(CONTRACT_CHECK, True, "; ".join(track.api), output=candidate.take_printed())
    except CandidateError as error:
        contract = CheckResult(CONTRACT_CHECK, False, str(error), kind=error.kind, output=candidate.take_printed())
    except BaseException:
        sandbox.stop()
        raise
    emit(checked(contract))
    return OpenedCandidate(sandbox, candidate, settings, device, source, protected, contract)


def run_grade(kata: Kata, track_name: str, file: Path, device: str = "cpu",
              emit: Callable[[dict], None] = lambda event: None, seed_offset: int = 0,
              time_limit: float | None = None, memory_limit_mb: int | None = None,
              strict: bool = False, select: Callable[[str], bool] | None = None,
              stop_at_first_failure: bool = False, measure_efficiency: bool = True,
              after_first_failure: Callable[[str], bool] | None = None) -> list[CheckResult]:
    """Grades `file` against the kata's track; returns every check's result (also emitted as it ends).

    The candidate's code runs in a sandbox process (open_candidate); this process runs the grader
    and decides every verdict. kit's own tests may grade only the checks `select` accepts, stop at
    the first failure (or, past it, run only the checks `after_first_failure` accepts), or leave
    efficiency unmeasured; `kit grade` always runs everything."""
    from interviewkit.grading.sandbox.spare import start_ahead

    if track_name == "numpy":  # its sandbox, a fresh interpreter, boots while this process imports
        start_ahead()
    import pytest

    from interviewkit.grading.toolkit.checks import Grading
    from interviewkit.grading.toolkit.compare import higher_precision
    from interviewkit.grading.run.plugin import GradePlugin
    from interviewkit.grading.sandbox.signature import parse_api
    from interviewkit.grading.toolkit.timing import Timing

    track = kata.track(track_name)
    opened = open_candidate(kata, track_name, file, device, emit, time_limit, memory_limit_mb)
    contract, candidate, device = opened.contract, opened.candidate, opened.device
    try:
        if not contract.passed:
            return [contract]
        timing = Timing(kata.efficiency, strict, track, opened.settings, file.resolve(), opened.source,
                        opened.protected) if kata.efficiency and measure_efficiency else None
        if timing is not None and track_name == "numpy":  # its sandboxes (the reference's, the candidate's)
            start_ahead(2)                                # boot while the other checks run
        grading = Grading(candidate, track_name, device, tuple(parse_api(line) for line in track.api), seed_offset,
                          timing)
        plugin = GradePlugin(grading, emit, select, after_first_failure)
        higher_precision.strict, higher_precision.seen = strict, []
        os.environ.pop("PYTEST_ADDOPTS", None)
        arguments = pytest_arguments(track.grader) + (["-x"] if stop_at_first_failure else [])
        exit_code = pytest.main(arguments, plugins=[plugin])
    finally:
        opened.sandbox.stop()
    results = [contract, *plugin.results]
    stopped = results[-1].stops_grade
    if not stopped and (exit_code not in (0, 1) or len(results) == 1):
        if select is not None and exit_code == pytest.ExitCode.NO_TESTS_COLLECTED:
            why = "no check of the grader matched the checks asked for (a misspelt `# expect-fail:` pattern?)"
        else:
            why = f"kit's grader did not run (pytest exit code {int(exit_code)}); this is a bug in kit, not in your code"
        internal = CheckResult("grader", False, why, kind=Kind.INTERNAL)
        emit(checked(internal))
        results.append(internal)
    return results
