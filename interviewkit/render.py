"""Rich output: tables, statements, hints, solutions, the mock dashboard (a grade's screen: grade_screen.py)."""
from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.panel import Panel
from rich.table import Table

from interviewkit.catalog import Catalog, Hint, Kata
from interviewkit.durations import duration

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


def untranslated_note(kata: Kata, name: str) -> None:
    """One line where a text is shown in English although kit speaks another language."""
    from interviewkit import language

    if name in kata.untranslated():
        console.print(f"[dim]({name} of {kata.id} is shown in English: it has no current {language.current} "
                      "translation yet.)[/]")


def error(message: str) -> None:
    errors.print(f"[bold red]error:[/] {escape(message)}")


def error_note(message: str) -> None:
    """A warning on stderr: it never mixes with `--json` output."""
    errors.print(f"[yellow]note:[/] {escape(message)}")


def note(message: str) -> None:
    console.print(message)


# Columns whose words a narrow terminal must not cut: the id is what the user types next.
UNBROKEN = {"kata", "difficulty", "attempts", "score"}


def statement(kata: Kata, catalog: Catalog, written: str | None = None) -> None:
    """The statement; it ends by saying how to start, or, given the stub already `written` (a mock
    interview writes them), where it is."""
    from rich.markdown import Markdown

    from interviewkit.contract import block

    facts = (f"[bold]{escape(kata.title)}[/]  ·  [{DIFFICULTY_STYLE[kata.difficulty]}]{kata.difficulty}[/]"
             f"  ·  about {kata.minutes} min  ·  tracks: {', '.join(kata.tracks)}  ·  tags: {', '.join(kata.tags)}")
    console.print(Panel(facts, title=kata.id, title_align="left"))
    # One Markdown for both: the numeric contract (with each track's forbidden names) ends the statement.
    console.print(Markdown(kata.statement().rstrip() + "\n\n" + block(kata)))
    untranslated_note(kata, "statement.md")
    if written:
        console.print(f"\nYour file: [bold]{escape(written)}[/]")
        return
    console.print(f"\nStart with: [bold]kit new {kata.id}[/] (tracks: {', '.join(kata.tracks)}; "
                  f"--track to choose, {kata.default_track} by default)")


def hint(kata: Kata, chosen: Hint, position: int, total: int, tied_to: str | None,
         skipped: list[int] = ()) -> None:
    """A hint in a panel; `skipped`: the numbers of the lower hints still hidden that it jumped over."""
    from rich.markdown import Markdown

    title = f"hint {position} of {total} · {chosen.tier}"
    if tied_to:
        title += f" · for the failing check {tied_to}"
    console.print(Panel(Markdown(chosen.text), title=escape(title), title_align="left"))
    untranslated_note(kata, "hints.toml")
    if skipped:
        console.print(f"[dim]Chosen for your failing check, ahead of hint {', '.join(map(str, skipped))}: "
                      f"`kit hint {kata.id}` again goes back to {'it' if len(skipped) == 1 else 'them'}.[/]")


def solution(kata: Kata, track: str, code: str) -> None:
    from rich.syntax import Syntax

    # Code is wrapped, never cut: a narrow terminal shows every character of the reference.
    console.print(Panel(Syntax(code, "python", line_numbers=True, word_wrap=True),
                        title=f"{kata.id} · {track} reference", title_align="left"))
    explanation = kata.explanation()
    if explanation:
        markdown(explanation)
        untranslated_note(kata, "explanation.md")


def markdown(text: str) -> None:
    from rich.markdown import Markdown

    console.print(Markdown(text))


def dashboard(session, states, now: float, live: bool = False) -> Panel:
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
    how = "save a file to grade it" if live else "kit grade FILE to grade"
    title = f"mock interview {session.id} · [{style}]{clock(left)} left[/] · {how}"
    return Panel(table, title=title, title_align="left", subtitle="Ctrl-C leaves the session running",
                 subtitle_align="right")


def stats_tables(katas, progress, hints, sessions, streak_days: int, chart: str, due=()) -> None:
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
    if due:
        console.print(f"due for review ([bold]kit next --review[/]): " + "; ".join(
            f"[bold]{entry.kata}[/] ({escape(', '.join(entry.reasons))})" for entry in due))
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
