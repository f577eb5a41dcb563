"""A grade's outcome as plain data: what the child sends, what the CLI renders and records."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class CheckResult:
    name: str
    passed: bool
    message: str = ""
    kind: str = ""  # for failures: "check", "not_implemented", "exception", "forbidden", "api", "load", ...
    case: str = ""
    snippet: str = ""
    output: str = ""  # what the candidate's code printed during the check
    ratio: float | None = None  # an efficiency check's time against the reference's

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
    def failing(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    @property
    def efficiency(self) -> float | None:
        """The time against the reference's, when an efficiency check measured it."""
        return next((check.ratio for check in self.checks if check.ratio is not None), None)

    def to_json(self) -> dict:
        return {
            "kata": self.kata,
            "track": self.track,
            "passed": self.passed,
            "checks": [check.to_json() for check in self.checks],
            "file": self.file,
            "device": self.device,
            "duration_s": round(self.duration_s, 3),
        }
