"""The `kit` command: Typer commands that parse, call the engine, and render. No grading logic here;
commands that do not grade never import torch or numpy."""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from interviewkit import render
from interviewkit.catalog import Catalog, CatalogError, Kata, UnknownKata, UnknownTrack
from interviewkit.grading.run.result import CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind, stops_grade
from interviewkit.progress import STORE_NAME, Store, open_store
from interviewkit.mock_cli import mock_app
from interviewkit.dev.cli import dev_app
from interviewkit.recording import active_session_for, record_grade
from interviewkit.workspace import (
    KIT_DIR, KataFile, StubExists, find_kata_files, find_workspace, identify, most_recent, open_workspace,
    stub_filename, write_stub,
)

USAGE_ERROR = 2

app = typer.Typer(
    name="kit",
    help="kit: a dojo for machine-learning coding interviews. Start with `kit list`, then `kit new softmax`.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.add_typer(mock_app, name="mock")
app.add_typer(dev_app, name="dev")


def complete_kata(incomplete: str) -> list[str]:
    return [kata_id for kata_id in Catalog().ids() if kata_id.startswith(incomplete.replace("-", "_"))]


KataArgument = Annotated[str, typer.Argument(help="The kata's id, e.g. softmax.", autocompletion=complete_kata)]
TrackOption = Annotated[Optional[str], typer.Option("--track", "-t", help="numpy or torch (default: the kata's).")]
TargetArgument = Annotated[Optional[str], typer.Argument(
    help="A kata id or a file; default: your most recently changed kata file.", autocompletion=complete_kata)]
FileOption = Annotated[Optional[Path], typer.Option("--file", "-f", help="The kata file.")]
DeviceOption = Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")]
TimeoutOption = Annotated[Optional[float], typer.Option(help="Time limit in seconds (default: the kata's).")]
MemoryOption = Annotated[Optional[int], typer.Option(
    help="Memory your code may use, in MiB (default: the kata's, 4096 unless it says otherwise).")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show code that rebuilds failing inputs.")]
DEVICES = ("cpu", "cuda", "auto")


def fail_usage(message: str) -> None:
    render.error(message)
    raise typer.Exit(USAGE_ERROR)


def load_kata(catalog: Catalog, kata_id: str) -> Kata:
    try:
        return catalog.get(kata_id)
    except UnknownKata as problem:
        fail_usage(str(problem))
    except CatalogError as problem:
        fail_usage(f"the catalogue is damaged: {problem}")


def check_track(kata: Kata, track: str | None) -> str:
    try:
        return kata.track(track).name
    except UnknownTrack as problem:
        fail_usage(str(problem))


def workspace_store() -> tuple[Path, Store]:
    try:
        workspace = open_workspace()
    except OSError as error:
        fail_usage(f"cannot use {error.filename} as kit's workspace ({error.strerror}): KIT_WORKSPACE, or the "
                   "current folder, must be a folder you can write to.")
    return workspace, Store(workspace)


@app.command("list")
def list_katas(
    tag: Annotated[Optional[str], typer.Option(help="Only katas with this tag.")] = None,
    difficulty: Annotated[Optional[str], typer.Option(help="easy, medium or hard.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")] = False,
) -> None:
    """List the katas, with your status and best time."""
    catalog = Catalog()
    for problem in catalog.problems():
        render.error(f"a kata was left out, its files are damaged: {problem}")
    katas = [
        kata for kata in catalog.katas()
        if (tag is None or tag in kata.tags) and (difficulty is None or kata.difficulty == difficulty)
    ]
    store = open_store(find_workspace())
    progress = store.progress() if store else {}
    if as_json:
        rows = []
        for kata in katas:
            entry = progress.get(kata.id)
            rows.append({
                "id": kata.id, "title": kata.title, "difficulty": kata.difficulty, "tags": list(kata.tags),
                "tracks": list(kata.tracks), "minutes": kata.minutes,
                "status": entry.status if entry else "new",
                "passed_tracks": sorted(entry.passed_tracks) if entry else [],
                "best_time_s": round(entry.best_time_s, 1) if entry and entry.best_time_s is not None else None,
            })
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    render.console.print(render.kata_table(katas, progress))
    if not katas:
        render.note("No kata matches those filters.")


@app.command()
def show(kata: KataArgument) -> None:
    """Show a kata's statement."""
    catalog = Catalog()
    render.statement(load_kata(catalog, kata), catalog)


@app.command()
def new(
    kata: KataArgument,
    track: TrackOption = None,
    directory: Annotated[Path, typer.Option("--dir", "-d", help="Where to write the file.")] = Path("."),
    force: Annotated[bool, typer.Option(help="Replace an existing file (the old one is backed up).")] = False,
) -> None:
    """Write a stub to fill in: DIR/{kata}_{track}.py."""
    chosen = load_kata(Catalog(), kata)
    track_name = check_track(chosen, track)
    workspace, store = workspace_store()
    try:
        path = write_stub(chosen, track_name, directory, force=force, workspace=workspace)
    except StubExists as problem:
        fail_usage(str(problem))
    except OSError as error:
        fail_usage(f"cannot write the stub into {directory} ({error.strerror}): --dir must name a folder you "
                   "can write to (it is created if missing).")
    store.record_stub(chosen.id, track_name, path)
    shown = escape(str(path))
    render.note(f"Wrote [bold]{shown}[/] ({escape(chosen.title)}, {track_name} track, about {chosen.minutes} min).")
    render.note(f"Read the task with [bold]kit show {chosen.id}[/], fill in the stub, then run "
                f"[bold]kit grade {shown}[/].")


def resolve_target(catalog: Catalog, target: str | None, track: str | None,
                   file: Path | None) -> tuple[Kata, str, Path]:
    """Which kata, track and file `kit grade` means, from what was given and what is on disk."""
    kata_id = None
    if file is None and target and (target.endswith(".py") or Path(target).exists()):
        file = Path(target)
    elif target:
        kata_id = target
    if file is not None:
        if not file.is_file():
            fail_usage(f"{file} does not exist. Create it with `kit new KATA`, or check the path.")
        known = identify(file)
        kata_id = kata_id or (known.kata if known else None)
        track = track or (known.track if known and known.kata == kata_id else None)
        if kata_id is None:
            fail_usage(f"cannot tell which kata {file} is for: name it, as in `kit grade softmax --file {file}`.")
        kata = load_kata(catalog, kata_id)
        return kata, check_track(kata, track), file
    if kata_id is None:
        workspace = find_workspace() or Path.cwd()
        store = open_store(find_workspace())
        known = set(catalog.ids())
        candidates = (store.stub_files() if store else []) + find_kata_files(workspace)
        latest = most_recent([f for f in candidates if f.kata in known])
        if latest is None:
            fail_usage("no kata file found here. Start one with `kit new softmax`, or name a file to grade.")
        kata = load_kata(catalog, latest.kata)
        return kata, check_track(kata, track or latest.track), latest.path
    kata = load_kata(catalog, kata_id)
    tracks = [check_track(kata, track)] if track else list(kata.tracks)
    here = [KataFile(Path(stub_filename(kata.id, name)), kata.id, name) for name in tracks]
    workspace = find_workspace() or Path.cwd()
    store = open_store(find_workspace())
    recorded = store.stub_files() if store else []
    elsewhere = [f for f in recorded + find_kata_files(workspace) if f.kata == kata.id and f.track in tracks]
    latest = most_recent(here) or most_recent(elsewhere)
    if latest is None:
        fail_usage(f"no file for {kata.id} here. Start one with `kit new {kata.id}`, or pass --file PATH.")
    return kata, latest.track, latest.path


def build_request(target, track, file, device, timeout, memory_limit, strict=False):
    """The catalogue, and the grade request that `kit grade` and `kit watch` arguments describe."""
    from interviewkit.grading.run.runner import GradeRequest

    if device not in DEVICES:
        fail_usage(f"--device must be cpu, cuda or auto, not {device!r}.")
    if timeout is not None and not (0 < timeout < float("inf")):
        fail_usage(f"--timeout must be a positive number of seconds, not {timeout!r}.")
    if memory_limit is not None and memory_limit < 64:
        fail_usage(f"--memory-limit is in MiB and must be at least 64 (the interpreter's own needs), "
                   f"not {memory_limit}.")
    catalog = Catalog()
    kata, track_name, path = resolve_target(catalog, target, track, file)
    time_limit = timeout if timeout is not None else kata.time_limit
    return catalog, GradeRequest(kata.id, track_name, path, device, time_limit, memory_limit, strict)


@app.command()
def grade(
    target: TargetArgument = None,
    track: TrackOption = None,
    file: FileOption = None,
    device: DeviceOption = "cpu",
    timeout: TimeoutOption = None,
    memory_limit: MemoryOption = None,
    strict: Annotated[bool, typer.Option(
        help="Also fail when your code is slower than the kata's efficiency bound.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report, nothing else.")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Grade your solution: outputs and gradients against the reference, every check explained."""
    from interviewkit.grading.run.runner import UsageProblem, grade_in_child

    catalog, request = build_request(target, track, file, device, timeout, memory_limit, strict)
    path = request.file
    stream = render.GradeStream(verbose)
    if not as_json:
        render.grade_header(GradeReport(request.kata, request.track, str(path), device), request.time_limit)

    def on_event(event: dict) -> None:
        if not as_json and event.get("event") == "check":
            stream.check(CheckResult.from_json(event["result"]))

    try:
        report, printed = grade_in_child(request, on_event)
    except UsageProblem as problem:
        fail_usage(str(problem))
    last = report.checks[-1] if report.checks else None
    # A check that ended the grade may never have been streamed (the grader was stopped): show it once.
    if last and (stops_grade(last.kind) or last.kind == Kind.INTERNAL) and not as_json \
            and (last.name, last.message) not in stream.shown:
        stream.check(last)
    _, store = workspace_store()
    in_mock = store is not None and active_session_for(store, report.kata) is not None
    note = record_grade(store, catalog, report, path)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json()) + "\n")
    else:
        render.grade_summary(report, printed, verbose, in_mock)
        if note:
            render.note(f"[dim]{escape(note)}[/]")
    raise typer.Exit(0 if report.passed else 1)


@app.command()
def watch(
    target: TargetArgument = None,
    track: TrackOption = None,
    file: FileOption = None,
    device: DeviceOption = "cpu",
    timeout: TimeoutOption = None,
    memory_limit: MemoryOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Regrade on every save, until Ctrl-C (a warm grader answers in a fraction of a second)."""
    from interviewkit import live
    from interviewkit.grading.run.runner import UsageProblem
    from interviewkit.grading.run.worker import WarmGrader

    catalog, request = build_request(target, track, file, device, timeout, memory_limit)
    path = request.file
    _, store = workspace_store()
    watched = path.resolve()
    watcher = live.Watcher(watched.parent, files=[watched])
    with WarmGrader() as warm:
        def regrade() -> None:
            if render.console.is_terminal:
                render.console.clear()
            render.grade_header(GradeReport(request.kata, request.track, str(path), device), request.time_limit)
            stream = render.GradeStream(verbose)
            try:
                report = warm.grade(request, lambda event: event.get("event") == "check" and stream.check(
                    CheckResult.from_json(event["result"])))
            except UsageProblem as problem:
                fail_usage(str(problem))
            note = record_grade(store, catalog, report, path)
            render.grade_summary(report, "", verbose)
            if note:
                render.note(f"[dim]{escape(note)}[/]")
            render.note(f"[dim]watching {escape(str(path))}: save to regrade, Ctrl-C to stop[/]")
            render.console.file.flush()

        try:
            regrade()
            for changed in watcher:
                if watched in changed and watched.exists():
                    regrade()
        except KeyboardInterrupt:  # in the middle of a grade: that grade is simply dropped
            pass
    render.note("stopped watching.")


@app.command()
def hint(
    kata: KataArgument,
    show_all: Annotated[bool, typer.Option("--all", help="Reveal every hint.")] = False,
) -> None:
    """Reveal the next hint: first the one for your last failing check, then the next tier."""
    from interviewkit.hints import next_hint

    chosen_kata = load_kata(Catalog(), kata)
    hints = chosen_kata.hints()
    _, store = workspace_store()
    session = active_session_for(store, chosen_kata.id)
    if show_all:
        for position, each in enumerate(hints, start=1):
            render.hint(chosen_kata, each, position, len(hints), None)
            store.record_hint(chosen_kata.id, each.id, session)
        return
    last = store.last_grade(chosen_kata.id)
    failing = last.failing_checks if last and not last.passed else []
    chosen, tied_to = next_hint(hints, store.revealed_hints(chosen_kata.id), failing)
    if chosen is None:
        render.note(f"Every hint for {chosen_kata.id} is revealed (`kit hint {chosen_kata.id} --all` shows them "
                    f"again). Still stuck? `kit solution {chosen_kata.id}` shows the reference.")
        return
    store.record_hint(chosen_kata.id, chosen.id, session)
    render.hint(chosen_kata, chosen, hints.index(chosen) + 1, len(hints), tied_to)
    if session:
        render.note(f"[dim]recorded against mock session {session}[/]")


@app.command()
def solution(
    kata: KataArgument,
    track: TrackOption = None,
    force: Annotated[bool, typer.Option(help="Show it even before your first graded attempt.")] = False,
) -> None:
    """Show the reference solution (after at least one graded attempt)."""
    chosen = load_kata(Catalog(), kata)
    track_name = check_track(chosen, track)
    _, store = workspace_store()
    if not force and not store.has_graded(chosen.id, track_name):
        fail_usage(f"grade an attempt first (`kit grade {chosen.id}`), or pass --force to see the "
                   f"{track_name} reference now.")
    session = active_session_for(store, chosen.id)
    if session and not force:
        fail_usage(f"mock session {session} is running and includes {chosen.id}: viewing its solution now scores "
                   "it zero. Pass --force to view it anyway.")
    store.record_solution(chosen.id, track_name, session)
    render.solution(chosen, track_name, chosen.track(track_name).reference.read_text(encoding="utf-8"))


@app.command()
def stats() -> None:
    """Your practice: attempts, passes, best times and hints per kata; totals by tag and difficulty;
    your streak of practice days; mock interviews and their score trend."""
    from interviewkit import stats as figures

    store = open_store(find_workspace())
    if store is None:
        render.note("No practice recorded here yet: start with `kit new softmax`.")
        return
    sessions = store.sessions()
    scores = [session.score for session in sessions if session.score is not None]
    render.stats_tables(Catalog().katas(), store.progress(), store.hint_counts(), sessions,
                        figures.streak(store.practice_days()), figures.sparkline(scores))


def main() -> None:
    # One name however kit is started (`kit` or `python -m interviewkit`): help and completion use it.
    try:
        app(prog_name="kit")
    except sqlite3.DatabaseError as error:
        workspace = find_workspace()
        store = (workspace / KIT_DIR / STORE_NAME) if workspace else Path(KIT_DIR) / STORE_NAME
        busy = "locked" in str(error)
        advice = ("another kit command is writing to it: try again when it has finished" if busy else
                  f"it looks damaged; move it aside (mv {store} {store}.damaged) and kit starts a fresh one")
        typer.echo(f"Error: kit's progress store {store} cannot be used ({error}): {advice}. "
                   "Nothing was recorded by this command.", err=True)
        raise SystemExit(1) from None
