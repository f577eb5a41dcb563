"""What every watcher of the sandbox shares: the rules in force while, and only while, the
candidate's code runs, and the violations seen meanwhile. The guard's watchers, its import hooks,
and the audit hook all record here, so that a candidate that
swallows the exception a watcher raises still fails; and each violation is written, the moment it
is seen, to the grader's alarm channel (a pipe): what the candidate does to this object afterwards
(emptying the list, switching the rules off) cannot take it back."""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field

from interviewkit.grading.sandbox.errors import ForbiddenUse, SandboxViolation
from interviewkit.messages import _


@dataclass
class Rules:
    candidate_file: str
    function_names: dict[int, str]
    operations: frozenset[str]
    module_classes: dict[type, str]
    imports: tuple[str, ...]
    protected_roots: tuple[str, ...]


@dataclass
class GuardState:
    rules: Rules | None = None  # None: no candidate code is running, nothing is forbidden
    violations: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)
    lock: threading.Lock = field(default_factory=threading.Lock)
    alarms: int | None = None  # the write end of the grader's alarm channel (non-blocking)

    def _record(self, kind: str, what: str) -> None:
        with self.lock:
            if (kind, what) not in self.violations:
                self.violations.append((kind, what))
                self.alarm([kind, _fitting(kind, what)])

    def alarm(self, message: list) -> None:
        """One line on the alarm channel, written whole (shorter than PIPE_BUF) or not at all: a
        channel the candidate filled or closed shows as a missing end-of-request mark instead."""
        if self.alarms is not None:
            try:
                os.write(self.alarms, (json.dumps(message) + "\n").encode())
            except OSError:
                pass

    def violate(self, what: str) -> ForbiddenUse:
        self._record("forbidden", what)
        return ForbiddenUse(forbidden_message([what]))

    def violate_sandbox(self, kind: str, message: str) -> SandboxViolation:
        self._record(kind, message)
        return SandboxViolation(message)


ALARM_BYTES = 3000  # a line of the channel stays below PIPE_BUF (4096 on Linux), so it is written whole
state = GuardState()


def _fitting(kind: str, what: str) -> str:
    """`what`, cut until its line fits in ALARM_BYTES: JSON writes a character outside ASCII as six
    bytes or twelve, so a count of characters would not do."""
    while len(json.dumps([kind, what])) >= ALARM_BYTES:
        what = what[:len(what) * 3 // 4]
    return what


def forbidden_message(names: list[str]) -> str:
    return _("uses {names}, which this kata forbids: write it yourself from basic operations.").format(
        names=", ".join(names))


def violation_error(violations: list[tuple[str, str]]) -> ForbiddenUse | SandboxViolation | None:
    """The error a call's recorded violations amount to: sandbox breaches first, then forbidden APIs."""
    breaches = [what for kind, what in violations if kind != "forbidden"]
    if breaches:
        return SandboxViolation(_("; ").join(breaches))
    names = [what for kind, what in violations if kind == "forbidden"]
    return ForbiddenUse(forbidden_message(names)) if names else None


def forbidden_module(rules: Rules, name: str) -> str | None:
    top = name.split(".")[0]
    for forbidden in rules.imports:
        if name == forbidden or name.startswith(forbidden + ".") or top == forbidden:
            return forbidden
    return None
