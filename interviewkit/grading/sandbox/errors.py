"""What can go wrong in a grade, as exceptions whose message is written for the candidate."""
from __future__ import annotations

import re
import traceback
from pathlib import Path

from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _


class CheckFailed(AssertionError):
    """A grader's verdict: the candidate's result is wrong; the message says how."""


class CandidateError(Exception):
    """The candidate's code could not give a result; `kind` names why, for reports and hints."""

    kind = Kind.EXCEPTION


class NotImplementedYet(CandidateError):
    kind = Kind.NOT_IMPLEMENTED


class CandidateCrashed(CandidateError):
    kind = Kind.EXCEPTION


class ForbiddenUse(CandidateError):
    kind = Kind.FORBIDDEN


class SandboxViolation(CandidateError):
    """Something no kata solution does: writing files, the network, processes, native code."""

    kind = Kind.SANDBOX


class CandidateTimeout(CandidateError):
    kind = Kind.TIMEOUT


class SandboxCrashed(CandidateError):
    """The sandbox process ended: os._exit(), a signal, the CPU limit, a crash of the interpreter."""

    kind = Kind.CRASH


class OutOfMemory(CandidateError):
    kind = Kind.MEMORY


class LeftRunning(CandidateError):
    """Threads of the candidate's still running after its call returned."""

    kind = Kind.BACKGROUND


class WrongApi(CandidateError):
    """A missing symbol, a wrong signature, a module without the contract's parameters."""

    kind = Kind.API


class LoadFailed(CandidateError):
    """The file does not compile or import."""

    kind = Kind.LOAD


def candidate_frames(error: BaseException, candidate_file: Path, limit: int = 4) -> str:
    """The traceback reduced to frames in the candidate's own file, newest last."""
    target = str(candidate_file.resolve())
    frames = [
        frame for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename and _same_file(frame.filename, target)
    ][-limit:]
    lines = []
    for frame in frames:
        lines.append(_("  {file}:{line} in {function}").format(file=candidate_file.name, line=frame.lineno,
                                                                function=frame.name))
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines)


def _same_file(filename: str, target: str) -> bool:
    try:
        return str(Path(filename).resolve()) == target
    except OSError:
        return False


def raised_a(error: CandidateError, name: str) -> bool:
    """Whether the candidate's exception behind `error` was a `name` (describe_exception quotes it as
    "Name: message" after a "raised" that is translated, so the name is looked for, not the verb)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}:", str(error)) is not None


def describe_exception(error: BaseException, candidate_file: Path, during: str) -> CandidateError:
    """Turns an exception raised by the candidate's code into a CandidateError with a short message."""
    if isinstance(error, CandidateError):
        return error
    if isinstance(error, NotImplementedError):
        where = candidate_frames(error, candidate_file, limit=1)
        return NotImplementedYet((
            _("not implemented yet: {during} raised NotImplementedError. Fill in the stub, then run `kit grade` "
              "again.").format(during=during) + f"\n{where}").rstrip())
    if isinstance(error, MemoryError) or "can't allocate memory" in str(error):
        frames = candidate_frames(error, candidate_file)
        return OutOfMemory((_("{during} ran out of memory: the sandbox's memory limit was reached (the kata's "
                             "memory_limit_mb, 4096 MiB unless it says otherwise; --memory-limit raises it)")
                            .format(during=during) + f"\n{frames}").rstrip())
    text = f"{type(error).__name__}: {error}".strip()
    if len(text) > 600:
        text = text[:600] + " …"
    frames = candidate_frames(error, candidate_file)
    location = f"\n{frames}" if frames else ""
    return CandidateCrashed(_("{during} raised {error}").format(during=during, error=text) + location)
