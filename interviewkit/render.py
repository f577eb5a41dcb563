"""Rich output: tables, statements, grade lines and summaries, hints, solutions."""
from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.panel import Panel
from rich.table import Table

from interviewkit.catalog import Catalog, Hint, Kata
from interviewkit.durations import duration
from interviewkit.grading.run.result import CONTRACT_CHECK, CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind

# Control characters, and the bidirectional overrides that reorder what a line shows ("Trojan
# source"): a candidate's message or print could clear the screen, retitle the terminal or hide
# text. They are shown as escapes instead; newlines and tabs stay.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character written as an escape (\\x1b), safe to print."""
    return UNSAFE.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100
                      else f"\\u{ord(match.group()):04x}", text)


def escape(text: str) -> str:
    """Rich markup escaped, and control characters made visible: for anything a candidate wrote."""
    return escape_markup(visible(text))


console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

STATUS_STYLE = {"new": "dim", "attempted": "yellow", "passed": "green"}
DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}


def error(message: str) -> None:
    errors.print(f"[bold red]error:[/] {escape(message)}")


def note(message: str) -> None:
    console.print(message)


# Columns whose words a narrow terminal must not cut: the id is what the user types next.
UNBROKEN = {"kata", "difficulty", "attempts", "score"}


def statement(kata: Kata, catalog: Catalog) -> None:
    from rich.markdown import Markdown

    from interviewkit.contract import block

    facts = (f"[bold]{escape(kata.title)}[/]  ·  [{DIFFICULTY_STYLE[kata.difficulty]}]{kata.difficulty}[/]"
             f"  ·  about {kata.minutes} min  ·  tracks: {', '.join(kata.tracks)}  ·  tags: {', '.join(kata.tags)}")
    console.print(Panel(facts, title=kata.id, title_align="left"))
    # One Markdown for both: the numeric contract (with each track's forbidden names) ends the statement.
    console.print(Markdown(kata.statement().rstrip() + "\n\n" + block(kata)))
    console.print(f"\nStart with: [bold]kit new {kata.id}[/] (tracks: {', '.join(kata.tracks)}; "
                  f"--track to choose, {kata.default_track} by default)")


class GradeStream:
    """Prints one line per check as the child reports it; a failure gets its message below."""

    def __init__(self, verbose: bool):
        self.verbose = verbose
        self._last_message = None
        self._last_note = None
        self.shown: list[tuple[str, str]] = []  # (name, message) of every check printed

    def check(self, result: CheckResult) -> None:
        self.shown.append((result.name, result.message))
        if result.passed:
            if result.ratio is not None or not result.message or result.name == CONTRACT_CHECK:
                note = f"  [dim]{escape(result.message)}[/]" if result.ratio is not None else ""
                console.print(f"  [green]✓[/] {escape(result.name)}{note}")
            elif result.message == self._last_note and not self.verbose:
                console.print(f"  [green]✓[/] {escape(result.name)} [dim](with the same note)[/]")
            else:  # passed with a note a user should read (a float64 result for float32 input)
                console.print(f"  [green]✓[/] {escape(result.name)}")
                console.print(f"      [yellow]note:[/] {escape(result.message)}")
            self._last_note = result.message
            return
        if result.message == self._last_message and not self.verbose:
            console.print(f"  [red]✗ {escape(result.name)}[/] [dim](same as above)[/]")
            return
        console.print(f"  [red]✗ {escape(result.name)}[/]")
        self._last_message = result.message
        for line in result.message.splitlines():
            console.print(f"      {escape(line)}")
        if result.case:
            console.print(f"      [dim]{escape(result.case)}[/]")
        if self.verbose and result.snippet:
            console.print("      [dim]rebuild the input:[/]")
            for line in result.snippet.splitlines():
                console.print(f"        [cyan]{escape(line)}[/]")
        if self.verbose and result.output:
            console.print("      [dim]your code printed:[/]")
            for line in result.output.rstrip().splitlines()[-10:]:
                console.print(f"        {escape(line)}")


def grade_header(kata: str, track: str, file: str, device: str, time_limit: float) -> None:
    on = f" on {device}" if track == "torch" else ""
    console.print(f"[bold]kit grade {kata}[/] ({track} track{on}) · {escape(file)} "
                  f"[dim]· time limit {time_limit:g} s[/]")


def grade_summary(report: GradeReport, printed: str, verbose: bool, in_mock: bool = False) -> None:
    total = len(report.checks)
    failing = report.failing
    took = f"{report.duration_s:.1f} s"
    if not failing:
        # In a mock interview, viewing the reference scores the kata zero: do not suggest it there.
        after = "On to the next kata: [bold]kit mock status[/]" if in_mock else \
            f"Compare with the reference: [bold]kit solution {report.kata}[/]"
        console.print(f"[bold green]✓ all {total} checks passed[/] in {took}. {after}")
        return
    if all(check.kind == Kind.NOT_IMPLEMENTED for check in failing):
        console.print(f"[bold yellow]{report.kata} is not implemented yet[/]: fill in the stub in "
                      f"{escape(report.file)}, then run [bold]kit grade[/] again.")
        return
    console.print(f"[bold red]✗ {len(failing)} of {total} checks failed[/] in {took}. "
                  f"Fix and run [bold]kit grade[/] again; stuck? [bold]kit hint {report.kata}[/]"
                  + ("" if verbose else "; -v shows the code that rebuilds a failing input."))
    if verbose and printed.strip():
        console.print("[dim]output of the grading process:[/]")
        console.print(escape(printed.rstrip()[-3000:]))


def hint(kata: Kata, chosen: Hint, position: int, total: int, tied_to: str | None) -> None:
    from rich.markdown import Markdown

    title = f"hint {position} of {total} · {chosen.tier}"
    if tied_to:
        title += f" · for the failing check {tied_to}"
    console.print(Panel(Markdown(chosen.text), title=escape(title), title_align="left"))


def solution(kata: Kata, track: str, code: str) -> None:
    from rich.syntax import Syntax

    # Code is wrapped, never cut: a narrow terminal shows every character of the reference.
    console.print(Panel(Syntax(code, "python", line_numbers=True, word_wrap=True),
                        title=f"{kata.id} · {track} reference", title_align="left"))
    explanation = kata.explanation()
    if explanation:
        markdown(explanation)


def markdown(text: str) -> None:
    from rich.markdown import Markdown

    console.print(Markdown(text))


def dashboard(session, states, now: float) -> Panel:
    """The live view of a mock session: time left, and where each kata stands."""
    from interviewkit.mock import clock  # a countdown reads as a clock

    left = max(0.0, session.deadline - now)
    table = Table(expand=True)
    for column in ("kata", "track", "state", "hints", "file"):
        table.add_column(column, no_wrap=column in UNBROKEN)
    for state in states:
        if state.state == "passed":
            shown = f"[green]passed at {duration(state.passed_after_s)}[/]"
        elif state.state == "failing":
            shown = f"[yellow]failing {state.checks_total - state.checks_passed} of {state.checks_total} checks[/]"
        else:
            shown = "[dim]not started[/]"
        if state.solution_viewed:
            shown += " [red](solution viewed)[/]"
        table.add_row(state.kata, state.track, shown, str(state.hints), escape(state.file.name))
    style = "red" if left < 300 else "bold"
    title = f"mock interview {session.id} · [{style}]{clock(left)} left[/] · save a file to grade it"
    return Panel(table, title=title, title_align="left", subtitle="Ctrl-C leaves the session running",
                 subtitle_align="right")


def stats_tables(katas, progress, hints, sessions, streak_days: int, chart: str) -> None:
    table = Table(title="your practice", title_justify="left")
    for column in ("kata", "difficulty", "attempts", "passed", "best time", "hints"):
        table.add_column(column, no_wrap=column in UNBROKEN)
    for kata in katas:
        entry = progress.get(kata.id)
        if entry is None and not hints.get(kata.id):
            continue
        passed = ", ".join(sorted(entry.passed_tracks)) if entry and entry.passed_tracks else "-"
        table.add_row(kata.id, kata.difficulty, str(entry.attempts if entry else 0), passed,
                      duration(entry.best_time_s if entry else None), str(hints.get(kata.id, 0)))
    console.print(table)
    for label, key in (("tag", lambda kata: kata.tags), ("difficulty", lambda kata: (kata.difficulty,))):
        totals = Table(title=f"by {label}", title_justify="left")
        for column in (label, "passed", "attempted", "katas", "attempts"):
            totals.add_column(column, no_wrap=column in UNBROKEN)
        groups: dict[str, list] = {}
        for kata in katas:
            for value in key(kata):
                groups.setdefault(value, []).append(kata)
        for value, members in sorted(groups.items()):
            entries = [progress.get(kata.id) for kata in members]
            totals.add_row(value, str(sum(1 for e in entries if e and e.passed_tracks)),
                           str(sum(1 for e in entries if e and e.attempts)), str(len(members)),
                           str(sum(e.attempts for e in entries if e)))
        console.print(totals)
    console.print(f"practice streak: [bold]{streak_days}[/] day{'s' if streak_days != 1 else ''}")
    finished = [session for session in sessions if session.finished_at is not None]
    if finished:
        history = Table(title="mock interviews", title_justify="left")
        for column in ("session", "started", "katas", "score"):
            history.add_column(column, no_wrap=column in UNBROKEN)
        import time

        for session in finished:
            history.add_row(str(session.id), time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started_at)),
                            ", ".join(entry["kata"] for entry in session.katas), f"{session.score:g}")
        console.print(history)
        console.print(f"score trend: {chart}  (oldest to newest, out of 100)")
