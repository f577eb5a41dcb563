"""`kit dev check`: every proof of a kata, gathered per kata-track into rows a table can show. The
proofs themselves live in proofs.py (tests/test_katas.py calls the same functions)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from interviewkit.catalog import Kata
from interviewkit.dev import proofs
from interviewkit.dev.limits import time_limit_fits
from interviewkit.dev.proofs import Verdict

# The reference over three seed offsets, correct solutions in other styles over two (as tests/test_katas.py).
REFERENCE_SEEDS = (0, 1, 2)
CORRECT_SEEDS = (0, 1)

Progress = Callable[[str, str, int, int], None]  # (kata, track, mutants graded, mutants in all)


@dataclass
class Row:
    proof: str
    ok: bool
    problems: list[str] = field(default_factory=list)  # what failed, each saying what to do next
    seeds: int | None = None
    files: int | None = None
    share: float | None = None  # the largest share of its tolerance a value comparison used
    mutants: str = ""


def single(proof: str, verdict: Verdict) -> Row:
    return Row(proof, verdict.ok, [] if verdict.ok else [verdict.message])


@dataclass
class Report:
    """One kata-track's proofs (track None: the proofs of the kata as a whole)."""

    kata: str
    track: str | None
    rows: list[Row] = field(default_factory=list)
    mutation: object | None = None  # the MutationResult, when the mutation proof ran

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    @property
    def title(self) -> str:
        return self.kata if self.track is None else f"{self.kata} / {self.track}"


@dataclass(frozen=True)
class Options:
    mutation: bool = True
    recompute_mutants: bool = False
    jobs: int = 1


def explain(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"  # the kata's own files are the usual culprit


def _guarded(proof: Callable[[], Verdict]) -> Verdict:
    """A proof that raises is a failed proof, with the error said, never a traceback over the table."""
    try:
        return proof()
    except Exception as error:
        return Verdict(False, explain(error))


def largest(shares: list[float | None]) -> float | None:
    return max((share for share in shares if share is not None), default=None)


def seeds_row(name: str, verdicts: list[Verdict]) -> Row:
    # One failing seed says what is wrong; the others only say how often.
    failed = [v.message for v in verdicts if not v.ok]
    often = f"\n(it fails with {len(failed)} of {len(verdicts)} seed offsets)" if len(failed) > 1 else ""
    return Row(name, not failed, [failed[0] + often] if failed else [], seeds=len(verdicts),
               share=largest([v.share for v in verdicts]))


def files_row(name: str, verdicts: list[Verdict]) -> Row:
    return Row(name, all(v.ok for v in verdicts), problems=[v.message for v in verdicts if not v.ok],
               files=len(verdicts))


def check_kata_wide(kata: Kata) -> Report:
    return Report(kata.id, None, [single("no TODO left", _guarded(lambda: proofs.placeholders_filled(kata))),
                                  single("case manifest current", _guarded(lambda: proofs.manifest_is_fresh(kata))),
                                  single("options covered pairwise",
                                         _guarded(lambda: proofs.options_covered_pairwise(kata))),
                                  single("promises graded", _guarded(lambda: proofs.promises_graded(kata))),
                                  single("randomness by distribution",
                                         _guarded(lambda: proofs.randomness_graded(kata))),
                                  single("time limit fits", _guarded(lambda: time_limit_fits(kata)))])


def check_track(kata: Kata, track: str, options: Options, progress: Progress | None = None) -> Report:
    report = Report(kata.id, track)
    reference = [_guarded(lambda seed=seed: proofs.reference_passes(kata, track, seed, measure_efficiency=seed == 0))
                 for seed in REFERENCE_SEEDS]
    report.rows.append(seeds_row("reference passes", reference))
    stub = _guarded(lambda: proofs.stub_fails_as_not_implemented(kata, track))
    report.rows.append(single("stub not implemented", stub))
    for path in proofs.candidates(kata, track, "right_"):
        verdicts = [_guarded(lambda seed=seed: proofs.correct_solution_passes(kata, track, path, seed))
                    for seed in CORRECT_SEEDS]
        report.rows.append(seeds_row(path.stem, verdicts))
    report.rows.append(files_row("wrong_* fail as claimed", [
        _guarded(lambda path=path: proofs.wrong_solution_fails_where_expected(kata, track, path))
        for path in proofs.candidates(kata, track, "wrong_")]))
    report.rows.append(files_row("forbidden_* caught", [
        _guarded(lambda path=path: proofs.forbidden_solution_is_caught(kata, track, path))
        for path in proofs.candidates(kata, track, "forbidden_")]))
    from interviewkit.dev.examples import example_runs

    report.rows.append(single("example runs (kit run)", _guarded(lambda: example_runs(kata, track))))
    enough = single("enough proof files", proofs.enough_candidates(kata, track))
    enough.files = sum(len(proofs.candidates(kata, track, prefix)) for prefix in proofs.PREFIXES)
    report.rows.append(enough)
    if options.mutation:
        report.rows.append(mutation_row(kata, track, options, report, report.rows[0].ok, progress))
    return report


def mutation_row(kata: Kata, track: str, options: Options, report: Report, reference_ok: bool,
                 progress: Progress | None) -> Row:
    if not reference_ok:
        return Row("mutants killed", False, ["not run: the mutation score needs a reference that passes; fix it first"])
    try:
        from interviewkit.dev.mutation import mutation_score  # slow, and built beside this module

        def told(done: int, total: int, *_) -> None:
            progress(kata.id, track, done, total)

        # A score graded here is recorded, so that the next check (and CI) reads it while it is current.
        report.mutation = mutation_score(kata, track, recompute=options.recompute_mutants, jobs=options.jobs,
                                         write=True, progress=told if progress else None)
    except Exception as error:
        return Row("mutants killed", False, problems=[explain(error)])
    verdict = proofs.mutation_verdict(report.mutation)
    return Row("mutants killed", verdict.ok, [] if verdict.ok else [verdict.message],
               mutants=mutation_figure(report.mutation))


def mutation_figure(result) -> str:
    return f"{result.killed}/{result.total} ({len(result.equivalent)} eq.)"


def check(katas: list[Kata], options: Options, on_report: Callable[[Report], None] = lambda report: None,
          progress: Progress | None = None) -> list[Report]:
    """Every proof of every kata given; each report is handed to `on_report` as soon as it is done."""
    reports = []

    def done(report: Report) -> None:
        reports.append(report)
        on_report(report)

    for kata in katas:
        done(check_kata_wide(kata))
        for track in kata.tracks:
            done(check_track(kata, track, options, progress))
    return reports
