"""The pytest plugin of a grade: gives graders their fixtures and collects each check as data."""
from __future__ import annotations

import sys
from typing import Callable

import pytest

from interviewkit.grading.toolkit.checks import Grading, collecting
from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed
from interviewkit.grading.run.events import checked, started
from interviewkit.grading.run.result import CheckResult
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _

OUTPUT_LIMIT = 2000


def check_name(item) -> str:
    name = getattr(item, "originalname", item.name).removeprefix("test_")
    callspec = getattr(item, "callspec", None)
    return f"{name}[{callspec.id}]" if callspec else name


class GradePlugin:
    def __init__(self, grading: Grading, emit: Callable[[dict], None], select: Callable[[str], bool] | None = None,
                 after_first_failure: Callable[[str], bool] | None = None):
        self._grading = grading
        self._emit = emit
        self._select = select
        self._after_first_failure = after_first_failure
        self.results: list[CheckResult] = []
        self._modules: set[str] = set()

    @pytest.hookimpl(wrapper=True)
    def pytest_collection(self, session):
        with collecting(self._grading.track):  # interviewkit.grader.track(), for graders of both tracks
            return (yield)

    def pytest_itemcollected(self, item):
        self._modules.add(item.module.__name__)

    def pytest_sessionfinish(self, session):
        # pytest keeps an imported grader in sys.modules and would reuse it, collected for this
        # track, in the next grade of this process (kit's own tests): a grader is imported per grade.
        for name in self._modules:
            sys.modules.pop(name, None)

    def pytest_collection_modifyitems(self, session, config, items):
        if self._select is not None:
            items[:] = [item for item in items if self._select(check_name(item))]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        """Past the first failure, a check `after_first_failure` does not accept is not run, nor reported."""
        if self._after_first_failure is not None and any(not result.passed for result in self.results):
            if not self._after_first_failure(check_name(item)):
                return True
        return None

    @pytest.fixture
    def grading(self) -> Grading:
        return self._grading

    def pytest_runtest_logstart(self, nodeid, location):
        self._emit(started(nodeid.rpartition("::")[2].removeprefix("test_")))

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
            result.kind = Kind.NOT_RUN
            result.message = _("not run: {reason}").format(reason=report.longrepr[2] if report.longrepr else "")
        elif isinstance(error, CheckFailed):
            result.kind, result.message = Kind.CHECK, str(error)
        elif isinstance(error, CandidateError):
            result.kind, result.message = error.kind, str(error)
        elif error is not None:
            result.kind = Kind.INTERNAL
            result.message = _("kit's grader failed ({error}); this is a bug in the kata's grader, not in your "
                               "code").format(error=f"{type(error).__name__}: {error}")
        if error is not None:
            result.case = getattr(error, "case_description", "")
            result.snippet = getattr(error, "snippet", "")
            result.cause = getattr(error, "cause", "")  # toolkit/diagnoses.py
        if result.stops_grade:
            item.session.shouldstop = result.message  # the sandbox is gone: the grade ends here
        self.results.append(result)
        self._emit(checked(result))

    def pytest_collectreport(self, report):
        if report.failed:
            result = CheckResult("grader", False, _("kit's grader did not load: {report}").format(
                                     report=report.longreprtext[-800:]),
                                 kind=Kind.INTERNAL)
            self.results.append(result)
            self._emit(checked(result))
