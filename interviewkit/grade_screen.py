"""A grade on the screen: one line per check as it ends, the first failure in full and one line for
each later one, a progress line while a check runs, and the summary."""
from __future__ import annotations

import time

from rich.cells import cell_len
from rich.live import Live
from rich.padding import Padding
from rich.text import Text

from interviewkit import render, wide
from interviewkit.durations import duration
from interviewkit.grading.run.result import CONTRACT_CHECK, CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind
from interviewkit.messages import _, ngettext
from interviewkit.render import escape, visible


class GradeStream:
    """Prints one line per check as the grader reports it. The first failure gets its whole message;
    later ones one line each (every one in full when verbose), so that a wrong solution's grade fits
    a screen and starts with what to fix first."""

    def __init__(self, verbose: bool, expected: int | None = None, causes: dict[str, str] | None = None):
        self.verbose = verbose
        self.causes = causes or {}  # the kata's [causes]: the clause for a failure's diagnosed cause
        self.expected = expected  # how many checks the grade has, from the kata's manifest
        self._running: str | None = None
        self._began = time.monotonic()
        self._live: Live | None = None
        self._last_message = None
        self._last_note = None
        self.failures = 0
        self.condensed = 0  # failures shown on one line
        self.shown: list[tuple[str, str]] = []  # (name, message) of every check printed

    def check(self, result: CheckResult) -> None:
        self.shown.append((result.name, result.message))
        self._running = None
        if result.passed:
            if result.ratio is not None or not result.message or result.name == CONTRACT_CHECK:
                note = f"  [dim]{escape(result.message)}[/]" if result.ratio is not None else ""
                render.console.print(f"  [green]✓[/] {escape(result.name)}{note}")
            elif result.message == self._last_note and not self.verbose:
                render.console.print(f"  [green]✓[/] {escape(result.name)} [dim]" + _("(with the same note)") + "[/]")
            else:  # passed with a note a user should read (a float64 result for float32 input)
                render.console.print(f"  [green]✓[/] {escape(result.name)}")
                _block("[yellow]" + _("note:") + f"[/] {escape(result.message)}")
            self._last_note = result.message
            return
        self.failures += 1
        if self.failures > 1 and not self.verbose:
            self._one_line(result)
            return
        if result.message == self._last_message:
            render.console.print(f"  [red]✗ {escape(result.name)}[/] [dim]" + _("(same as above)") + "[/]")
            return
        render.console.print(f"  [red]✗ {escape(result.name)}[/]")
        self._last_message = result.message
        for line in result.message.splitlines():
            _block(escape(line))
        if result.cause in self.causes:
            _block(f"[yellow]{escape(self.causes[result.cause])}[/]")
        if result.case:
            _block(f"[dim]{escape(result.case)}[/]")
        if self.verbose and result.snippet:
            _block("[dim]" + _("rebuild the input:") + "[/]")
            for line in result.snippet.splitlines():
                _block(f"[cyan]{escape(line)}[/]", indent=8, verbatim=True)
        self._printed(result.output)

    def start_progress(self) -> None:
        """On a terminal, a line below the checks says which one runs and for how long."""
        if render.console.is_terminal:
            self._live = Live(self, console=render.console, transient=True, refresh_per_second=4)
            self._live.start()

    def stop_progress(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def running(self, name: str) -> None:
        self._running = name

    def __rich__(self) -> Text:
        position = len(self.shown) + 1
        of = f"/{max(self.expected, position)}" if self.expected else ""
        running = f" {visible(self._running)}" if self._running else ""
        check = _("check {position}").format(position=f"{position}{of}")
        line = f"  … {check}{running} · {duration(time.monotonic() - self._began)}"
        return Text(_cut(line, render.console.width), style="dim")

    def _one_line(self, result: CheckResult) -> None:
        """`✗ name  first line of the message`, the message cut to the width with a mark."""
        self.condensed += 1
        line = Text("  ✗ " + visible(result.name), style="red")
        first = wide.joined(visible(result.message.splitlines()[0])) if result.message.strip() else ""
        if result.message == self._last_message:
            first = _("(same as the first)")
        room = render.console.width - line.cell_len - 2
        if first and room < 20:  # a long name: the message goes below it
            render.console.print(line, soft_wrap=True)
            line, room = Text("      "), render.console.width - 6
        if first:
            line.append(("  " if line.plain.strip() else "") + _cut(first, room), style="dim")
        render.console.print(line, soft_wrap=True)

    def _printed(self, output: str) -> None:
        lines = output.rstrip().splitlines()
        if not lines:
            return
        if not self.verbose:
            _block("[dim]" + ngettext("your code printed {count} line (-v shows them)",
                                      "your code printed {count} lines (-v shows them)",
                                      len(lines)).format(count=len(lines)) + "[/]")
            return
        shown = lines[-10:]
        printed = _("your code printed (the last 10 of {count}):").format(count=len(lines)) if len(lines) > len(shown) \
            else _("your code printed:")
        _block(f"[dim]{printed}[/]")
        for line in shown:
            _block(escape(line), indent=8, verbatim=True)


def _block(markup: str, indent: int = 6, verbatim: bool = False) -> None:
    """A line of a check's report, indented under the check, and its wrapped rest indented too (not
    back at the screen's left edge, where it would read as a line of its own). kit's own words are
    `joined`; code and what the candidate printed are shown `verbatim`."""
    text = Text.from_markup(markup if verbatim else wide.joined(markup))
    render.console.print(Padding(text, (0, 0, 0, indent), expand=False))


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending with a mark when it was cut."""
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


def grade_header(kata: str, track: str, file: str, device: str, time_limit: float) -> None:
    where = (_("{track} track on {device}") if track == "torch" else _("{track} track")).format(track=track, device=device)
    render.console.print(f"[bold]kit grade {kata}[/] ({where}) · {escape(file)} "
                         "[dim]· " + _("time limit {seconds} s").format(seconds=f"{time_limit:g}") + "[/]")


def grade_summary(report: GradeReport, printed: str, verbose: bool, in_mock: bool = False,
                  expected: int | None = None) -> None:
    total = len(report.checks)
    failing = report.failing
    took = _("{seconds} s").format(seconds=f"{report.duration_s:.1f}")
    if not failing:
        # In a mock interview, viewing the reference scores the kata zero: do not suggest it there.
        after = _("On to the next kata: [bold]kit mock status[/]") if in_mock else \
            _("Compare with the reference: [bold]kit solution {kata}[/]").format(kata=report.kata)
        render.console.print(_("[bold green]✓ all {total} checks passed[/] in {took}.").format(total=total, took=took)
                             + f" {after}")
        return
    if all(check.kind == Kind.NOT_IMPLEMENTED for check in failing):
        render.console.print(_("[bold yellow]{kata} is not implemented yet[/]: fill in the stub in {file}, then run "
                               "[bold]kit grade[/] again.").format(kata=report.kata, file=escape(report.file)))
        return
    last = report.checks[-1]
    if last.kind == Kind.TIMEOUT:  # the checks after it never ran: "1 of 2 failed" would mislead
        stopped = _("[bold red]✗ stopped at check {position} of {expected}: the time limit ran out[/] after {took}.") \
            if expected else _("[bold red]✗ stopped at check {position}: the time limit ran out[/] after {took}.")
        render.console.print(stopped.format(position=total, expected=max(expected or 0, total), took=took) + " "
                             + _("Fix and run [bold]kit grade[/] again; stuck? [bold]kit hint {kata}[/]")
                             .format(kata=report.kata))
        return
    failed = (_("[bold red]✗ {failed} of {total} checks failed[/] in {took}.") if verbose or len(failing) == 1 else
              _("[bold red]✗ {failed} of {total} checks failed[/] (the first in full: -v shows every one) in {took}."))
    render.console.print(failed.format(failed=len(failing), total=total, took=took) + " "
                         + _("Fix and run [bold]kit grade[/] again; stuck? [bold]kit hint {kata}[/]").format(kata=report.kata)
                         + ("" if verbose else _("; -v shows the code that rebuilds a failing input.")))
    if verbose and printed.strip():
        render.console.print("[dim]" + _("output of the grading process:") + "[/]")
        render.console.print(escape(printed.rstrip()[-3000:]))


def run_step(result: CheckResult) -> None:
    """One step of `kit run`: its call, then both results in full, whatever the outcome."""
    mark = "[green]✓[/]" if result.passed else "[red]✗[/]"
    render.console.print(f"  {mark} {escape(result.name)}")
    if result.name != CONTRACT_CHECK or not result.passed:
        for line in result.message.splitlines():
            render.console.print(f"      {escape(line)}")
    lines = result.output.rstrip().splitlines() if result.output else []
    if lines:
        render.console.print("      [dim]" + _("your code printed:") + "[/]")
        for line in lines[-20:]:
            render.console.print(f"        {escape(line)}")
