"""The mutation score (interviewkit/dev/operators.py, mutants.py, mutation.py): each operator on a
small source, ids that survive unrelated edits, what is left alone; the record, its fingerprint and
the equivalents file on a copy of the softmax kata; and real grades proving a mutant is killed."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from interviewkit.catalog import Catalog, Kata, content_root
from interviewkit.dev import mutation
from interviewkit.dev.mutants import mutants
from interviewkit.dev.mutation import (EQUIVALENTS, RECORD, MutationError, MutationResult, fingerprint,
                                       grade_mutant, mutation_score, run_mutation, write_record)


@pytest.mark.parametrize("source, operator, before, after", [
    ("y = a + b\n", "arithmetic", "a + b", "a - b"),
    ("y = a - b\n", "arithmetic", "a - b", "a + b"),
    ("y = a * b\n", "arithmetic", "a * b", "a / b"),
    ("y = a / b\n", "arithmetic", "a / b", "a * b"),
    ("y = a ** b\n", "arithmetic", "a ** b", "a * b"),
    ("y = a @ b\n", "arithmetic", "a @ b", "a * b"),
    ("y -= b\n", "arithmetic", "y -= b", "y += b"),
    ("y = a < b\n", "comparison", "a < b", "a <= b"),
    ("y = a >= b\n", "comparison", "a >= b", "a > b"),
    ("y = a == b\n", "comparison", "a == b", "a != b"),
    ("y = a is not None\n", "comparison", "a is not None", "a is None"),
    ("y = a and b\n", "boolean", "a and b", "a or b"),
    ("y = a or b\n", "boolean", "a or b", "a and b"),
    ("y = -a\n", "unary", "y = -a", "y = a"),
    ("y = f(a, 7)\n", "constant", "f(a, 7)", "f(a, 8)"),
    ("y = f(a, 7)\n", "constant", "f(a, 7)", "f(a, 6)"),
    ("y = f(a, 1e-5)\n", "constant", "f(a, 1e-5)", "f(a, 1e-6)"),
    ("y = f(a, 0.5)\n", "constant", "f(a, 0.5)", "f(a, 0.25)"),
    ("y = f(a, True)\n", "constant", "f(a, True)", "f(a, False)"),
    ("y = x.max(axis=-1)\n", "axis", "x.max(axis=-1)", "x.max(axis=-2)"),
    ("y = x.max(axis=-1)\n", "axis", "x.max(axis=-1)", "x.max(axis=0)"),
    ("y = x.sum(dim=dim)\n", "axis", "x.sum(dim=dim)", "x.sum(dim=-1)"),
    ("y = x.max(axis=1, keepdims=True)\n", "keepdims", "x.max(axis=1, keepdims=True)", "x.max(axis=1, keepdims=False)"),
    ("y = x.amax(dim=1, keepdim=False)\n", "keepdims", "x.amax(dim=1, keepdim=False)", "x.amax(dim=1, keepdim=True)"),
    ("y = a[i:j]\n", "slice", "a[i:j]", "a[i + 1:j]"),
    ("y = a[i:j]\n", "slice", "a[i:j]", "a[i:j - 1]"),
    ("y = a[:2]\n", "slice", "a[:2]", "a[:1]"),
    ("y = a + b\n", "term", "a + b", "a"),
    ("y = a + b\n", "term", "a + b", "b"),
    ("y = a * b\n", "term", "a * b", "a"),
    ("y = a - b\n", "term", "a - b", "a"),
    ("y = f(a, b)\n", "arguments", "f(a, b)", "f(b, a)"),
    ("y = x.max()\n", "extremum", "x.max()", "x.min()"),
    ("y = x.amin(0)\n", "extremum", "x.amin(0)", "x.amax(0)"),
    ("y = np.argmax(x)\n", "extremum", "np.argmax(x)", "np.argmin(x)"),
    ("y = min(a, b)\n", "extremum", "min(a, b)", "max(a, b)"),
    ("y = x.clamp(min=0)\n", "extremum", "x.clamp(min=0)", "x.clamp(max=0)"),
])
def test_each_operator_yields_its_mutant(source, operator, before, after):
    found = [mutant for mutant in mutants(source) if (mutant.operator, mutant.original, mutant.mutated)
             == (operator, before, after)]
    assert len(found) == 1, [(m.operator, m.original, m.mutated) for m in mutants(source)]
    assert found[0].source == source.replace(before, after, 1)
    assert found[0].description == f"line 1: `{before}` -> `{after}`"


def test_arguments_that_commute_are_not_swapped():
    found = {(m.operator, m.mutated) for m in mutants("y = np.maximum(a, b)\nz = t.transpose(1, 2)\n")}
    assert ("extremum", "np.minimum(a, b)") in found
    assert not any(operator == "arguments" for operator, _ in found)
    assert ("arguments", "x.transpose(0, 2, 1)") in {(m.operator, m.mutated) for m in mutants("y = x.transpose(0, 1, 2)\n")}


def test_the_rest_of_the_file_stays_byte_identical():
    source = "def f(x):\n    # why: a comment\n    return (x  +  1)  # trailing\n"
    swapped = next(mutant for mutant in mutants(source) if mutant.operator == "arithmetic")
    assert swapped.source == source.replace("x  +  1", "x  -  1")


def test_a_swap_that_would_regroup_its_operands_is_parenthesised():
    swapped = next(mutant for mutant in mutants("y = a / b ** c\n") if mutant.original == "b ** c"
                   and mutant.operator == "arithmetic")
    names = {"a": 12.0, "b": 2.0, "c": 3.0}
    exec(swapped.source, names)
    assert names["y"] == 12.0 / (2.0 * 3.0)


LEFT_ALONE = '''"""A module docstring: x + 1 > 0."""
import numpy as np
from math import sqrt


def f(x: np.ndarray = None, n: int = 3) -> np.ndarray:
    """A docstring: a + b."""
    assert n > 0, "n must be positive"
    if x is None:
        raise NotImplementedError("write f")
    return x * n
'''


def test_docstrings_annotations_imports_asserts_and_the_stub_raise_are_left_alone():
    found = mutants(LEFT_ALONE)
    assert {(m.operator, m.original, m.mutated) for m in found} == {
        ("constant", "n: int = 3", "n: int = 4"), ("constant", "n: int = 3", "n: int = 2"),
        ("comparison", "x is None", "x is not None"),
        ("arithmetic", "x * n", "x / n"), ("term", "x * n", "x"), ("term", "x * n", "n"),
    }


def test_ids_survive_an_unrelated_edit_above():
    before = {mutant.id: mutant.line for mutant in mutants(LEFT_ALONE)}
    edited = LEFT_ALONE.replace("def f", "SCALE = 2.0\n\n\ndef f")
    after = {mutant.id: mutant.line for mutant in mutants(edited)}
    assert set(before) < set(after)
    assert all(after[mutant_id] == line + 3 for mutant_id, line in before.items())


def test_identical_changes_have_ids_of_their_own():
    source = "def f(a, b):\n    return g(a + b) + h(a + b)\n\n\ndef k(a, b):\n    return a + b\n"
    alike = [mutant.id for mutant in mutants(source) if (mutant.original, mutant.mutated) == ("a + b", "a - b")]
    assert len(alike) == len(set(alike)) == 3


def test_every_mutant_of_every_reference_parses_and_differs():
    for reference in sorted((content_root() / "reference_solutions").glob("*/*.py")):
        source = reference.read_text()
        found = mutants(source)
        assert found, reference
        assert len({mutant.id for mutant in found}) == len(found)
        assert len({mutant.source for mutant in found} | {source}) == len(found) + 1


CATALOG = Catalog()


def test_the_softmax_grader_kills_the_keepdims_mutant(tmp_path):
    kata = CATALOG.get("softmax")
    source = kata.track("numpy").reference.read_text()
    mutant = next(m for m in mutants(source) if m.operator == "keepdims" and ".max(" in m.original)
    path = tmp_path / "softmax_numpy.py"
    path.write_text(mutant.source)
    assert grade_mutant(kata, "numpy", str(path), time_limit=20) is not None
    path.write_text(source)
    assert grade_mutant(kata, "numpy", str(path), time_limit=20) is None  # the kill is the mutant's own


@pytest.fixture
def softmax_copy(tmp_path) -> Kata:
    """The softmax kata in a content root of its own, to change its grader and its folder freely."""
    root = content_root()
    ignore = shutil.ignore_patterns("__pycache__", RECORD, EQUIVALENTS)
    for part in ("katas/softmax", "graders/softmax", "reference_solutions/softmax"):
        shutil.copytree(root / part, tmp_path / part, ignore=ignore)
    shutil.copy(root / "katas" / "tracks.toml", tmp_path / "katas" / "tracks.toml")
    return Catalog(tmp_path).get("softmax")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_the_fingerprint_follows_the_grader_and_the_reference_of_its_own_track(softmax_copy, tmp_path):
    first = fingerprint(softmax_copy, "numpy")
    append(tmp_path / "reference_solutions" / "softmax" / "torch.py", "\n# the other track's reference\n")
    assert fingerprint(softmax_copy, "numpy") == first
    append(tmp_path / "graders" / "softmax" / "cases.py", "\n# a new case would go here\n")
    assert fingerprint(softmax_copy, "numpy") != first
    second = fingerprint(softmax_copy, "numpy")
    append(tmp_path / "reference_solutions" / "softmax" / "numpy.py", "\n# reworded\n")
    assert fingerprint(softmax_copy, "numpy") != second


def recorded(kata: Kata, track: str, survivors: int) -> list:
    """Writes a record in which the first `survivors` mutants survived; returns every mutant."""
    found = mutants(kata.track(track).reference.read_text())
    write_record(MutationResult(kata.id, track, len(found), len(found) - survivors, [], found[:survivors],
                                fingerprint(kata, track), False, kata.folder))
    return found


def test_a_current_record_is_read_and_a_stale_one_graded_again(softmax_copy, tmp_path, monkeypatch):
    found = recorded(softmax_copy, "numpy", survivors=1)
    recorded(softmax_copy, "torch", survivors=0)
    record = tomllib.loads((softmax_copy.folder / RECORD).read_text())
    assert record["numpy"]["survivors"] == [{"id": found[0].id, "description": found[0].description}]
    assert record["torch"]["survivors"] == []

    def graded(kata, track, **options):
        raise AssertionError("graded, though the record is current")

    monkeypatch.setattr(mutation, "run_mutation", graded)
    result = mutation_score(softmax_copy, "numpy")
    assert result.from_record and result.survived == [found[0]] and result.killed == len(found) - 1
    assert not result.complete and result.score == pytest.approx((len(found) - 1) / len(found))

    append(tmp_path / "graders" / "softmax" / "cases.py", "\n# a new case would go here\n")
    monkeypatch.setattr(mutation, "run_mutation", lambda kata, track, **options: "graded again")
    assert mutation_score(softmax_copy, "numpy") == "graded again"


def test_equivalent_mutants_are_listed_with_why_and_stale_entries_are_errors(softmax_copy):
    found = recorded(softmax_copy, "numpy", survivors=1)
    listing = softmax_copy.folder / EQUIVALENTS
    entry = '[[equivalent]]\ntrack = "numpy"\nid = "{}"\nmutant = "{}"\nwhy = "the same function"\n'
    listing.write_text(entry.format(found[0].id, found[0].description.replace("`", "")))
    result = mutation_score(softmax_copy, "numpy")
    assert result.complete and result.score == 1.0
    assert result.equivalent == [(found[0], "the same function")] and result.survived == []

    append(listing, entry.format("constant-00000000", "a line since rewritten"))
    append(listing, entry.format(found[1].id, "a mutant the grader kills"))
    problems = mutation_score(softmax_copy, "numpy").problems
    assert len(problems) == 2 and "stale" in problems[0] and "kills it" in problems[1]
    assert not mutation_score(softmax_copy, "numpy").complete


def test_a_reference_that_fails_its_grader_is_refused(softmax_copy, tmp_path):
    reference = tmp_path / "reference_solutions" / "softmax" / "numpy.py"
    reference.write_text(reference.read_text().replace("keepdims=True)\n    exponentials", "keepdims=False)\n"
                                                       "    exponentials"))
    with pytest.raises(MutationError, match="fails its grader"):
        run_mutation(softmax_copy, "numpy")
