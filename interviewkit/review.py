"""What to practise again: katas that went badly (failed, hinted, solution viewed, slow, never passed)
come back after a spacing interval that grows with each clean pass since (a Leitner schedule:
1, 3, 7, 14, then 30 days). `kit next --review` shows the most overdue; `kit stats` lists what is due."""
from __future__ import annotations

from dataclasses import dataclass, field

import time

from interviewkit import render
from interviewkit.catalog import Catalog, Kata
from interviewkit.durations import duration
from interviewkit.messages import _, ngettext
from interviewkit.progress import Store
from interviewkit.render import escape

SPACING_DAYS = (1, 3, 7, 14, 30)
SLOW = 1.5  # a pass that took this many times the kata's stated minutes is worth a review
DAY = 86400.0


@dataclass
class Review:
    kata: str
    reasons: list[str]
    due_at: float
    last_at: float


@dataclass
class _History:
    failures: int = 0
    hints: int = 0
    solution_viewed: bool = False
    passed: bool = False
    last_weak_at: float = 0.0   # the last failure, hint or viewed solution
    last_at: float = 0.0
    clean_days: set[str] = field(default_factory=set)  # days with a pass after the last weak moment


def reviews(store: Store, katas: list[Kata], now: float) -> list[Review]:
    """Every kata worth practising again, the most overdue first (due_at <= now: due)."""
    histories = _histories(store)
    progress = store.progress()
    found = []
    for kata in katas:
        history = histories.get(kata.id)
        if history is None:
            continue
        reasons = _reasons(kata, history, progress[kata.id].best_time_s if kata.id in progress else None)
        if not reasons:
            continue
        interval = SPACING_DAYS[min(len(history.clean_days), len(SPACING_DAYS) - 1)]
        found.append(Review(kata.id, reasons, history.last_at + interval * DAY, history.last_at))
    return sorted(found, key=lambda review: review.due_at)


def _reasons(kata: Kata, history: _History, best_time_s: float | None) -> list[str]:
    reasons = []
    if not history.passed:
        reasons.append(_("not passed yet"))
    if history.failures:
        reasons.append(ngettext("failed {count} time", "failed {count} times", history.failures).format(
            count=history.failures))
    if history.hints:
        reasons.append(ngettext("{count} hint", "{count} hints", history.hints).format(count=history.hints))
    if history.solution_viewed:
        reasons.append(_("solution viewed"))
    if best_time_s is not None and best_time_s > SLOW * kata.minutes * 60:
        reasons.append(_("took {time} (about {minutes} min expected)").format(
            time=duration(best_time_s), minutes=kata.minutes))
    return reasons


def _histories(store: Store) -> dict[str, _History]:
    events = [(grade.at, grade.kata, "pass" if grade.passed else ("fail" if grade.failing_checks else "stub"))
              for grade in store.grades()]
    events += [(at, kata, "hint") for at, kata in store.hint_times()]
    events += [(at, kata, "solution") for at, kata in store.solution_times()]
    histories: dict[str, _History] = {}
    for at, kata, what in sorted(events):
        history = histories.setdefault(kata, _History())
        history.last_at = max(history.last_at, at)
        if what == "stub":  # an untouched stub graded says nothing about the candidate
            continue
        if what == "pass":
            history.passed = True
            if at >= history.last_weak_at:
                history.clean_days.add(_day(at))
            continue
        history.failures += what == "fail"
        history.hints += what == "hint"
        history.solution_viewed |= what == "solution"
        history.last_weak_at = at
        history.clean_days.clear()
    return histories


def _day(at: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(at))


def show_next_review(catalog: Catalog, store: Store | None) -> None:
    """`kit next --review`: the most overdue kata, or when the next one comes back."""
    found = reviews(store, catalog.katas(), time.time()) if store else []
    now = time.time()
    due = [entry for entry in found if entry.due_at <= now]
    if not due:
        wait = found[0].due_at - now if found else 0.0
        later = _("{days} days").format(days=f"{wait / DAY:.0f}") if wait >= 2 * DAY else duration(wait)
        upcoming = _(" The next comes back in {later}: {kata}.").format(later=later, kata=found[0].kata) if found else ""
        render.note(_("Nothing is due for review.") + (upcoming or _(" Every kata you practised went cleanly: "
                                                                      "`kit next` continues the path.")))
        return
    chosen = due[0]
    kata = catalog.get(chosen.kata)
    render.console.print(_("Due for review ({count} in all):").format(count=len(due)) + f" [bold]{kata.id}[/] · "
                         f"{escape(kata.shown_title)} · {escape(_(', ').join(chosen.reasons))}")
    render.console.print(_("Start afresh with [bold]kit new {kata} --dir review[/], and grade it without hints.")
                         .format(kata=kata.id))
