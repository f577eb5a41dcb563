"""`kit mock`: timed mock interviews. Commands parse, call mock.py, and render."""
from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewkit import language_cli, mock, render
from interviewkit.messages import _, ngettext
from interviewkit.render import escape
from interviewkit.catalog import Catalog, UnknownKata
from interviewkit.progress import MockSession, Store
from interviewkit.recording import record_grade
from interviewkit.usage import fail_usage
from interviewkit.workspace import open_workspace, write_stub

mock_app = language_cli.Typer(help="Timed mock interviews: a few katas, a deadline, a score.", no_args_is_help=True)


def _open() -> tuple[Path, Store, Catalog]:
    workspace = open_workspace()
    store, catalog = Store(workspace), Catalog()
    for session in mock.finish_expired(store, catalog):
        render.note("[dim]" + _("mock session {session} reached its deadline and was finished (`kit mock report "
                                "{session}`).").format(session=session.id) + "[/]")
    return workspace, store, catalog


def _hour(seconds: float) -> str:
    return time.strftime("%H:%M", time.localtime(seconds))


@mock_app.command()
def start(
    minutes: Annotated[float, typer.Option(help="How long the interview lasts.")] = 45,
    count: Annotated[Optional[int], typer.Option(help="How many katas (default: as many as fit the time).")] = None,
    kata: Annotated[Optional[list[str]], typer.Option("--kata", help="These katas (repeat the option).")] = None,
    difficulty: Annotated[Optional[str], typer.Option(help="Only easy, medium or hard katas.")] = None,
    tag: Annotated[Optional[str], typer.Option(help="Only katas with this tag.")] = None,
    track: Annotated[Optional[str], typer.Option(help="numpy or torch for every kata (default: each kata's).")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Replays a session's choice of katas.")] = None,
    no_live: Annotated[bool, typer.Option("--no-live", help="Print the deadline and return.")] = False,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")] = "cpu",
) -> None:
    """Start a mock interview: writes the stubs, shows the statements, starts the clock."""
    workspace, store, catalog = _open()
    running = mock.active_session(store)
    if running:
        fail_usage(_("mock session {session} is running until {hour}: `kit mock resume` to watch it, `kit mock "
                     "finish` to end it now.").format(session=running.id, hour=_hour(running.deadline)))
    wanted = [name.strip().lower().replace("-", "_") for name in kata or []]
    for name in wanted:
        try:
            catalog.get(name)
        except UnknownKata as problem:
            fail_usage(str(problem))
    seed = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    try:
        chosen = mock.choose_katas(catalog.katas(), store.progress(), minutes=minutes, count=count, wanted=wanted,
                                   difficulty=difficulty, tag=tag, track=track, seed=seed)
    except mock.MockError as problem:
        fail_usage(str(problem))
    now = time.time()
    folder = workspace / "mock" / time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    entries = []
    for each, track_name in chosen:
        path = write_stub(each, track_name, folder)
        store.record_stub(each.id, track_name, path)
        entries.append({"kata": each.id, "track": track_name, "file": str(path.resolve())})
    number = store.create_session(started_at=now, deadline=now + minutes * 60, seed=seed, folder=folder,
                                  katas=entries)
    session = next(s for s in store.sessions() if s.id == number)
    for (each, _track), entry in zip(chosen, entries):
        render.statement(each, catalog, written=entry["file"])
    render.note("\n" + ngettext("[bold]Mock interview {number}[/]: {count} kata, {minutes} minutes, ends at "
                                 "[bold]{hour}[/] (seed {seed}).",
                                 "[bold]Mock interview {number}[/]: {count} katas, {minutes} minutes, ends at "
                                 "[bold]{hour}[/] (seed {seed}).", len(chosen)).format(
        number=number, count=len(chosen), minutes=f"{minutes:g}", hour=_hour(session.deadline), seed=seed))
    live = not no_live and render.console.is_terminal
    grading = _("save a file and the live view grades it") if live else \
        _("grade with `kit grade FILE`, see where you stand with `kit mock status`")
    render.note(_("Your files are in {folder}: {grading}; `kit hint KATA` counts against the score; `kit mock finish` "
                  "ends early.").format(folder=escape(str(folder)), grading=grading))
    if live:
        _live(session, store, catalog, device)


@mock_app.command()
def status() -> None:
    """Show where the running session stands, once."""
    store, catalog = _open()[1:]
    session = mock.active_session(store)
    if session is None:  # as resume and finish: nothing to act on is a usage error (exit 2)
        fail_usage(_("no mock session is running; `kit mock start` begins one, `kit mock report` shows the last one's."))
    render.console.print(render.dashboard(session, mock.kata_states(session, store, catalog), time.time()))


@mock_app.command()
def resume(
    no_live: Annotated[bool, typer.Option("--no-live", help="Show the state once and return.")] = False,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")] = "cpu",
) -> None:
    """Go back to the running session, with the same deadline."""
    store, catalog = _open()[1:]
    session = mock.active_session(store)
    if session is None:
        fail_usage(_("no mock session is running; `kit mock start` begins one."))
    if no_live or not render.console.is_terminal:
        render.console.print(render.dashboard(session, mock.kata_states(session, store, catalog), time.time()))
        return
    _live(session, store, catalog, device)


@mock_app.command()
def finish() -> None:
    """End the running session now and show its report."""
    store, catalog = _open()[1:]
    session = mock.active_session(store)
    if session is None:
        fail_usage(_("no mock session is running; `kit mock report` shows the last one's report."))
    render.markdown(mock.finish(store, catalog, session))
    render.note("[dim]" + _("saved in {file}").format(file=escape(str(session.folder / "report.md"))) + "[/]")


@mock_app.command()
def report(session_id: Annotated[Optional[int], typer.Argument(help="Which session (default: the last).")] = None) -> None:
    """Show a finished session's report."""
    store = _open()[1]
    finished = [session for session in store.sessions() if session.finished_at is not None]
    chosen = next((s for s in finished if s.id == session_id), None) if session_id else (finished or [None])[-1]
    if chosen is None:
        fail_usage(_("no finished mock session {session}.").format(session=session_id) if session_id
                   else _("no mock session has finished yet."))
    render.markdown(chosen.report or "")


def _live(session: MockSession, store: Store, catalog: Catalog, device: str) -> None:
    """The dashboard: regrades a kata on every save (warm grader), redraws the clock every second,
    and ends at the deadline. Ctrl-C leaves the session running; its state is in the store."""
    from rich.live import Live

    from interviewkit import live
    from interviewkit.grading.run.runner import GradeRequest
    from interviewkit.grading.run.worker_client import WorkspaceGrader

    files = {Path(entry["file"]).resolve(): entry for entry in session.katas}
    view = lambda: render.dashboard(session, mock.kata_states(session, store, catalog), time.time(), live=True)
    watcher = live.Watcher(session.folder, files=files, tick_seconds=1.0)
    grader = WorkspaceGrader(store.path.parent)  # the workspace's .kit folder
    with Live(view(), console=render.console, auto_refresh=False) as screen:
        try:
            for changed in watcher:
                if time.time() >= session.deadline:
                    break
                for path in changed & set(files):
                    if path.exists():
                        entry = files[path]
                        kata = catalog.get(entry["kata"])
                        request = GradeRequest(kata.id, entry["track"], path, device, kata.time_limit)
                        record_grade(store, catalog, grader.grade(request)[0], path)
                screen.update(view(), refresh=True)
        except KeyboardInterrupt:  # during a grade: the session goes on all the same
            pass
    if time.time() >= session.deadline:
        render.markdown(mock.finish(store, catalog, session))
    else:
        render.note(_("The session goes on until {hour}: `kit mock resume` to come back, `kit mock finish` to end it.")
                    .format(hour=_hour(session.deadline)))
