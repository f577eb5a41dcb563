"""`kit mock`: timed mock interviews. Commands parse, call mock.py, and render."""
from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewkit import mock, render
from interviewkit.render import escape
from interviewkit.catalog import Catalog, UnknownKata
from interviewkit.progress import MockSession, Store
from interviewkit.recording import record_grade
from interviewkit.usage import fail_usage
from interviewkit.workspace import open_workspace, write_stub

mock_app = typer.Typer(help="Timed mock interviews: a few katas, a deadline, a score.", no_args_is_help=True)


def _open() -> tuple[Path, Store, Catalog]:
    workspace = open_workspace()
    store, catalog = Store(workspace), Catalog()
    for session in mock.finish_expired(store, catalog):
        render.note(f"[dim]mock session {session.id} reached its deadline and was finished "
                    f"(`kit mock report {session.id}`).[/]")
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
        fail_usage(f"mock session {running.id} is running until {_hour(running.deadline)}: `kit mock resume` to "
              "watch it, `kit mock finish` to end it now.")
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
    for (each, _), entry in zip(chosen, entries):
        render.statement(each, catalog, written=entry["file"])
    render.note(f"\n[bold]Mock interview {number}[/]: {len(chosen)} kata{'s' if len(chosen) > 1 else ''}, "
                f"{minutes:g} minutes, ends at [bold]{_hour(session.deadline)}[/] (seed {seed}).")
    live = not no_live and render.console.is_terminal
    grading = "save a file and the live view grades it" if live else "grade with `kit grade FILE`, see where you stand with `kit mock status`"
    render.note(f"Your files are in {escape(str(folder))}: {grading}; `kit hint KATA` counts against the score; "
                "`kit mock finish` ends early.")
    if live:
        _live(session, store, catalog, device)


@mock_app.command()
def status() -> None:
    """Show where the running session stands, once."""
    _, store, catalog = _open()
    session = mock.active_session(store)
    if session is None:  # as resume and finish: nothing to act on is a usage error (exit 2)
        fail_usage("no mock session is running; `kit mock start` begins one, `kit mock report` shows the last one's.")
    render.console.print(render.dashboard(session, mock.kata_states(session, store, catalog), time.time()))


@mock_app.command()
def resume(
    no_live: Annotated[bool, typer.Option("--no-live", help="Show the state once and return.")] = False,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")] = "cpu",
) -> None:
    """Go back to the running session, with the same deadline."""
    _, store, catalog = _open()
    session = mock.active_session(store)
    if session is None:
        fail_usage("no mock session is running; `kit mock start` begins one.")
    if no_live or not render.console.is_terminal:
        render.console.print(render.dashboard(session, mock.kata_states(session, store, catalog), time.time()))
        return
    _live(session, store, catalog, device)


@mock_app.command()
def finish() -> None:
    """End the running session now and show its report."""
    _, store, catalog = _open()
    session = mock.active_session(store)
    if session is None:
        fail_usage("no mock session is running; `kit mock report` shows the last one's report.")
    render.markdown(mock.finish(store, catalog, session))
    render.note(f"[dim]saved in {escape(str(session.folder / 'report.md'))}[/]")


@mock_app.command()
def report(session_id: Annotated[Optional[int], typer.Argument(help="Which session (default: the last).")] = None) -> None:
    """Show a finished session's report."""
    _, store, _ = _open()
    finished = [session for session in store.sessions() if session.finished_at is not None]
    chosen = next((s for s in finished if s.id == session_id), None) if session_id else (finished or [None])[-1]
    if chosen is None:
        fail_usage(f"no finished mock session {session_id}." if session_id else "no mock session has finished yet.")
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
        render.note(f"The session goes on until {_hour(session.deadline)}: `kit mock resume` to come back, "
                    "`kit mock finish` to end it.")
