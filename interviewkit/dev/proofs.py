"""The proofs a kata must pass, one function each, each returning a Verdict. `kit dev check` and
tests/test_katas.py call exactly these, one file and one seed at a time, so a contributor and CI see
one verdict. Grades run in this process (torch is imported once for all of them)."""
from __future__ import annotations

import contextlib
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from interviewkit.catalog import Kata
from interviewkit.dev import hint_proofs
from interviewkit.hints import check_matches

PREFIXES = ("right_", "wrong_", "forbidden_")
# How many proof files each prefix needs per track: two other styles of a correct solution, four
# classic bugs, one forbidden shortcut.
MINIMUM = {"right_": 2, "wrong_": 4, "forbidden_": 1}
EXPECT_FAIL = "# expect-fail:"
# What `kit dev new` leaves for the author to fill in; a kata that still holds one does not ship.
PLACEHOLDER = re.compile(r"\bTODO\b")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""
    share: float | None = None  # the largest share of its tolerance any value comparison used


# --- where a kata's files are (they follow from its id) -------------------------------------------

def content_root_of(kata: Kata) -> Path:
    return kata.folder.parent.parent


def candidates_folder(kata: Kata, track: str) -> Path:
    return content_root_of(kata) / "tests" / "candidates" / kata.id / track


def candidates(kata: Kata, track: str, prefix: str) -> list[Path]:
    return sorted(candidates_folder(kata, track).glob(f"{prefix}*.py"))


def relative(kata: Kata, path: Path) -> str:
    try:
        return str(path.relative_to(content_root_of(kata)))
    except ValueError:
        return str(path)


# --- grading ----------------------------------------------------------------------------------------

@contextlib.contextmanager
def tolerance_shares():
    """Collects, for every value comparison made inside, the share of its tolerance it used."""
    from interviewkit.grading.toolkit import compare

    shares: list[float] = []
    observer = lambda what, share: shares.append(share)  # noqa: E731
    compare.observers.append(observer)
    try:
        yield shares
    finally:
        compare.observers.remove(observer)


def grade(kata: Kata, track: str, path: Path, seed_offset: int = 0, **options):
    """One grade in this process. Efficiency is timed only where a proof asks (each timing costs two
    more sandboxes and several runs of each side)."""
    from interviewkit.grading.run.session import run_grade

    options.setdefault("measure_efficiency", False)
    with contextlib.redirect_stdout(io.StringIO()):
        return run_grade(kata, track, path, seed_offset=seed_offset, **options)


def failures(results) -> str:
    return "\n".join(f"  {r.name}: {r.message}" for r in results if not r.passed)


def _passes(kata: Kata, track: str, path: Path, seed_offset: int, fix: str, **options) -> Verdict:
    with tolerance_shares() as shares:
        results = grade(kata, track, path, seed_offset, **options)
    share = max(shares, default=0.0)
    if all(r.passed for r in results) and len(results) > 1:
        return Verdict(True, f"{len(results)} checks passed", share)
    if len(results) <= 1 and all(r.passed for r in results):
        return Verdict(False, f"{relative(kata, path)} ran no check past the contract: the grader "
                              f"{relative(kata, kata.track(track).grader)} has no test", share)
    return Verdict(False, f"{relative(kata, path)} fails with seed offset {seed_offset}:\n"
                          f"{failures(results)}\n{fix}", share)


# --- the proofs -------------------------------------------------------------------------------------

def reference_passes(kata: Kata, track: str, seed_offset: int = 0, measure_efficiency: bool = False) -> Verdict:
    return _passes(kata, track, kata.track(track).reference, seed_offset,
                   "Fix the reference, or the grader's case or tolerance that it fails.",
                   measure_efficiency=measure_efficiency)


def correct_solution_passes(kata: Kata, track: str, path: Path, seed_offset: int = 0) -> Verdict:
    return _passes(kata, track, path, seed_offset,
                   "A correct solution in another style must pass: widen a tolerance the kata's "
                   "conditioning explains, or fix the solution if it is not correct after all.")


def stub_fails_as_not_implemented(kata: Kata, track: str) -> Verdict:
    """The stub `kit new` writes meets the contract, and every check then fails as not implemented."""
    from interviewkit.workspace import render_stub, stub_filename

    try:
        text = render_stub(kata, track)
    except Exception as error:  # a broken template or API entry: the author's to fix, said plainly
        return Verdict(False, f"the stub does not render ({type(error).__name__}: {error}); "
                              f"fix the [tracks.{track}] API entries in katas/{kata.id}/kata.toml")
    with tempfile.TemporaryDirectory(prefix="kit-dev-stub-") as folder:
        stub = Path(folder) / stub_filename(kata.id, track)
        stub.write_text(text, encoding="utf-8")
        contract, *checks = grade(kata, track, stub, measure_efficiency=True)
    if not contract.passed:
        return Verdict(False, f"the stub does not meet its own contract: {contract.message}\n"
                              f"Make the API entries in katas/{kata.id}/kata.toml match the reference.")
    if not checks:
        return Verdict(False, f"the grader {relative(kata, kata.track(track).grader)} has no check")
    wrong = [r for r in checks if r.passed or r.kind != "not_implemented" or "not implemented" not in r.message]
    if wrong:
        return Verdict(False, "every check of the untouched stub must fail as not implemented; these did not:\n"
                              f"{failures(wrong) or '  ' + ', '.join(r.name for r in wrong) + ' passed'}")
    return Verdict(True, f"all {len(checks)} checks")


def expected_failures(path: Path) -> list[str] | None:
    """The check patterns a known-wrong file's `# expect-fail:` line names (None without one)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(EXPECT_FAIL):
            return line.removeprefix(EXPECT_FAIL).split()
    return None


def wrong_solution_fails_where_expected(kata: Kata, track: str, path: Path, seed_offset: int = 0) -> Verdict:
    """The checks the file names fail, and, where it names its hint, `kit hint` (nothing revealed
    yet) gives that hint. One grade proves both: every check runs up to the first failure (the one
    `next_hint` decides by), and past it only the checks the file names."""
    patterns = expected_failures(path)
    if not patterns:
        return Verdict(False, f"{relative(kata, path)} has no '{EXPECT_FAIL} CHECK_PATTERN ...' line: "
                              "name the checks it must fail (`*` and `?` are wildcards)")
    named = lambda name: any(check_matches(name, pattern) for pattern in patterns)  # noqa: E731
    # Under --strict, as mutants are: a slip that only returns float64 for float32 input fails there.
    results = grade(kata, track, path, seed_offset, strict=True, after_first_failure=named)
    failing = [r.name for r in results if not r.passed and named(r.name)]
    if not failing:
        return Verdict(False, f"{relative(kata, path)} passed every check it names ({' '.join(patterns)}): "
                              f"add a case to graders/{kata.id}/ that catches it, or correct its expect-fail line")
    missed = [pattern for pattern in patterns if not any(check_matches(name, pattern) for name in failing)]
    if missed:
        return Verdict(False, f"{relative(kata, path)} should fail {' '.join(missed)}; it failed only: "
                              f"{', '.join(failing)}\n{failures(results)}")
    expected_hint = hint_proofs.named_hint(path)
    if expected_hint is not None:
        problem = hint_proofs.hint_problem(kata, relative(kata, path), results, expected_hint,
                                           lambda: grade(kata, track, path, seed_offset, strict=True))
        if problem:
            return Verdict(False, problem)
    return Verdict(True, f"fails {', '.join(failing)}")


def forbidden_solution_is_caught(kata: Kata, track: str, path: Path) -> Verdict:
    results = grade(kata, track, path, stop_at_first_failure=True)
    caught = [r for r in results if r.kind == "forbidden"]
    if not caught:
        return Verdict(False, f"{relative(kata, path)} was not caught:\n{failures(results) or '  every check passed'}\n"
                              f"Add what it reaches to the track's forbidden lists in katas/{kata.id}/kata.toml "
                              "(or a family in katas/tracks.toml).")
    unnamed = [r for r in caught if "forbids" not in r.message]
    if unnamed:
        return Verdict(False, f"{relative(kata, path)} was caught without naming what is forbidden:\n"
                              f"{failures(unnamed)}")
    return Verdict(True, caught[0].message.splitlines()[0])


def enough_candidates(kata: Kata, track: str) -> Verdict:
    folder = candidates_folder(kata, track)
    short = [f"{len(candidates(kata, track, prefix))} {prefix}*.py of {minimum}"
             for prefix, minimum in MINIMUM.items() if len(candidates(kata, track, prefix)) < minimum]
    if short:
        return Verdict(False, f"{relative(kata, folder)} has too few proofs: {'; '.join(short)}. Add correct "
                              "solutions in other styles (right_), classic bugs each with an expect-fail line "
                              "(wrong_) and shortcuts through a forbidden API (forbidden_).")
    counts = ", ".join(f"{len(candidates(kata, track, prefix))} {prefix}" for prefix in PREFIXES)
    return Verdict(True, counts)


def kata_files(kata: Kata) -> list[Path]:
    """Every file an author writes for a kata (the ones `kit dev new` scaffolds)."""
    root = content_root_of(kata)
    folders = [kata.folder, root / "reference_solutions" / kata.id, root / "graders" / kata.id,
               *(candidates_folder(kata, track) for track in kata.tracks)]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


def placeholders_filled(kata: Kata) -> Verdict:
    """No TODO left from `kit dev new`, in any of the kata's files, and the explanation written."""
    if kata.explanation() is None:
        return Verdict(False, f"{relative(kata, kata.folder / 'explanation.md')} is missing: write the idea, the "
                              "complexity, the classic pitfalls and the follow-up questions (`kit solution` shows it)")
    found: dict[str, list[int]] = {}
    files = kata_files(kata)
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        numbers = [number for number, line in enumerate(lines, 1) if PLACEHOLDER.search(line)]
        if numbers:
            found[relative(kata, path)] = numbers
    if found:
        count = sum(map(len, found.values()))
        return Verdict(False, f"{count} TODO markers left in {len(found)} files; replace each with the kata's "
                              "content:\n" + "\n".join(f"  {path}: line{'s' * (len(numbers) > 1)} "
                                                        f"{', '.join(map(str, numbers))}"
                                                        for path, numbers in found.items()))
    return Verdict(True, f"{len(files)} files")


def mutation_verdict(result) -> Verdict:
    """A MutationResult judged: complete when every mutant that is not equivalent was killed (and the
    kata's list of equivalent mutants has no stale entry)."""
    figures = f"{result.killed}/{result.total} killed, {len(result.equivalent)} equivalent"
    if result.complete:
        return Verdict(True, figures + (" (recorded)" if result.from_record else ""))
    lines = [f"{problem}" for problem in result.problems]
    if result.survived:
        lines += [f"{len(result.survived)} mutants of the {result.track} reference survive the grader ({figures}):",
                  *(f"  {mutant.id}: {mutant.description}" for mutant in result.survived),
                  f"Kill each with a case in graders/{result.kata}/ that tells it apart from the reference; or, if it "
                  f"computes the same function, list it in katas/{result.kata}/equivalent_mutants.toml as "
                  f'[[equivalent]] track = "{result.track}", id = "...", why = "one line of why".']
    return Verdict(False, "\n".join(lines))


def mutants_all_killed(kata: Kata, track: str, recompute: bool = False, jobs: int = 1) -> Verdict:
    """The recorded score while its fingerprint is current, else every mutant graded (nothing written)."""
    from interviewkit.dev.mutation import mutation_score  # slow, and heavy to import

    return mutation_verdict(mutation_score(kata, track, recompute=recompute, jobs=jobs))


def manifest_is_fresh(kata: Kata) -> Verdict:
    from interviewkit.dev.manifest import ManifestError, manifest_is_current

    try:
        current, message = manifest_is_current(kata)
    except ManifestError as error:  # a grader that does not collect: its report says why
        return Verdict(False, f"{error}\nMake the grader collect, then run `kit dev manifest {kata.id}`.")
    if current:
        return Verdict(True, message or "current")
    advice = "" if "kit dev manifest" in message else f"\nRegenerate it with `kit dev manifest {kata.id}`."
    return Verdict(False, message + advice)


def options_covered_pairwise(kata: Kata) -> Verdict:
    """Every pair of option settings meets in some case of its check (interviewkit/dev/pairwise.py)."""
    from interviewkit.dev.pairwise import describe, exempt, gaps

    found = gaps(kata)
    if found:
        return Verdict(False, f"{len(found)} combinations of options are graded in no case:\n{describe(found)}\n"
                              f"Add cases to graders/{kata.id}/ that combine them (then `kit dev manifest {kata.id}`); "
                              "a check that is not about options goes in kata.toml's [pairwise] table with why.")
    skipped = exempt(kata)
    return Verdict(True, "every pair of options combined" + (f" ({len(skipped)} checks exempt)" if skipped else ""))


def randomness_graded(kata: Kata) -> Verdict:
    """Randomness a kata takes from its caller is graded by distribution, or pinned by the contract
    (interviewkit/dev/randomness.py)."""
    from interviewkit.dev.randomness import graded_by_distribution, pinned, problems, random_parameters

    found = problems(kata)
    if found:
        return Verdict(False, "\n".join(found))
    if not random_parameters(kata):
        return Verdict(True, "takes no randomness")
    return Verdict(True, "graded by distribution" if graded_by_distribution(kata) else "draws pinned by the contract")


def promises_graded(kata: Kata) -> Verdict:
    """Every promise of the statement is graded by a named case (interviewkit/dev/promises.py)."""
    from interviewkit.dev.promises import problems, read_promises

    found = problems(kata)
    if found:
        return Verdict(False, "\n".join(found))
    return Verdict(True, f"{len(read_promises(kata))} promises, each graded")
