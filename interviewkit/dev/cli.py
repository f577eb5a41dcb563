"""`kit dev`: the commands for kata authors. Thin: parse, call interviewkit.dev, render. Nothing here
imports torch: `kit` imports this module on every start."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from interviewkit import language_cli, render
from interviewkit.catalog import Catalog, Kata
from interviewkit.usage import fail_usage, load_kata

dev_app = language_cli.Typer(help="For kata authors: scaffold a kata and prove it.", no_args_is_help=True)

RootOption = Annotated[Optional[Path], typer.Option(
    "--root", envvar="KIT_CONTENT_ROOT", file_okay=False,
    help="The folder holding katas/, graders/, reference_solutions/ and tests/candidates/ "
         "(default: kit's own).")]
KataArgument = Annotated[Optional[str], typer.Argument(help="The kata's id, e.g. softmax.")]
AllOption = Annotated[bool, typer.Option("--all", help="Every kata of the catalogue.")]


def open_catalog(root: Path | None) -> Catalog:
    if root is None:
        return Catalog()
    # Grading asks content_root() where the graders live (pytest's rootdir, what the sandbox protects):
    # the variable makes it agree with --root, here and in the processes that grade mutants.
    os.environ["KIT_CONTENT_ROOT"] = str(root.resolve())
    return Catalog(root.resolve())


def chosen_katas(catalog: Catalog, kata: str | None, every: bool) -> list[Kata]:
    if every == (kata is not None):
        fail_usage("name one kata (`kit dev check softmax`) or pass --all, not both and not neither.")
    for problem in catalog.problems():
        render.error(f"a kata could not be read: {problem}")
    if every:
        return catalog.katas()
    return [load_kata(catalog, kata)]


@dev_app.command("check")
def check_command(
    kata: KataArgument = None,
    every: AllOption = False,
    no_mutation: Annotated[bool, typer.Option(
        "--no-mutation", help="Skip the mutation score (the slow part).")] = False,
    recompute_mutants: Annotated[bool, typer.Option(
        "--recompute-mutants", help="Grade every mutant again, even where a record's fingerprint matches.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Mutants graded at once.")] = 1,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print the mutation table as Markdown, for the README's catalogue.")] = False,
    root: RootOption = None,
) -> None:
    """Prove a kata: its reference, stub, right_/wrong_/forbidden_ files, tolerances and mutation score."""
    from interviewkit.dev import report as output
    from interviewkit.dev.check import Options, check

    if markdown and no_mutation:
        fail_usage("--markdown prints the mutation table, which --no-mutation skips: drop one of them.")
    catalog = open_catalog(root)
    katas = chosen_katas(catalog, kata, every)
    options = Options(mutation=not no_mutation, recompute_mutants=recompute_mutants, jobs=jobs)

    def show(report) -> None:
        render.console.print(output.proof_table(report))
        for problem in output.problems(report):
            render.console.print(f"  [red]✗[/] {escape(problem)}")

    with render.console.status("proving…") as status:
        def progress(kata_id: str, track: str, done: int, total: int) -> None:
            status.update(f"grading the mutants of {kata_id} / {track}: {done} of {total}")

        reports = check(katas, options, show, progress)
    if options.mutation and (every or markdown):
        if markdown:
            sys.stdout.write(output.mutation_markdown(reports) + "\n")
        else:
            render.console.print(output.mutation_table(reports))
    render.console.print(output.summary(reports))
    failed = any(not report.ok for report in reports) or bool(every and catalog.problems())
    raise typer.Exit(1 if failed else 0)


@dev_app.command("manifest")
def manifest_command(kata: KataArgument = None, every: AllOption = False, root: RootOption = None) -> None:
    """Write the kata's case manifest (the cases its grader runs), which `kit dev check` keeps current."""
    from interviewkit.dev.manifest import ManifestError, write_manifest

    failed = False
    for chosen in chosen_katas(open_catalog(root), kata, every):
        try:
            render.note(f"{chosen.id}: wrote {escape(str(write_manifest(chosen)))}")
        except ManifestError as problem:
            render.error(f"{chosen.id}: its graders do not collect, so no manifest was written: {problem}")
            failed = True
    raise typer.Exit(1 if failed else 0)


@dev_app.command("new")
def new_command(
    kata: Annotated[str, typer.Argument(help="The new kata's id: lowercase snake_case, e.g. rms_norm.")],
    tracks: Annotated[str, typer.Option(help="The tracks to scaffold, comma-separated.")] = "numpy,torch",
    title: Annotated[Optional[str], typer.Option(help="A one-line title (default: from the id).")] = None,
    root: RootOption = None,
) -> None:
    """Scaffold every file of a new kata, each marked TODO; `kit dev check ID` then says what is left."""
    from interviewkit.dev.new import ScaffoldError, scaffold

    try:
        chosen = [name.strip() for name in tracks.split(",") if name.strip()]
        written = scaffold(open_catalog(root), kata, chosen, title)
    except ScaffoldError as problem:
        fail_usage(str(problem))
    render.note(f"Scaffolded kata '{written.kata}' in {escape(str(written.root))}:")
    for path in written.files:
        render.note(f"  {escape(str(path.relative_to(written.root)))}")
    render.note(f"Next: fill in every TODO (`kit dev check {written.kata}` lists them), write the grader's cases "
                f"and oracle, run `kit dev manifest {written.kata}`, then `kit dev check {written.kata}` until "
                "every proof holds.")
