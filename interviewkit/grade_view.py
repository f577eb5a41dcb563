"""`kit grade` and `kit watch` around the engine: run the grade, show each check as it ends, record
the grade (against a mock session when its folder holds the file), then show the summary, or with
`--json` print the one versioned report and nothing else."""
from __future__ import annotations

import _thread
import json
import sys
import threading
from pathlib import Path


from interviewkit import grade_screen, render
from interviewkit.messages import _
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
    stream = None if as_json else _begin(catalog, request, verbose)
    try:
        report, printed = grader.grade(request, stream.check, stream.running) if stream else grader.grade(request)
    except UsageProblem as problem:
        fail_usage(str(problem))
    finally:
        if stream:
            stream.stop_progress()
    if grader.why_cold and not as_json:
        render.note("[dim]" + _("graded without the warm worker: {why}").format(why=escape(grader.why_cold)) + "[/]")
    in_mock = active_session_for(store, report.kata) is not None
    note = record_grade(store, catalog, report, request.file)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json()) + "\n")
    else:
        _end(report, printed, verbose, note, in_mock, stream.expected)
    return report


def watch(catalog: Catalog, request: GradeRequest, verbose: bool, cold: bool = False) -> None:
    """Regrades on every save of the file through the workspace's warm worker, until Ctrl-C. A save
    during a grade cancels it: the new version is graded at once, not after the old one's time limit."""
    from interviewkit import live

    workspace = workspace_store()[0]
    watched = Path(request.file).resolve()
    watcher = live.Watcher(watched.parent, files=[watched])
    current = Regrade(workspace, catalog, request, verbose, cold)
    try:
        for changed in watcher:
            if watched in changed and watched.exists():
                if current.cancel():
                    render.note("[dim]" + _("saved again during the grade: that grade is dropped, the new version graded")
                                + "[/]")
                current = Regrade(workspace, catalog, request, verbose, cold)
    except KeyboardInterrupt:  # in the middle of a grade: that grade is simply dropped
        pass
    finally:
        current.cancel()
    if current.problem:
        fail_usage(current.problem)
    render.note(_("stopped watching."))


def run_example(request: GradeRequest, cold: bool = False) -> bool:
    """`kit run`: the example's steps on the candidate's code and the reference's, shown in full;
    nothing recorded. Whether every step ran and matched the reference."""
    workspace = workspace_store()[0]
    grader = WorkspaceGrader(workspace / KIT_DIR, cold)
    render.console.print(f"[bold]kit run {request.kata}[/] (" + _("{track} track").format(track=request.track)
                         + f") · {escape(str(request.file))} [dim]· {escape(str(request.example))}[/]")
    try:
        report = grader.grade(request, grade_screen.run_step)[0]
    except UsageProblem as problem:
        fail_usage(str(problem))
    render.note("[dim]" + _("A run compares a few inputs, and grades nothing: `kit grade` checks every case.") + "[/]")
    if report.passed:
        render.note(_("Every step matches the reference. Now grade it on every case: [bold]kit grade {kata}[/]")
                    .format(kata=request.kata))
    else:
        render.note(_("[yellow]Not the reference's results above[/]: fix, run again, or see every case with "
                      "[bold]kit grade {kata}[/].").format(kata=request.kata))
    return report.passed


class Regrade:
    """One grade of `kit watch`, in a thread of its own so that a save can cancel it; a cancelled
    grade is neither shown nor recorded."""

    def __init__(self, workspace: Path, catalog: Catalog, request: GradeRequest, verbose: bool, cold: bool):
        self.grader = WorkspaceGrader(workspace / KIT_DIR, cold)
        self.problem: str | None = None
        self._arguments = (workspace, catalog, request, verbose)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def cancel(self) -> bool:
        """Ends the grade; whether it was still running."""
        running = self._thread.is_alive()
        self.grader.cancel()
        self._thread.join()
        return running

    def _run(self) -> None:
        workspace, catalog, request, verbose = self._arguments
        if render.console.is_terminal:
            render.console.clear()
        self._stream = _begin(catalog, request, verbose)
        try:
            report, printed = self.grader.grade(request, self._show, self._stream.running)
        except UsageProblem as problem:  # the same for every grade: watching ends
            self.problem = str(problem)
            _thread.interrupt_main()
            return
        finally:
            self._stream.stop_progress()
        if self.grader.cancelled:
            return
        note = record_grade(Store(workspace), catalog, report, request.file)  # a connection of this thread's own
        _end(report, printed, verbose, note, expected=self._stream.expected)
        render.note("[dim]" + _("watching {file}: save to regrade, Ctrl-C to stop").format(file=escape(str(request.file)))
                    + "[/]")
        render.console.file.flush()

    def _show(self, result) -> None:
        if not self.grader.cancelled:  # a cancelled grade's last check only says it was ended
            self._stream.check(result)


def _begin(catalog: Catalog, request: GradeRequest, verbose: bool) -> grade_screen.GradeStream:
    grade_screen.grade_header(request.kata, request.track, str(request.file), request.device, request.time_limit)
    stream = grade_screen.GradeStream(verbose, expected_checks(catalog, request), catalog.get(request.kata).causes())
    stream.start_progress()
    return stream


def expected_checks(catalog: Catalog, request: GradeRequest) -> int | None:
    """How many checks a full grade has: the contract and every case of the kata's manifest."""
    from interviewkit.contract import read_manifest

    checks = read_manifest(catalog.get(request.kata)).get(request.track)
    return 1 + sum(max(1, len(check.cases)) for check in checks) if checks else None


def _end(report: GradeReport, printed: str, verbose: bool, note: str | None, in_mock: bool = False,
         expected: int | None = None) -> None:
    grade_screen.grade_summary(report, printed, verbose, in_mock, expected)
    if note:
        render.note(f"[dim]{escape(note)}[/]")
