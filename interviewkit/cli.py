"""The `kit` command: Typer commands that parse, call the engine, and render. No grading logic here;
commands that do not grade never import torch or numpy."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewkit import language_cli, listing, render
from interviewkit.messages import _
from interviewkit.render import escape
from interviewkit.catalog import DIFFICULTIES, Catalog
from interviewkit.progress import STORE_NAME, open_store
from interviewkit.mock_cli import mock_app
from interviewkit.worker_cli import worker_app
from interviewkit.dev.cli import dev_app
from interviewkit.recording import active_session_for
from interviewkit.usage import check_track, fail_usage, load_kata, workspace_store
from interviewkit.workspace import KIT_DIR, StubExists, find_workspace, write_stub
from interviewkit.cli_options import (
    ColdOption, DeviceOption, FileOption, KataArgument, MemoryOption, TargetArgument, TimeoutOption, TrackOption,
    VerboseOption,
)

app = language_cli.Typer(
    name="kit",
    help="kit: a dojo for machine-learning coding interviews. Start with `kit list`, then `kit new softmax`.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.callback()(language_cli.options)
app.command()(language_cli.config)
app.add_typer(mock_app, name="mock")
app.add_typer(dev_app, name="dev")
app.add_typer(worker_app, name="worker")


@app.command("list")
def list_katas(
    tag: Annotated[Optional[str], typer.Option(help="Only katas with this tag.")] = None,
    difficulty: Annotated[Optional[str], typer.Option(help="easy, medium or hard.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")] = False,
) -> None:
    """List the katas, with your status and best time."""
    catalog = Catalog()
    for problem in catalog.problems():
        render.error(_("a kata was left out, its files are damaged: {problem}").format(problem=problem))
    if difficulty is not None and difficulty not in DIFFICULTIES:
        fail_usage(_("--difficulty must be {choices} or {last}, not {given}.").format(
            choices=", ".join(DIFFICULTIES[:-1]), last=DIFFICULTIES[-1], given=repr(difficulty)))
    known_tags = sorted({each for kata in catalog.katas() for each in kata.tags})
    if tag is not None and tag not in known_tags:
        fail_usage(_("no kata has the tag {tag}; the tags are: {tags}.").format(tag=repr(tag), tags=", ".join(known_tags)))
    katas = [
        kata for kata in catalog.katas()
        if (tag is None or tag in kata.tags) and (difficulty is None or kata.difficulty == difficulty)
    ]
    store = open_store(find_workspace())
    progress = store.progress() if store else {}
    topics = catalog.topics()
    if as_json:
        sys.stdout.write(listing.kata_list_json(katas, progress, {i: name for name, ids in topics for i in ids}))
        return
    if not katas:
        render.note(_("No kata is both {difficulty} and tagged {tag}: drop one of the filters.").format(
            difficulty=difficulty, tag=tag))
        return
    render.console.print(listing.kata_table(katas, progress, topics=topics))


@app.command("next")
def next_kata(
    review: Annotated[bool, typer.Option("--review", help=(
        "Instead, the kata most due for practice again: failed, hinted, slow or never passed, spaced "
        "1, 3, 7, 14, then 30 days after your last clean pass."))] = False,
) -> None:
    """The next kata on the path: the first, in katas/topics.toml's order, you have not passed yet."""
    catalog = Catalog()
    store = open_store(find_workspace())
    if review:
        from interviewkit.review import show_next_review

        show_next_review(catalog, store)
        return
    progress = store.progress() if store else {}
    path = [(topic, kata_id) for topic, ids in catalog.topics() for kata_id in ids]
    done = sum(1 for _, kata_id in path if kata_id in progress and progress[kata_id].status == "passed")
    upcoming = next(((topic, kata_id) for topic, kata_id in path
                     if kata_id not in progress or progress[kata_id].status != "passed"), None)
    if upcoming is None:
        render.note(_("You have passed all {count} katas on the path. Practise again with a track you have not "
                      "passed, or try `kit mock` for a timed interview.").format(count=len(path)))
        return
    topic, kata_id = upcoming
    kata = catalog.get(kata_id)
    status = progress[kata_id].status if kata_id in progress else "new"
    render.console.print(_("Next on the path ({done} of {total} passed):").format(done=done, total=len(path))
                         + f" [bold]{kata.id}[/] · {escape(kata.shown_title)} · {_(kata.difficulty)}, "
                         + _("about {minutes} min").format(minutes=kata.minutes) + f" · [dim]{escape(_(topic))}[/]"
                         + (" · [yellow]" + _("attempted") + "[/]" if status == "attempted" else ""))
    render.console.print(_("Read it with [bold]kit show {kata}[/], start with [bold]kit new {kata}[/].").format(kata=kata.id))


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
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file (the old one is backed up).")] = False,
) -> None:
    """Write a stub to fill in: DIR/{kata}_{track}.py."""
    chosen = load_kata(Catalog(), kata)
    track_name = check_track(chosen, track)
    workspace, store = workspace_store()
    backed_up: list[Path] = []
    try:
        path = write_stub(chosen, track_name, directory, force=force, workspace=workspace, backed_up=backed_up)
    except StubExists as problem:
        fail_usage(str(problem))
    except OSError as error:
        fail_usage(_("cannot write the stub into {folder} ({why}): --dir must name a folder you can write to (it is "
                     "created if missing).").format(folder=directory, why=error.strerror))
    store.record_stub(chosen.id, track_name, path)
    shown = escape(str(path))
    render.note(_("Wrote [bold]{file}[/] ({title}, {track} track, about {minutes} min).").format(
        file=shown, title=escape(chosen.shown_title), track=track_name, minutes=chosen.minutes))
    for backup in backed_up:
        render.note(_("Your previous {name} is kept in [bold]{backup}[/].").format(
            name=escape(path.name), backup=escape(str(backup))))
    render.note(_("Read the task with [bold]kit show {kata}[/], fill in the stub, then run [bold]kit grade {file}[/].")
                .format(kata=chosen.id, file=shown))


@app.command()
def grade(
    target: TargetArgument = None,
    track: TrackOption = None,
    file: FileOption = None,
    device: DeviceOption = "cpu",
    timeout: TimeoutOption = None,
    memory_limit: MemoryOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Also fail when your code is slower than the kata's efficiency bound.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report, nothing else.")] = False,
    verbose: VerboseOption = False,
    cold: ColdOption = False,
) -> None:
    """Grade your solution: outputs and gradients against the reference, every check explained."""
    from interviewkit.grade_view import grade_once
    from interviewkit.targets import build_request

    catalog, request = build_request(target, track, file, device, timeout, memory_limit, strict)
    report = grade_once(catalog, request, verbose, as_json, cold)
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
    cold: ColdOption = False,
) -> None:
    """Regrade on every save, until Ctrl-C (a warm worker answers in a fraction of a second)."""
    from interviewkit import grade_view
    from interviewkit.targets import build_request

    catalog, request = build_request(target, track, file, device, timeout, memory_limit)
    grade_view.watch(catalog, request, verbose, cold)


@app.command("run")
def run_example(
    target: TargetArgument = None,
    track: TrackOption = None,
    file: FileOption = None,
    example: Annotated[str, typer.Option("--input", "-i", help=(
        "example (the kata's own) or a FILE.py of yours defining example(track): the steps to run"))] = "example",
    device: DeviceOption = "cpu",
    timeout: TimeoutOption = None,
    cold: ColdOption = False,
) -> None:
    """Run your code on the kata's example (or inputs of your own) and see its results beside the
    reference's, before grading: nothing is graded or recorded."""
    from interviewkit import grade_view
    from interviewkit.targets import build_request, example_file

    catalog, request = build_request(target, track, file, device, timeout, None)
    request.example = str(example_file(catalog.get(request.kata), example))
    raise typer.Exit(0 if grade_view.run_example(request, cold) else 1)


@app.command()
def hint(
    kata: KataArgument,
    show_all: Annotated[bool, typer.Option("--all", help="Reveal every hint.")] = False,
) -> None:
    """Reveal the next hint: first the one for your last failing check, then the next tier."""
    from interviewkit.hints import next_hint

    chosen_kata = load_kata(Catalog(), kata)
    hints = chosen_kata.hints()
    store = workspace_store()[1]
    session = active_session_for(store, chosen_kata.id)
    if show_all:
        for position, each in enumerate(hints, start=1):
            render.hint(chosen_kata, each, position, len(hints), None)
            store.record_hint(chosen_kata.id, each.id, session)
        return
    last = store.last_grade(chosen_kata.id)
    failing = last.failing_checks if last and not last.passed else []
    cause = last.first_cause if failing else ""
    chosen, tied_to = next_hint(hints, store.revealed_hints(chosen_kata.id), failing, cause)
    if chosen is None:
        render.note(_("Every hint for {kata} is revealed (`kit hint {kata} --all` shows them again). Still stuck? "
                      "`kit solution {kata}` shows the reference.").format(kata=chosen_kata.id))
        return
    revealed = set(store.revealed_hints(chosen_kata.id))
    store.record_hint(chosen_kata.id, chosen.id, session)
    position = hints.index(chosen) + 1
    skipped = [number for number, each in enumerate(hints[:position - 1], start=1) if each.id not in revealed]
    because = chosen_kata.causes().get(cause, cause) if cause in chosen.causes else ""
    render.hint(chosen_kata, chosen, position, len(hints), tied_to, skipped, because)
    if session:
        render.note("[dim]" + _("recorded against mock session {session}").format(session=session) + "[/]")


@app.command()
def solution(
    kata: KataArgument,
    track: TrackOption = None,
    force: Annotated[bool, typer.Option("--force", help="Show it even before your first graded attempt.")] = False,
) -> None:
    """Show the reference solution (after at least one graded attempt), of the track you worked on."""
    chosen = load_kata(Catalog(), kata)
    store = workspace_store()[1]
    last = store.last_grade(chosen.id)
    track_name = check_track(chosen, track or (last.track if last else None))
    if not force and not store.has_attempted(chosen.id, track_name):
        fail_usage(_("grade an attempt first (`kit grade {kata}`: an untouched stub does not count), or pass --force "
                     "to see the {track} reference now.").format(kata=chosen.id, track=track_name))
    session = active_session_for(store, chosen.id)
    if session and not force:
        fail_usage(_("mock session {session} is running and includes {kata}: viewing its solution now scores it "
                     "zero. Pass --force to view it anyway.").format(session=session, kata=chosen.id))
    store.record_solution(chosen.id, track_name, session)
    render.solution(chosen, track_name, chosen.track(track_name).reference.read_text(encoding="utf-8"))


@app.command()
def stats() -> None:
    """Your practice: attempts, passes, best times and hints per kata; totals by tag and difficulty;
    your streak of practice days; mock interviews and their score trend."""
    from interviewkit import stats as figures

    store = open_store(find_workspace())
    if store is None:
        render.note(_("No practice recorded here yet: start with `kit new softmax`."))
        return
    import time

    from interviewkit.review import reviews

    sessions = store.sessions()
    scores = [session.score for session in sessions if session.score is not None]
    katas = Catalog().katas()
    due = [entry for entry in reviews(store, katas, time.time()) if entry.due_at <= time.time()]
    render.stats_tables(katas, store.progress(), store.hint_counts(), sessions,
                        figures.streak(store.practice_days()), figures.sparkline(scores), due)


def main() -> None:
    # One name however kit is started (`kit` or `python -m interviewkit`): help and completion use it.
    try:
        app(prog_name="kit")
    except sqlite3.DatabaseError as error:
        workspace = find_workspace()
        store = (workspace / KIT_DIR / STORE_NAME) if workspace else Path(KIT_DIR) / STORE_NAME
        busy = "locked" in str(error)
        advice = (_("another kit command is writing to it: try again when it has finished") if busy else
                  _("it looks damaged; move it aside ({command}) and kit starts a fresh one").format(
                      command=f"mv {store} {store}.damaged"))
        typer.echo(_("Error: kit's progress store {store} cannot be used ({error}): {advice}. "
                     "Nothing was recorded by this command.").format(store=store, error=error, advice=advice), err=True)
        raise SystemExit(1) from None
