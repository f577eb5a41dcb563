"""Rich output: tables, statements, hints, solutions, the mock dashboard (a grade's screen: grade_screen.py)."""
from __future__ import annotations

import re

from rich.console import Console, Group
from rich.markup import escape as escape_markup
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interviewkit import wide
from interviewkit.catalog import Catalog, Hint, Kata
from interviewkit.durations import duration
from interviewkit.messages import N_, _, ngettext

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


wide.install()  # Rich breaks Chinese lines between characters too, not only at spaces
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

STATUS_STYLE = {N_("new"): "dim", N_("attempted"): "yellow", N_("passed"): "green"}
DIFFICULTY_STYLE = {N_("easy"): "green", N_("medium"): "yellow", N_("hard"): "red"}


def tags(kata: Kata) -> str:
    """The kata's tags in kit's language (katas/*/kata.toml's tags are in the catalogue too)."""
    return _(", ").join(_(tag) for tag in kata.tags)


def heading(table: Table, columns, **options) -> None:
    """Columns named in kit's language (`columns` are the English names, UNBROKEN's kept whole); a
    cell wider than its column is folded onto more lines, never cut with `…`."""
    for column in columns:
        table.add_column(_(column), no_wrap=column in UNBROKEN, overflow="fold", **options)


def untranslated_note(kata: Kata, name: str) -> None:
    """One line where a text is shown in English although kit speaks another language."""
    from interviewkit import language

    if name in kata.untranslated():
        console.print("[dim]" + _("({name} of {kata} is shown in English: it has no current {language} translation "
                                  "yet.)").format(name=name, kata=kata.id, language=language.current) + "[/]")


def error(message: str) -> None:
    errors.print("[bold red]" + _("error:") + f"[/] {escape(message)}")


def error_note(message: str) -> None:
    """A warning on stderr: it never mixes with `--json` output."""
    errors.print("[yellow]" + _("note:") + f"[/] {escape(message)}")


def note(message: str) -> None:
    console.print(message)


# Columns whose words a narrow terminal must not cut: the id is what the user types next.
UNBROKEN = {"kata", "difficulty", "attempts", "score"}


def statement(kata: Kata, catalog: Catalog, written: str | None = None) -> None:
    """The statement; it ends by saying how to start, or, given the stub already `written` (a mock
    interview writes them), where it is."""
    from rich.markdown import Markdown

    from interviewkit.contract import block

    facts = (f"[bold]{escape(kata.shown_title)}[/]  ·  [{DIFFICULTY_STYLE[kata.difficulty]}]{_(kata.difficulty)}[/]"
             "  ·  " + _("about {minutes} min").format(minutes=kata.minutes) + "  ·  "
             + _("tracks: {tracks}").format(tracks=", ".join(kata.tracks)) + "  ·  "
             + _("tags: {tags}").format(tags=tags(kata)))
    console.print(titled(facts, kata.id))
    # One Markdown for both: the numeric contract (with each track's forbidden names) ends the statement.
    console.print(Markdown(kata.statement().rstrip() + "\n\n" + block(kata)))
    untranslated_note(kata, "statement.md")
    untranslated_note(kata, "kata.toml")  # the title and the notes of "How this kata is graded"
    if written:
        console.print("\n" + _("Your file: [bold]{file}[/]").format(file=escape(written)))
        return
    console.print("\n" + _("Start with: [bold]kit new {kata}[/] (tracks: {tracks}; --track to choose, {default} by "
                            "default)").format(kata=kata.id, tracks=", ".join(kata.tracks), default=kata.default_track))


def titled(body, title: str, **options) -> Panel:
    """A panel titled on its top border where the title fits there, else on the panel's first line:
    a border shows only what fits, and a title is never cut."""
    if Text.from_markup(title).cell_len + 6 <= console.width:
        return Panel(body, title=title, title_align="left", **options)
    return Panel(Group(Text.from_markup(title, style="bold"), body), **options)


def hint(kata: Kata, chosen: Hint, position: int, total: int, tied_to: str | None,
         skipped: list[int] = (), because: str = "") -> None:
    """A hint in a panel; `skipped`: the numbers of the lower hints still hidden that it jumped over;
    `because`: what the failing check was diagnosed as, when the hint was chosen for that cause."""
    from rich.markdown import Markdown

    title = _("hint {position} of {total}").format(position=position, total=total) + f" · {_(chosen.tier)}"
    if tied_to:
        title += " · " + _("for the failing check {check}").format(check=tied_to)
    if because:
        title += " · " + _("diagnosed: {cause}").format(cause=because)
    console.print(titled(Markdown(chosen.text), escape(title)))
    untranslated_note(kata, "hints.toml")
    if skipped:
        console.print("[dim]" + ngettext("Chosen for your failing check, ahead of hint {hints}: `kit hint {kata}` again "
                                         "goes back to it.",
                                         "Chosen for your failing check, ahead of hint {hints}: `kit hint {kata}` again "
                                         "goes back to them.", len(skipped)).format(
            hints=", ".join(map(str, skipped)), kata=kata.id) + "[/]")


def solution(kata: Kata, track: str, code: str) -> None:
    from rich.syntax import Syntax

    # Code is wrapped, never cut: a narrow terminal shows every character of the reference.
    console.print(titled(Syntax(code, "python", line_numbers=True, word_wrap=True),
                         f"{kata.id} · " + _("{track} reference").format(track=track)))
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
    heading(table, (N_("kata"), N_("track"), N_("state"), N_("hints"), N_("file")))
    for state in states:
        if state.state == "passed":
            shown = "[green]" + _("passed at {time}").format(time=duration(state.passed_after_s)) + "[/]"
        elif state.state == "failing":
            shown = "[yellow]" + _("failing {failed} of {total} checks").format(
                failed=state.checks_total - state.checks_passed, total=state.checks_total) + "[/]"
        else:
            shown = "[dim]" + _("not started") + "[/]"
        if state.solution_viewed:
            shown += " [red]" + _("(solution viewed)") + "[/]"
        table.add_row(state.kata, state.track, shown, str(state.hints), escape(state.file.name))
    style = "red" if left < 300 else "bold"
    how = _("save a file to grade it") if live else _("kit grade FILE to grade")
    title = (_("mock interview {session}").format(session=session.id) + f" · [{style}]"
             + _("{clock} left").format(clock=clock(left)) + f"[/] · {how}")
    return titled(table, title, subtitle=_("Ctrl-C leaves the session running"), subtitle_align="right")


def stats_tables(katas, progress, hints, sessions, streak_days: int, chart: str, due=()) -> None:
    table = Table(title=_("your practice"), title_justify="left")
    heading(table, (N_("kata"), N_("difficulty"), N_("attempts"), N_("passed"), N_("best time"), N_("hints")))
    for kata in katas:
        entry = progress.get(kata.id)
        if entry is None and not hints.get(kata.id):
            continue
        passed = ", ".join(sorted(entry.passed_tracks)) if entry and entry.passed_tracks else "-"
        table.add_row(kata.id, _(kata.difficulty), str(entry.attempts if entry else 0), passed,
                      duration(entry.best_time_s if entry else None), str(hints.get(kata.id, 0)))
    console.print(table)
    for label, key in ((N_("tag"), lambda kata: kata.tags), (N_("difficulty"), lambda kata: (kata.difficulty,))):
        totals = Table(title=_("by tag") if label == "tag" else _("by difficulty"), title_justify="left")
        heading(totals, (label, N_("passed"), N_("attempted"), N_("katas"), N_("attempts")))
        groups: dict[str, list] = {}
        for kata in katas:
            for value in key(kata):
                groups.setdefault(value, []).append(kata)
        for value, members in sorted(groups.items()):
            entries = [progress.get(kata.id) for kata in members]
            totals.add_row(_(value), str(sum(1 for e in entries if e and e.passed_tracks)),
                           str(sum(1 for e in entries if e and e.attempts)), str(len(members)),
                           str(sum(e.attempts for e in entries if e)))
        console.print(totals)
    console.print(ngettext("practice streak: [bold]{days}[/] day", "practice streak: [bold]{days}[/] days",
                           streak_days).format(days=streak_days))
    if due:
        console.print(_("due for review ([bold]kit next --review[/]): ") + "; ".join(
            f"[bold]{entry.kata}[/] ({escape(', '.join(entry.reasons))})" for entry in due))
    finished = [session for session in sessions if session.finished_at is not None]
    if finished:
        history = Table(title=_("mock interviews"), title_justify="left")
        heading(history, (N_("session"), N_("started"), N_("katas"), N_("score")))
        import time

        for session in finished:
            history.add_row(str(session.id), time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started_at)),
                            ", ".join(entry["kata"] for entry in session.katas), f"{session.score:g}")
        console.print(history)
        console.print(_("score trend: {chart}  (oldest to newest, out of 100)").format(chart=chart))
