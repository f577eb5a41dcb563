"""`kit grade` and `kit watch` around the engine: run the grade, show each check as it ends, record
the grade (against a mock session when its folder holds the file), then show the summary, or with
`--json` print the one versioned report and nothing else."""
from __future__ import annotations

import json
import sys
from pathlib import Path


from interviewkit import render
from interviewkit.render import escape
from interviewkit.catalog import Catalog
from interviewkit.grading.run.result import GradeReport
from interviewkit.grading.run.runner import GradeRequest, UsageProblem
from interviewkit.grading.run.worker_client import WorkspaceGrader
from interviewkit.progress import Store
from interviewkit.recording import active_session_for, record_grade
from interviewkit.usage import fail_usage, workspace_store
from interviewkit.workspace import KIT_DIR


def grade_once(catalog: Catalog, request: GradeRequest, verbose: bool, as_json: bool, cold: bool = False) -> GradeReport:
    """One grade through the workspace's warm worker (or cold), shown (or printed as JSON) and recorded."""
    workspace, store = workspace_store()
    grader = WorkspaceGrader(workspace / KIT_DIR, cold)
    stream = None if as_json else _begin(request, verbose)
    try:
        report, printed = grader.grade(request, stream.check if stream else lambda result: None)
    except UsageProblem as problem:
        fail_usage(str(problem))
    if grader.why_cold and not as_json:
        render.note(f"[dim]graded without the warm worker: {escape(grader.why_cold)}[/]")
    in_mock = active_session_for(store, report.kata) is not None
    note = record_grade(store, catalog, report, request.file)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json()) + "\n")
    else:
        _end(report, printed, verbose, note, in_mock)
    return report


def watch(catalog: Catalog, request: GradeRequest, verbose: bool, cold: bool = False) -> None:
    """Regrades on every save of the file through the workspace's warm worker, until Ctrl-C."""
    from interviewkit import live

    workspace, store = workspace_store()
    grader = WorkspaceGrader(workspace / KIT_DIR, cold)
    watched = Path(request.file).resolve()
    watcher = live.Watcher(watched.parent, files=[watched])
    try:
        _regrade(grader, store, catalog, request, verbose)
        for changed in watcher:
            if watched in changed and watched.exists():
                _regrade(grader, store, catalog, request, verbose)
    except KeyboardInterrupt:  # in the middle of a grade: that grade is simply dropped
        pass
    render.note("stopped watching.")


def _regrade(grader: WorkspaceGrader, store: Store, catalog: Catalog, request: GradeRequest, verbose: bool) -> None:
    if render.console.is_terminal:
        render.console.clear()
    stream = _begin(request, verbose)
    try:
        report, printed = grader.grade(request, stream.check)
    except UsageProblem as problem:
        fail_usage(str(problem))
    _end(report, printed, verbose, record_grade(store, catalog, report, request.file))
    render.note(f"[dim]watching {escape(str(request.file))}: save to regrade, Ctrl-C to stop[/]")
    render.console.file.flush()


def _begin(request: GradeRequest, verbose: bool) -> render.GradeStream:
    render.grade_header(request.kata, request.track, str(request.file), request.device, request.time_limit)
    return render.GradeStream(verbose)


def _end(report: GradeReport, printed: str, verbose: bool, note: str | None, in_mock: bool = False) -> None:
    render.grade_summary(report, printed, verbose, in_mock)
    if note:
        render.note(f"[dim]{escape(note)}[/]")
