"""Every kata and track, proved against its grader by the proofs `kit dev check` runs
(interviewkit/dev/proofs.py), one file and one seed per test so that xdist spreads them:

- the reference passes, over several seeds;
- the untouched stub meets the contract and fails every check as "not implemented";
- the example `kit run` starts from runs the reference to its own results;
- correct solutions in other styles (tests/candidates/<kata>/<track>/right_*.py) pass, over several seeds;
- known-wrong solutions (wrong_*.py) fail, and on the checks their `# expect-fail:` line names;
- solutions that reach a forbidden API (forbidden_*.py) fail with a message naming it;
- every mutant of the reference that is not equivalent is killed; the case manifest is current;
- the options are covered pairwise, every promise of the statement is graded by a named case, and
  randomness taken from the caller is graded by its distribution (or its draws pinned by the contract).
Grades run in this process, so torch is imported once.
"""
from __future__ import annotations

import pytest

from interviewkit.catalog import Catalog
from interviewkit.dev import proofs
from interviewkit.dev.check import CORRECT_SEEDS, REFERENCE_SEEDS

CATALOG = Catalog()


def kata_tracks() -> list[tuple[str, str]]:
    return [(kata.id, track) for kata in CATALOG.katas() for track in kata.tracks]


def candidate_files(prefix: str) -> list:
    return [
        pytest.param(kata_id, track, path, id=f"{kata_id}-{track}-{path.stem}")
        for kata_id, track in kata_tracks()
        for path in proofs.candidates(CATALOG.get(kata_id), track, prefix)
    ]


def holds(verdict: proofs.Verdict) -> None:
    assert verdict.ok, verdict.message


@pytest.mark.parametrize("seed_offset", REFERENCE_SEEDS)
@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_reference_passes(kata_id, track, seed_offset):
    # Efficiency is timed once (tests/test_efficiency.py proves the timing itself).
    holds(proofs.reference_passes(CATALOG.get(kata_id), track, seed_offset, measure_efficiency=seed_offset == 0))


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_the_example_kit_run_shows_runs_the_reference_to_its_own_results(kata_id, track):
    from interviewkit.dev.examples import example_runs

    holds(example_runs(CATALOG.get(kata_id), track))


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_untouched_stub_fails_as_not_implemented(kata_id, track):
    holds(proofs.stub_fails_as_not_implemented(CATALOG.get(kata_id), track))


@pytest.mark.parametrize("seed_offset", CORRECT_SEEDS)
@pytest.mark.parametrize("kata_id, track, path", candidate_files("right_"))
def test_correct_solution_in_another_style_passes(kata_id, track, path, seed_offset):
    holds(proofs.correct_solution_passes(CATALOG.get(kata_id), track, path, seed_offset))


@pytest.mark.parametrize("kata_id, track, path", candidate_files("wrong_"))
def test_known_wrong_solution_fails_where_expected(kata_id, track, path):
    holds(proofs.wrong_solution_fails_where_expected(CATALOG.get(kata_id), track, path))


@pytest.mark.parametrize("kata_id, track, path", candidate_files("forbidden_"))
def test_forbidden_api_fails_naming_it(kata_id, track, path):
    holds(proofs.forbidden_solution_is_caught(CATALOG.get(kata_id), track, path))


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_every_kata_track_is_proved_by_enough_candidates(kata_id, track):
    holds(proofs.enough_candidates(CATALOG.get(kata_id), track))


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_every_mutant_of_the_reference_is_killed_or_equivalent(kata_id, track):
    # The recorded score counts while its fingerprint matches the reference, grader and cases.
    holds(proofs.mutants_all_killed(CATALOG.get(kata_id), track))


@pytest.mark.parametrize("kata_id", CATALOG.ids())
def test_no_todo_is_left_and_the_case_manifest_is_current(kata_id):
    kata = CATALOG.get(kata_id)
    holds(proofs.placeholders_filled(kata))
    holds(proofs.manifest_is_fresh(kata))


@pytest.mark.parametrize("kata_id", [kata.id for kata in CATALOG.katas()])
def test_options_are_covered_pairwise_every_promise_is_graded_and_randomness_by_distribution(kata_id):
    kata = CATALOG.get(kata_id)
    holds(proofs.options_covered_pairwise(kata))
    holds(proofs.promises_graded(kata))
    holds(proofs.randomness_graded(kata))
