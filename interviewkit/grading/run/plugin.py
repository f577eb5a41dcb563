"""The pytest plugin of a grade: gives graders their fixtures and collects each check as data."""
from __future__ import annotations

from typing import Callable

import pytest

from interviewkit.grading.toolkit.checks import Grading
from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed
from interviewkit.grading.run.result import CheckResult
from interviewkit.grading.sandbox.kinds import Kind, stops_grade

OUTPUT_LIMIT = 2000


def check_name(item) -> str:
    name = getattr(item, "originalname", item.name).removeprefix("test_")
    callspec = getattr(item, "callspec", None)
    return f"{name}[{callspec.id}]" if callspec else name


class GradePlugin:
    def __init__(self, grading: Grading, emit: Callable[[dict], None], select: Callable[[str], bool] | None = None):
        self._grading = grading
        self._emit = emit
        self._select = select
        self.results: list[CheckResult] = []

    def pytest_collection_modifyitems(self, session, config, items):
        if self._select is not None:
            items[:] = [item for item in items if self._select(check_name(item))]

    @pytest.fixture
    def grading(self) -> Grading:
        return self._grading

    def pytest_runtest_logstart(self, nodeid, location):
        self._emit({"event": "start", "check": nodeid.rpartition("::")[2].removeprefix("test_")})

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self._record(item, call, report)

    def _record(self, item, call, report) -> None:
        printed = self._grading.candidate.take_printed()
        result = CheckResult(check_name(item), report.passed, output=printed[-OUTPUT_LIMIT:])
        note = self._grading.take_note()
        if note:
            result.message, result.ratio = note
        error = call.excinfo.value if call.excinfo else None
        if report.skipped:
            result.passed = False
            result.kind, result.message = Kind.NOT_RUN, f"not run: {report.longrepr[2] if report.longrepr else ''}"
        elif isinstance(error, CheckFailed):
            result.kind, result.message = Kind.CHECK, str(error)
        elif isinstance(error, CandidateError):
            result.kind, result.message = error.kind, str(error)
        elif error is not None:
            result.kind = Kind.INTERNAL
            result.message = f"kit's grader failed ({type(error).__name__}: {error}); this is a bug in kit, not in your code"
        if error is not None:
            result.case = getattr(error, "case_description", "")
            result.snippet = getattr(error, "snippet", "")
        if stops_grade(result.kind):
            item.session.shouldstop = result.message  # the sandbox is gone: the grade ends here
        self.results.append(result)
        self._emit({"event": "check", "result": result.to_json()})

    def pytest_collectreport(self, report):
        if report.failed:
            result = CheckResult("grader", False, f"kit's grader did not load: {report.longreprtext[-800:]}",
                                 kind=Kind.INTERNAL)
            self.results.append(result)
            self._emit({"event": "check", "result": result.to_json()})
