"""A grade's outcome as plain data: what the child sends, what the CLI renders and records, and the
versioned JSON report `kit grade --json` prints."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

from interviewkit.grading.sandbox.kinds import Kind

# The format of `kit grade --json`; the first format, which carried no number, counts as 1.
RESULTS_VERSION = 2
# The first check of every grade: the file loads, honours the kata's API and is not refused.
CONTRACT_CHECK = "contract"


class Status(StrEnum):
    """A grade's outcome in one word, as exercism's results.json has it."""

    PASS = "pass"    # every check passed
    FAIL = "fail"    # the code ran, and some check failed
    ERROR = "error"  # the file could not be graded: it does not load, breaks the API, is refused, or kit failed


@dataclass
class CheckResult:
    name: str
    passed: bool
    message: str = ""
    kind: Kind | None = None  # for a failure: how it failed
    case: str = ""
    snippet: str = ""
    output: str = ""  # what the candidate's code printed during the check
    ratio: float | None = None  # an efficiency check's time against the reference's
    cause: str = ""  # for a failure: the classic bug it was diagnosed as (a [causes] id of the kata's hints)

    def __post_init__(self):
        self.kind = Kind(self.kind) if self.kind else None  # as sent over the wire: a plain string, or ""

    @property
    def stops_grade(self) -> bool:
        return self.kind is not None and self.kind.stops_grade

    def to_json(self) -> dict:
        return {key: value for key, value in asdict(self).items()
                if value not in ("", None) or key == "message"}

    @classmethod
    def from_json(cls, data: dict) -> "CheckResult":
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


@dataclass
class GradeReport:
    kata: str
    track: str
    file: str
    device: str
    checks: list[CheckResult] = field(default_factory=list)
    duration_s: float = 0.0

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    @property
    def status(self) -> Status:
        graded = bool(self.checks) and self.checks[0].name == CONTRACT_CHECK and self.checks[0].passed
        if not graded or any(check.kind == Kind.INTERNAL for check in self.checks):
            return Status.ERROR
        return Status.PASS if self.passed else Status.FAIL

    @property
    def failing(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    @property
    def efficiency(self) -> float | None:
        """The time against the reference's, when an efficiency check measured it."""
        return next((check.ratio for check in self.checks if check.ratio is not None), None)

    def to_json(self) -> dict:
        return {
            "version": RESULTS_VERSION,
            "kata": self.kata,
            "track": self.track,
            "passed": self.passed,
            "status": self.status,
            "checks": [check.to_json() for check in self.checks],
            "file": self.file,
            "device": self.device,
            "duration_s": round(self.duration_s, 3),
        }
