"""Recording what happened: a grade (against the mock session whose folder holds the file, if any),
and which running session a hint or a viewed solution belongs to."""
from __future__ import annotations

import time
from pathlib import Path

from interviewkit import mock
from interviewkit.catalog import Catalog
from interviewkit.grading.run.result import GradeReport
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _
from interviewkit.progress import Store


def record_grade(store: Store, catalog: Catalog, report: GradeReport, path: Path) -> str | None:
    """Records a grade, against the mock session whose folder holds the file if there is one (after its
    deadline, the session is finalised and the grade kept but not counted); returns a note to show."""
    session = mock.session_holding(store, path)
    counted, note = True, None
    mock.finish_expired(store, catalog, exclude=session)
    if session is not None:
        if session.deadline <= time.time():
            mock.finish(store, catalog, session)
            counted = False
            note = _("this grade came after mock session {session}'s deadline: it is shown, not counted (`kit mock "
                     "report {session}` shows the session's report)").format(session=session.id)
        else:
            note = _("recorded against mock session {session}").format(session=session.id)
    store.record_grade(
        kata=report.kata, track=report.track, path=path, passed=report.passed,
        checks_passed=sum(check.passed for check in report.checks), checks_total=len(report.checks),
        duration_s=report.duration_s, device=report.device, failing_checks=[check.name for check in report.failing
                                                         if check.kind != Kind.NOT_IMPLEMENTED],
        session=session.id if session else None, counted=counted, efficiency=report.efficiency,
        first_cause=next((check.cause for check in report.failing if check.kind != Kind.NOT_IMPLEMENTED), ""),
    )
    return note


def active_session_for(store: Store, kata_id: str) -> int | None:
    """The running mock session that includes the kata, for hints and solutions viewed during it."""
    session = mock.active_session(store)
    return session.id if session and any(entry["kata"] == kata_id for entry in session.katas) else None
