"""The mutation score of a kata's reference: every mutant (mutants.py) graded by the kata's grader.

A mutant the grader does not kill is a hole in the grader, unless it computes the same function:
then katas/<id>/equivalent_mutants.toml lists it, with one line of why. The score is recorded in
katas/<id>/mutation.lock with a fingerprint of everything it proves (the reference, the grader,
kata.toml, the grading toolkit, the operators), so CI grades mutants again only when one changed."""
from __future__ import annotations

import atexit
import functools
import hashlib
import json
import multiprocessing
import tempfile
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import interviewkit.grading.toolkit as toolkit
from interviewkit.catalog import Catalog, Kata
from interviewkit.dev.mutants import OPERATORS_VERSION, Mutant, mutants

RECORD = "mutation.lock"
EQUIVALENTS = "equivalent_mutants.toml"
# A mutant's grade stops at its first failed check. One that loops is cut off at ten times the
# reference's own grade, but never under 5 s (a loaded machine) nor over 20 s or the kata's limit.
MUTANT_TIME_LIMIT = 20.0
MUTANT_TIME_FLOOR = 5.0

Progress = Callable[[int, int, Mutant, "str | None"], None]  # (done, total, mutant, what killed it or None)


class MutationError(Exception):
    """The score cannot be computed; the message says what to fix."""


@dataclass
class MutationResult:
    kata: str
    track: str
    total: int
    killed: int
    equivalent: list[tuple[Mutant, str]]  # survivors listed in equivalent_mutants.toml, with their why
    survived: list[Mutant]                # survivors not listed: holes in the grader
    fingerprint: str
    from_record: bool
    folder: Path                          # the kata's folder, where the record and the equivalents live
    problems: list[str] = field(default_factory=list)  # entries of equivalent_mutants.toml that are wrong
    killed_by: dict[str, str] = field(default_factory=dict)  # mutant id -> the check that failed (graded runs)
    seconds: float = 0.0                  # the grading's wall time (0 when read from the record)

    @property
    def score(self) -> float:
        counted = self.total - len(self.equivalent)
        return self.killed / counted if counted else 1.0

    @property
    def complete(self) -> bool:
        """Every mutant that is not equivalent was killed, and the equivalents file holds no stale entry."""
        return not self.survived and not self.problems


def fingerprint(kata: Kata, track: str) -> str:
    """sha256 of what the score proves: the reference, every file of the grader's folder, kata.toml
    (but its time limit), katas/tracks.toml (the forbidden families), the grading toolkit and the
    operators' source."""
    spec = kata.track(track)
    toolkit_folder = Path(toolkit.__file__).parent
    files = [("reference", spec.reference), ("kata.toml", kata.folder / "kata.toml"),
             ("tracks.toml", kata.folder.parent / "tracks.toml"),
             *((f"grader/{path.relative_to(spec.grader.parent).as_posix()}", path)
               for path in sorted(spec.grader.parent.rglob("*")) if path.is_file() and "__pycache__" not in path.parts),
             *((f"toolkit/{path.name}", path) for path in sorted(toolkit_folder.glob("*.py"))),
             # The operators themselves: a changed operator makes other mutants.
             *((f"dev/{name}", Path(__file__).with_name(name)) for name in ("operators.py", "mutants.py"))]
    digest = hashlib.sha256(f"operators {OPERATORS_VERSION}\ntrack {track}\n".encode())
    for name, path in files:
        if path.is_file():
            content = path.read_bytes()
            if name == "kata.toml":  # every line but the time limit (see run_mutation)
                content = b"".join(line for line in content.splitlines(keepends=True)
                                   if not line.startswith(b"time_limit_seconds"))
            digest.update(f"{name} {len(content)}\n".encode() + content)
    return digest.hexdigest()


def run_mutation(kata: Kata | str, track: str, *, jobs: int = 1, progress: Progress | None = None) -> MutationResult:
    """Grades every mutant of the track's reference (always: the record is not read)."""
    kata = _kata(kata)
    source = kata.track(track).reference.read_text(encoding="utf-8")
    found = mutants(source)
    # Its own limit, not the kata's: a mutant's fate does not depend on time_limit_seconds, which the
    # fingerprint leaves out (limits are tuned to the machine's speed, mutants to the reference's).
    time_limit = MUTANT_TIME_LIMIT
    current = fingerprint(kata, track)  # before grading: a file changed meanwhile leaves the record stale
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kit-mutants-") as folder:
        reference = _written(Path(folder) / "reference", kata, track, source)
        failure = grade_mutant(kata, track, str(reference), time_limit)
        if failure is not None:
            raise MutationError(f"the {track} reference of {kata.id} fails its grader ({failure}): every mutant would "
                                f"count as killed. Fix the reference or the grader first (`kit dev check {kata.id}`).")
        # Timed on a second grade: a process's first one also pays for importing torch and the grader.
        second = time.monotonic()
        if grade_mutant(kata, track, str(reference), time_limit) is None:
            time_limit = min(time_limit, max(MUTANT_TIME_FLOOR, 10 * (time.monotonic() - second)))
        paths = [str(_written(Path(folder) / mutant.id, kata, track, mutant.source)) for mutant in found]
        killed_by = {}
        for done, (mutant, failure) in enumerate(_graded(kata, track, found, paths, time_limit, jobs), 1):
            if failure is not None:
                killed_by[mutant.id] = failure
            if progress:
                progress(done, len(found), mutant, failure)
    survivors = [mutant.id for mutant in found if mutant.id not in killed_by]
    result = _result(kata, track, found, survivors, current, from_record=False)
    result.killed_by, result.seconds = killed_by, time.monotonic() - started
    return result


def mutation_score(kata: Kata | str, track: str, *, recompute: bool = False, jobs: int = 1, write: bool = False,
                   progress: Progress | None = None) -> MutationResult:
    """The recorded score when its fingerprint is current (and `recompute` is not asked), else a new run,
    written to the record only when `write` is asked."""
    kata = _kata(kata)
    if not recompute:
        recorded = _from_record(kata, track)
        if recorded is not None:
            return recorded
    result = run_mutation(kata, track, jobs=jobs, progress=progress)
    if write:
        write_record(result)
    return result


def write_record(result: MutationResult) -> Path:
    """Writes (or updates) the track's entry of katas/<id>/mutation.lock; other tracks' entries stay."""
    path = result.folder / RECORD
    records = _read_toml(path)
    records[result.track] = {
        "fingerprint": result.fingerprint,
        "mutants": result.total,
        "killed": result.killed,
        "survivors": [{"id": mutant.id, "description": mutant.description}
                      for mutant in [*(entry[0] for entry in result.equivalent), *result.survived]],
    }
    lines = [f"# The mutation score of {result.kata}'s references, written by `kit dev check` (interviewkit/dev/",
             "# mutation.py): do not edit. Its fingerprint covers the reference, the grader, kata.toml, the grading",
             "# toolkit and the operators; when one changes, the mutants are graded again. Survivors that compute the",
             f"# same function belong in {EQUIVALENTS}, with one line of why.", ""]
    for track in sorted(records):
        entry = records[track]
        lines += [f"[{track}]", f'fingerprint = "{entry["fingerprint"]}"', f"mutants = {int(entry['mutants'])}",
                  f"killed = {int(entry['killed'])}"]
        survivors = [f"    {{ id = {_string(s['id'])}, description = {_string(s['description'])} }}," for s in entry["survivors"]]
        lines += ["survivors = [", *survivors, "]", ""] if survivors else ["survivors = []", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def grade_mutant(kata: Kata, track: str, path: str, time_limit: float) -> str | None:
    """None when the file passes every check; else the first failed check and how it failed."""
    from interviewkit.grading.run.session import run_grade
    from interviewkit.grading.sandbox.kinds import Kind

    # Under --strict: a mutant that only returns float64 for float32 input is told apart there.
    results = run_grade(kata, track, Path(path), stop_at_first_failure=True, measure_efficiency=False,
                        time_limit=time_limit, strict=True)
    failed = next((result for result in results if not result.passed), None)
    if failed is None:
        return None
    if failed.kind == Kind.INTERNAL:  # kit's bug, not a kill: say so rather than count it
        raise MutationError(f"grading {path} hit a bug in kit: {failed.message}")
    return f"{failed.name} ({failed.kind})"


def _graded(kata: Kata, track: str, found: list[Mutant], paths: list[str], time_limit: float,
            jobs: int) -> Iterator[tuple[Mutant, str | None]]:
    """Each mutant with its verdict, in the order of the file. Several jobs grade in fresh processes
    (spawned: forking a process that runs torch's threads can deadlock)."""
    if jobs <= 1:
        for mutant, path in zip(found, paths):
            yield mutant, grade_mutant(kata, track, path, time_limit)
        return
    futures = [_pool(jobs).submit(grade_mutant, kata, track, path, time_limit) for path in paths]
    try:
        for mutant, future in zip(found, futures):
            yield mutant, future.result()
    except BrokenProcessPool:
        _pool.cache_clear()  # a worker died: the next run starts a new pool
        raise
    finally:
        for future in futures:
            future.cancel()


@functools.cache
def _pool(jobs: int) -> ProcessPoolExecutor:
    """One pool per size, kept for the process's life: `kit dev check --all` pays for its workers'
    start (an import of torch each) once, not once per kata-track."""
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
    atexit.register(pool.shutdown, cancel_futures=True)
    return pool


def _written(folder: Path, kata: Kata, track: str, source: str) -> Path:
    folder.mkdir()
    path = folder / f"{kata.id}_{track}.py"  # named as `kit new` names a candidate's file
    path.write_text(source, encoding="utf-8")
    return path


def _kata(kata: Kata | str) -> Kata:
    return kata if isinstance(kata, Kata) else Catalog().get(kata)


def _from_record(kata: Kata, track: str) -> MutationResult | None:
    """The recorded result, if its fingerprint is current and it still names this reference's mutants."""
    entry = _read_toml(kata.folder / RECORD).get(track)
    if not entry or entry.get("fingerprint") != fingerprint(kata, track):
        return None
    found = mutants(kata.track(track).reference.read_text(encoding="utf-8"))
    survivors = [survivor["id"] for survivor in entry.get("survivors", [])]
    known = {mutant.id for mutant in found}
    if entry.get("mutants") != len(found) or not set(survivors) <= known:
        return None  # the operators changed without their version: grade again
    return _result(kata, track, found, survivors, entry["fingerprint"], from_record=True)


def _result(kata: Kata, track: str, found: list[Mutant], survivors: list[str], current: str,
            from_record: bool) -> MutationResult:
    by_id = {mutant.id: mutant for mutant in found}
    listed, problems = read_equivalents(kata, track)
    for mutant_id, why in listed.items():
        if mutant_id not in by_id:
            problems.append(f"{kata.folder / EQUIVALENTS}: {track} mutant {mutant_id} is listed as equivalent, but "
                            "the reference no longer yields it (stale): remove the entry, and list the mutant's "
                            "new id if it still survives")
        elif mutant_id not in survivors:
            problems.append(f"{kata.folder / EQUIVALENTS}: {track} mutant {mutant_id} ({by_id[mutant_id].description}) "
                            "is listed as equivalent, yet the grader kills it: remove the entry")
    equivalent = [(by_id[mutant_id], listed[mutant_id]) for mutant_id in survivors if mutant_id in listed]
    survived = [by_id[mutant_id] for mutant_id in survivors if mutant_id not in listed]
    return MutationResult(kata.id, track, len(found), len(found) - len(survivors), equivalent, survived, current,
                          from_record, kata.folder, problems)


def read_equivalents(kata: Kata, track: str) -> tuple[dict[str, str], list[str]]:
    """The track's entries of equivalent_mutants.toml (id -> why), and what is wrong with the file."""
    path = kata.folder / EQUIVALENTS
    listed, problems = {}, []
    for number, entry in enumerate(_read_toml(path).get("equivalent", []), 1):
        if entry.get("track") not in kata.tracks:
            problems.append(f"{path}: entry {number} names track {entry.get('track')!r}; "
                            f"this kata's tracks are {', '.join(kata.tracks)}")
        elif entry.get("track") == track:
            if not entry.get("id") or not str(entry.get("why", "")).strip():
                problems.append(f"{path}: entry {number} needs an `id` and a one-line `why`")
            else:
                listed[entry["id"]] = entry["why"].strip()
    return listed, problems


def _read_toml(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise MutationError(f"{path}: {error}. Fix the file (or delete {RECORD}: it is rewritten).") from None


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string
