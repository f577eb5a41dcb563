"""Rich and Markdown output for `kit dev check`: a table per kata-track, what to do about each failed
proof, and the mutation table the README's catalogue shows."""
from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.table import Table

from interviewkit.dev.check import Report

MUTATION_COLUMNS = ("kata", "track", "mutants", "killed", "equivalent", "score")


def proof_table(report: Report) -> Table:
    holds = "[green]✓ holds[/]" if report.ok else "[red]✗ fails[/]"
    table = Table(title=f"{escape(report.title)}  {holds}", title_justify="left", box=box.SIMPLE_HEAD)
    # The proof's name wraps in a narrow terminal; the verdict and the figures never shrink away.
    table.add_column("proof", overflow="fold")
    table.add_column("", no_wrap=True, min_width=1)
    # Only the columns some row fills: the kata-wide proofs have no figures, --no-mutation no mutants.
    columns = {"seeds": lambda row: figure(row.seeds), "files": lambda row: figure(row.files),
               "tolerance": lambda row: "" if row.share is None else f"{row.share:.2g}",
               "mutants": lambda row: escape(row.mutants)}
    shown = {name: cell for name, cell in columns.items() if any(cell(row) for row in report.rows)}
    for column in shown:
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for row in report.rows:
        verdict = "[green]✓[/]" if row.ok else "[red]✗[/]"
        table.add_row(escape(row.proof), verdict, *(cell(row) for cell in shown.values()))
    return table


def figure(number: int | None) -> str:
    return "" if number is None else str(number)


def problems(report: Report) -> list[str]:
    """Each failed proof's messages, prefixed with where they come from."""
    return [f"{report.title}: {row.proof}: " + message.replace("\n", "\n    ")
            for row in report.rows if not row.ok for message in row.problems]


def score_text(result) -> str:
    return f"{result.score:.0%}"


def mutation_rows(reports: list[Report]) -> list[tuple[str, ...]]:
    return [(report.kata, report.track, str(report.mutation.total), str(report.mutation.killed),
             str(len(report.mutation.equivalent)), score_text(report.mutation))
            for report in reports if report.mutation is not None]


def mutation_table(reports: list[Report]) -> Table:
    table = Table(title="mutation score: every mutant that is not equivalent must be killed", title_justify="left")
    for column in MUTATION_COLUMNS:
        table.add_column(column, no_wrap=True, min_width=len(column),
                         justify="left" if column in ("kata", "track") else "right")
    for row in mutation_rows(reports):
        table.add_row(*row)
    return table


def mutation_markdown(reports: list[Report]) -> str:
    lines = ["| " + " | ".join(MUTATION_COLUMNS) + " |",
             "|" + "|".join("---" if column in ("kata", "track") else "---:" for column in MUTATION_COLUMNS) + "|"]
    for kata, track, *figures in mutation_rows(reports):
        lines.append(f"| `{kata}` | {track} | " + " | ".join(figures) + " |")
    return "\n".join(lines)


def summary(reports: list[Report]) -> str:
    failed = [report.title for report in reports if not report.ok]
    katas = len({report.kata for report in reports})
    if not failed:
        return f"[green]Every proof holds[/] for {katas} kata{'s' * (katas != 1)}."
    return (f"[red]{len(failed)} of {len(reports)} proof sets fail[/] ({escape(', '.join(failed))}). "
            "Fix what is listed above, then run `kit dev check` again.")
