"""Timed mock interviews: choosing katas, a session's state, its score and its report.

The session lives in the workspace's store; this module only reads and writes it, so a session
survives anything that happens to the process showing it."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

from interviewkit.catalog import Catalog, Kata
from interviewkit.durations import duration
from interviewkit.messages import _
from interviewkit.progress import GradeRecord, KataProgress, MockSession, Store

# The score, out of 100 (README.md states it the same way): every kata is worth 100 / K points,
# times a quality between 0 and 1.
HINT_COST = 0.10  # per hint revealed during the session
FAILED_ATTEMPT_COST = 0.05  # per failing grade before the first pass
PASSED_FLOOR = 0.30  # a passed kata keeps at least this share
UNPASSED_SHARE = 0.50  # an unpassed kata earns this share of its fraction of checks passed
SLOW_FACTOR = 0.90  # a pass slower than the kata's efficiency bound


class MockError(Exception):
    """A mock-interview request that cannot be met; the message says what to do instead."""


@dataclass
class KataState:
    kata: str
    title: str
    track: str
    file: Path
    attempts: int = 0
    failed_before_pass: int = 0
    checks_passed: int = 0
    checks_total: int = 0
    passed_after_s: float | None = None
    hints: int = 0
    solution_viewed: bool = False
    efficiency: float | None = None
    efficiency_bound: float | None = None
    points: float = 0.0

    @property
    def state(self) -> str:
        if self.passed_after_s is not None:
            return "passed"
        return "failing" if self.attempts else "not started"


def choose_katas(katas: list[Kata], progress: dict[str, KataProgress], *, minutes: float, count: int | None,
                 wanted: list[str], difficulty: str | None, tag: str | None, track: str | None,
                 seed: int) -> list[tuple[Kata, str]]:
    """Katas for a session: seeded, those not yet passed first, their suggested minutes fitting the time."""
    if wanted:
        chosen = []
        for kata in katas:
            if kata.id in wanted and (track is None or track in kata.tracks):
                chosen.append(kata)
        missing = set(wanted) - {kata.id for kata in chosen}
        if missing:
            raise MockError(_("no track {track} for {katas}").format(track=repr(track), katas=", ".join(sorted(missing)))
                            if track else _("unknown kata {katas}").format(katas=", ".join(sorted(missing))))
        chosen.sort(key=lambda kata: wanted.index(kata.id))
        return [(kata, track or kata.default_track) for kata in chosen]
    pool = [kata for kata in katas
            if (difficulty is None or kata.difficulty == difficulty) and (tag is None or tag in kata.tags)
            and (track is None or track in kata.tracks)]
    if not pool:
        raise MockError(_("no kata matches those filters; `kit list` shows what there is"))
    generator = random.Random(seed)
    generator.shuffle(pool)
    pool.sort(key=lambda kata: kata.id in progress and progress[kata.id].status == "passed")
    chosen, total = [], 0.0
    for kata in pool:
        if count is not None and len(chosen) == count:
            break
        if total + kata.minutes <= minutes:
            chosen.append(kata)
            total += kata.minutes
    if not chosen:
        shortest = min(pool, key=lambda kata: kata.minutes)
        raise MockError(_("no kata fits in {minutes} minutes (the shortest, {kata}, suggests {suggested}); give more "
                          "time with --minutes").format(minutes=f"{minutes:g}", kata=shortest.id,
                                                        suggested=shortest.minutes))
    return [(kata, track or kata.default_track) for kata in chosen]


def kata_states(session: MockSession, store: Store, catalog: Catalog) -> list[KataState]:
    """Where each kata of the session stands, from its counted grades, hints and viewed solutions."""
    grades = [grade for grade in store.grades(session.id) if grade.counted]
    hints = store.hint_counts(session.id)
    viewed = store.solutions_viewed(session.id)
    states = []
    for entry in session.katas:
        kata = catalog.get(entry["kata"])
        state = KataState(kata.id, kata.title, entry["track"], Path(entry["file"]), hints=hints.get(kata.id, 0),
                          solution_viewed=kata.id in viewed, efficiency_bound=kata.efficiency_bound)
        for grade in (g for g in grades if g.kata == kata.id and g.track == entry["track"]):
            _count(state, grade, session)
        state.points = points(state, len(session.katas))
        states.append(state)
    return states


def _count(state: KataState, grade: GradeRecord, session: MockSession) -> None:
    state.attempts += 1
    if state.passed_after_s is None:
        if grade.efficiency is not None or grade.passed:  # the last measured until the first pass, then the pass's
            state.efficiency = grade.efficiency
        if grade.passed:
            state.passed_after_s = grade.at - session.started_at
        else:
            state.failed_before_pass += 1
    if grade.checks_passed >= state.checks_passed:  # the best grade's checks
        state.checks_passed, state.checks_total = grade.checks_passed, grade.checks_total


def points(state: KataState, kata_count: int) -> float:
    share = 100.0 / kata_count
    if state.solution_viewed:
        return 0.0
    if state.passed_after_s is not None:
        quality = max(PASSED_FLOOR, 1.0 - HINT_COST * state.hints - FAILED_ATTEMPT_COST * state.failed_before_pass)
        slow = state.efficiency is not None and state.efficiency_bound is not None \
            and state.efficiency > state.efficiency_bound
        return share * quality * (SLOW_FACTOR if slow else 1.0)
    fraction = state.checks_passed / state.checks_total if state.checks_total else 0.0
    return share * max(0.0, UNPASSED_SHARE * fraction - HINT_COST * state.hints)


def score(states: list[KataState]) -> float:
    return round(sum(state.points for state in states), 1)


def active_session(store: Store, now: float | None = None) -> MockSession | None:
    now = time.time() if now is None else now
    return next((s for s in store.sessions() if s.finished_at is None and s.deadline > now), None)


def session_holding(store: Store, path: Path) -> MockSession | None:
    """The unfinished session whose folder holds `path` (its deadline may have passed)."""
    return next((s for s in store.sessions() if s.finished_at is None and s.holds(path)), None)


def finish(store: Store, catalog: Catalog, session: MockSession, now: float | None = None) -> str:
    """Ends the session (at its deadline at the latest), saves its report and returns it."""
    now = time.time() if now is None else now
    ended = min(now, session.deadline)
    states = kata_states(session, store, catalog)
    total = score(states)
    report = report_markdown(session, states, total, ended)
    session.folder.mkdir(parents=True, exist_ok=True)
    (session.folder / "report.md").write_text(report, encoding="utf-8")
    store.finish_session(session.id, finished_at=ended, score=total, report=report)
    return report


def finish_expired(store: Store, catalog: Catalog, now: float | None = None,
                   exclude: MockSession | None = None) -> list[MockSession]:
    """Finalises every unfinished session whose deadline has passed (but `exclude`); returns them."""
    now = time.time() if now is None else now
    expired = [s for s in store.sessions() if s.finished_at is None and s.deadline <= now
               and (exclude is None or s.id != exclude.id)]
    for session in expired:
        finish(store, catalog, session, now)
    return expired


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def report_markdown(session: MockSession, states: list[KataState], total: float, ended: float) -> str:
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started_at))
    minutes = (session.deadline - session.started_at) / 60
    lines = [
        _("# Mock interview {session}").format(session=session.id),
        "",
        _("Started {started}, {minutes} minutes, seed {seed}; ended after {duration}.").format(
            started=started, minutes=f"{minutes:g}", seed=session.seed, duration=duration(ended - session.started_at)),
        "",
        _("**Score: {score} / 100**").format(score=f"{total:g}"),
        "",
        _("| kata | track | passed | checks | time to first pass | attempts | hints | solution viewed | efficiency "
          "| points |"),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    yes, no = _("yes"), _("no")
    for state in states:
        efficiency = _("{ratio}x the reference").format(ratio=f"{state.efficiency:.1f}") \
            if state.efficiency is not None else "-"
        checks = f"{state.checks_passed}/{state.checks_total}" if state.checks_total else "-"
        lines.append(
            f"| {state.kata} | {state.track} | {yes if state.passed_after_s is not None else no} | {checks} | "
            f"{duration(state.passed_after_s)} | {state.attempts} | {state.hints} | "
            f"{yes if state.solution_viewed else no} | {efficiency} | {state.points:.1f} |"
        )
    lines += [
        "",
        _("Each of the {count} katas is worth {worth} points times a quality: a passed kata keeps 1 - {hint} per "
          "hint - {failed} per failed attempt before the pass (at least {floor}), times {slow} if slower than the "
          "kata's efficiency bound; an unpassed kata earns {share} x the share of checks it passed - {hint} per "
          "hint (at least 0); a viewed solution scores its kata 0. Grades after the deadline do not count.").format(
            count=len(states), worth=f"{100 / len(states):.4g}", hint=f"{HINT_COST:g}",
            failed=f"{FAILED_ATTEMPT_COST:g}", floor=f"{PASSED_FLOOR:g}", slow=f"{SLOW_FACTOR:g}",
            share=f"{UNPASSED_SHARE:g}"),
        "",
    ]
    return "\n".join(lines)
