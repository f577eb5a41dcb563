"""The `kit` command: Typer commands that parse, call the engine, and render. No grading logic here;
commands that do not grade never import torch or numpy."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from interviewkit import render
from interviewkit.catalog import Catalog, CatalogError, Kata, UnknownKata, UnknownTrack
from interviewkit.progress import Store, open_store
from interviewkit.workspace import (
    KataFile, StubExists, find_kata_files, find_workspace, identify, most_recent, open_workspace,
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


def complete_kata(incomplete: str) -> list[str]:
    return [kata_id for kata_id in Catalog().ids() if kata_id.startswith(incomplete.replace("-", "_"))]


KataArgument = Annotated[str, typer.Argument(help="The kata's id, e.g. softmax.", autocompletion=complete_kata)]
TrackOption = Annotated[Optional[str], typer.Option("--track", "-t", help="numpy or torch (default: the kata's).")]


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
    workspace = open_workspace()
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


@app.command()
def grade(
    target: Annotated[Optional[str], typer.Argument(
        help="A kata id or a file; default: your most recently changed kata file.",
        autocompletion=complete_kata)] = None,
    track: TrackOption = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="The file to grade.")] = None,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")] = "cpu",
    timeout: Annotated[Optional[float], typer.Option(help="Time limit in seconds (default: the kata's).")] = None,
    memory_limit: Annotated[Optional[int], typer.Option(
        help="Memory your code may use, in MiB (default: the kata's, 4096 unless it says otherwise).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report, nothing else.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show code that rebuilds failing inputs.")] = False,
) -> None:
    """Grade your solution: outputs and gradients against the reference, every check explained."""
    from interviewkit.grading.runner import UsageProblem, grade_in_child
    from interviewkit.grading.result import GradeReport

    if device not in ("cpu", "cuda", "auto"):
        fail_usage(f"--device must be cpu, cuda or auto, not {device!r}.")
    catalog = Catalog()
    kata, track_name, path = resolve_target(catalog, target, track, file)
    time_limit = timeout if timeout is not None else kata.time_limit
    stream = render.GradeStream(verbose)
    if not as_json:
        render.grade_header(GradeReport(kata.id, track_name, str(path), device), time_limit)

    def on_event(event: dict) -> None:
        if not as_json and event.get("event") == "check":
            from interviewkit.grading.result import CheckResult

            stream.check(CheckResult.from_json(event["result"]))

    try:
        report, printed = grade_in_child(kata.id, track_name, path, device, time_limit, on_event,
                                         memory_limit_mb=memory_limit)
    except UsageProblem as problem:
        fail_usage(str(problem))
    if report.checks and report.checks[-1].kind in ("timeout", "crash", "internal") and not as_json:
        stream.check(report.checks[-1])
    _, store = workspace_store()
    store.record_grade(
        kata=kata.id, track=track_name, path=path, passed=report.passed,
        checks_passed=sum(check.passed for check in report.checks), checks_total=len(report.checks),
        duration_s=report.duration_s, device=device, failing_checks=[check.name for check in report.failing],
    )
    if as_json:
        sys.stdout.write(json.dumps(report.to_json()) + "\n")
    else:
        render.grade_summary(report, printed, verbose)
    raise typer.Exit(0 if report.passed else 1)


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
    if show_all:
        for position, each in enumerate(hints, start=1):
            render.hint(chosen_kata, each, position, len(hints), None)
            store.record_hint(chosen_kata.id, each.id)
        return
    last = store.last_grade(chosen_kata.id)
    failing = last.failing_checks if last and not last.passed else []
    chosen, tied_to = next_hint(hints, store.revealed_hints(chosen_kata.id), failing)
    if chosen is None:
        render.note(f"Every hint for {chosen_kata.id} is revealed (`kit hint {chosen_kata.id} --all` shows them "
                    f"again). Still stuck? `kit solution {chosen_kata.id}` shows the reference.")
        return
    store.record_hint(chosen_kata.id, chosen.id)
    render.hint(chosen_kata, chosen, hints.index(chosen) + 1, len(hints), tied_to)


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
    store.record_solution(chosen.id, track_name)
    render.solution(chosen, track_name, chosen.track(track_name).reference.read_text(encoding="utf-8"))


def main() -> None:
    app()
