"""Every kata and track, proved against its grader (in this process, so torch is imported once):

- the reference passes, over several seeds;
- the untouched stub meets the contract and fails every check as "not implemented";
- correct solutions in other styles (tests/candidates/<kata>/<track>/right_*.py) pass, over several seeds;
- known-wrong solutions (wrong_*.py) fail, and on the checks their `# expect-fail:` line names;
- solutions that reach a forbidden API (forbidden_*.py) fail with a message naming it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from interviewkit.catalog import Catalog
from interviewkit.grading.run.session import run_grade
from interviewkit.hints import check_matches
from interviewkit.workspace import render_stub, stub_filename

CATALOG = Catalog()
CANDIDATES = Path(__file__).parent / "candidates"
# The reference over three seeds and other styles over two; benchmarks/tolerance_margins.py goes
# much further, and prints how much of its tolerance each correct solution uses.
SEED_OFFSETS = (0, 1, 2)
MINIMUM = {"wrong_": 4, "right_": 2, "forbidden_": 1}


def kata_tracks() -> list[tuple[str, str]]:
    return [(kata.id, track) for kata in CATALOG.katas() for track in kata.tracks]


def candidate_files(prefix: str) -> list:
    return [
        pytest.param(kata_id, track, path, id=f"{kata_id}-{track}-{path.stem}")
        for kata_id, track in kata_tracks()
        for path in sorted((CANDIDATES / kata_id / track).glob(f"{prefix}*.py"))
    ]


def grade(kata_id: str, track: str, path: Path, seed_offset: int = 0, **options):
    """One grade in this process. Efficiency is timed only for the reference (tests/test_efficiency.py
    proves the timing itself): each timing costs two more sandboxes and a few runs of each side."""
    return run_grade(CATALOG.get(kata_id), track, path, seed_offset=seed_offset,
                     measure_efficiency=options.pop("measure_efficiency", False), **options)


def failures(results) -> str:
    return "\n".join(f"{r.name}: {r.message}" for r in results if not r.passed)


def expected_failures(path: Path) -> list[str]:
    for line in path.read_text().splitlines():
        if line.startswith("# expect-fail:"):
            return line.removeprefix("# expect-fail:").split()
    raise AssertionError(f"{path} has no '# expect-fail: CHECK_PATTERN ...' line")


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_reference_passes(kata_id, track, seed_offset):
    reference = CATALOG.get(kata_id).track(track).reference
    results = grade(kata_id, track, reference, seed_offset, measure_efficiency=seed_offset == 0)
    assert all(r.passed for r in results), failures(results)
    assert len(results) > 1


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_untouched_stub_fails_as_not_implemented(kata_id, track, tmp_path):
    stub = tmp_path / stub_filename(kata_id, track)
    stub.write_text(render_stub(CATALOG.get(kata_id), track))
    contract, *checks = grade(kata_id, track, stub, measure_efficiency=True)
    assert contract.passed, f"the stub does not meet its own contract: {contract.message}"
    assert checks and all(not r.passed and r.kind == "not_implemented" for r in checks), failures(checks)
    assert all("not implemented" in r.message for r in checks)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS[:2])
@pytest.mark.parametrize("kata_id, track, path", candidate_files("right_"))
def test_correct_solution_in_another_style_passes(kata_id, track, path, seed_offset):
    results = grade(kata_id, track, path, seed_offset)
    assert all(r.passed for r in results), failures(results)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS[:1])
@pytest.mark.parametrize("kata_id, track, path", candidate_files("wrong_"))
def test_known_wrong_solution_fails_where_expected(kata_id, track, path, seed_offset):
    # Only the checks the file names need to run: they are the claim.
    patterns = expected_failures(path)
    results = grade(kata_id, track, path, seed_offset,
                    select=lambda name: any(check_matches(name, pattern) for pattern in patterns))
    failing = [r.name for r in results if not r.passed]
    assert failing, f"{path.name} passed every check"
    for pattern in patterns:
        assert any(check_matches(name, pattern) for name in failing), (
            f"{path.name} should fail {pattern}; it failed only: {failing}\n{failures(results)}"
        )


@pytest.mark.parametrize("kata_id, track, path", candidate_files("forbidden_"))
def test_forbidden_api_fails_naming_it(kata_id, track, path):
    results = grade(kata_id, track, path, stop_at_first_failure=True)
    forbidden = [r for r in results if r.kind == "forbidden"]
    assert forbidden, f"{path.name} was not caught:\n{failures(results) or 'every check passed'}"
    assert all("forbids" in r.message for r in forbidden)


@pytest.mark.parametrize("kata_id, track", kata_tracks())
def test_every_kata_track_is_proved_by_enough_candidates(kata_id, track):
    folder = CANDIDATES / kata_id / track
    for prefix, minimum in MINIMUM.items():
        found = list(folder.glob(f"{prefix}*.py"))
        assert len(found) >= minimum, f"{folder} has {len(found)} {prefix}*.py files, needs {minimum}"
