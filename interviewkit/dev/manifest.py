"""The case manifest of a kata (katas/<id>/cases.toml): every check of each track's grader, its cases
and the dtypes of their inputs, written from the graders themselves so that `kit show` can state
them without importing torch or the grader (interviewkit/contract.py reads it).

The graders are collected, never run: pytest in this process, under kit's own configuration (as a
grade runs them), with `--collect-only` and a plugin that records each item."""
from __future__ import annotations

import dataclasses
import difflib
import json
import sys
from pathlib import Path

from interviewkit.catalog import Kata
from interviewkit.contract import FLOATS, MANIFEST, MANIFEST_VERSION, CheckCases

COMMAND = "kit dev manifest"
DEPTH = 4  # how far into a case's attributes its recipes may sit (a scenario's steps' batches)


class ManifestError(Exception):
    """A grader that does not collect; the message holds pytest's report."""


def dtypes_of(value, depth: int = DEPTH) -> set[str]:
    """The dtypes of the inputs a case parameter draws: those of its recipes, wherever they sit in it
    (a Case's inputs, a scenario's steps' batches), and its own `dtype` where it has one."""
    from interviewkit.grader import Recipe

    if isinstance(value, Recipe):
        return {value.dtype}
    if depth == 0:
        return set()
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple)):
        children = list(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, field.name) for field in dataclasses.fields(value)]
    else:
        return set()
    own = getattr(value, "dtype", None)
    found = {own} if isinstance(own, str) else set()
    return found.union(*(dtypes_of(child, depth - 1) for child in children))


def plain_options(params: dict) -> dict:
    """The plain-valued settings (numbers, strings, booleans, None) a check's parameters give: a
    Case's inputs, and a case object's (a dataclass holding a Case, constructor arguments in a dict
    such as `init`, or plain fields); what the pairwise rule looks at (interviewkit/dev/pairwise.py),
    which keeps only the names the contract gives a default."""
    found = {}
    for value in params.values():
        _gather(value, found, depth=3)
    return found


def _plain(item) -> bool:
    """A setting the pairwise rule can compare: a number, string, boolean, None, or a tuple of them."""
    if isinstance(item, tuple):
        return all(_plain(each) and not isinstance(each, tuple) for each in item)
    return item is None or type(item) in (bool, int, float, str)


def _gather(value, found: dict, depth: int) -> None:
    from interviewkit.grader import Case

    if depth == 0:
        return
    if isinstance(value, Case):
        found.update({name: item for name, item in value.inputs.items() if _plain(item)})
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if item is None:  # a case object's None field means "not given": the default applies
                continue
            if _plain(item):
                found.setdefault(field.name, item)
            else:
                _gather(item, found, depth - 1)
    elif isinstance(value, dict):
        for name, item in value.items():
            if isinstance(name, str) and _plain(item):
                found.setdefault(name, item)
            elif isinstance(name, str):
                _gather(item, found, depth - 1)


class _Collector:
    """Records each collected item as (check, case, dtypes, plain options), in collection order."""

    def __init__(self):
        self.items: list[tuple[str, str, tuple[str, ...], dict]] = []
        self.errors: list[str] = []

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(report.longreprtext[-2000:])

    def pytest_collection_finish(self, session):
        from interviewkit.grading.run.plugin import check_name

        for item in session.items:
            name, _, case = check_name(item).partition("[")
            callspec = getattr(item, "callspec", None)
            params = callspec.params if callspec else {}
            found = set().union(*(dtypes_of(value) for value in params.values()))
            found |= {value for key, value in params.items() if key == "dtype" and isinstance(value, str)}
            ordered = [d for d in FLOATS if d in found] + sorted(found - set(FLOATS))
            self.items.append((name, case.removesuffix("]"), tuple(ordered), plain_options(params)))


def _forget_modules(folder: Path) -> None:
    """pytest (in importlib mode) and `sibling` import a file once per process: a grader edited since
    this process last collected it must be read again."""
    folder = folder.resolve()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().parent == folder:
            del sys.modules[name]


def collect(kata: Kata, track: str) -> list[CheckCases]:
    """The checks of one track's grader, each with its cases, as pytest collects them."""
    return collect_with_options(kata, track)[0]


def collect_with_options(kata: Kata, track: str) -> tuple[list[CheckCases], dict[tuple[str, str], dict]]:
    """The checks of one track's grader with their cases, and each case's plain options by (check, case)."""
    import pytest

    from interviewkit.grading.run.session import pytest_arguments
    from interviewkit.grading.toolkit.checks import collecting

    grader = kata.track(track).grader
    _forget_modules(grader.parent)
    collector = _Collector()
    try:
        with collecting(track):  # interviewkit.grader.track(), for a grader shared by both tracks
            code = pytest.main(pytest_arguments(grader) + ["--collect-only"], plugins=[collector])
    finally:
        _forget_modules(grader.parent)  # collected for this track: a later grade must import it afresh
    if collector.errors or code not in (0, 5):
        detail = "\n".join(collector.errors) or f"pytest exit code {int(code)}"
        raise ManifestError(f"the {track} grader of {kata.id} ({grader}) does not collect; fix it, then run "
                            f"`{COMMAND} {kata.id}`:\n{detail}")
    checks: dict[str, list] = {}
    options = {}
    for name, case, dtypes, plain in collector.items:
        cases = checks.setdefault(name, [])
        if case:
            cases.append((case, dtypes))
            options[(name, case)] = plain
    return [CheckCases(name, tuple(cases)) for name, cases in checks.items()], options


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _strings(values) -> str:
    return "[" + ", ".join(_string(value) for value in values) + "]"


def render_manifest(kata: Kata) -> str:
    """The manifest's text, from the graders as they are now."""
    lines = [f"# Generated by `{COMMAND} {kata.id}` from the kata's graders: do not edit.",
             "# `kit show` states the checks, their cases and their dtypes from it without importing the grader.",
             f"format_version = {MANIFEST_VERSION}"]
    for track in kata.tracks:
        checks, options = collect_with_options(kata, track)
        for check in checks:
            lines += ["", f"[[track.{track}]]", f"check = {_string(check.name)}"]
            if not check.cases:
                lines.append("cases = []")
                continue
            lines.append("cases = [")
            for case, dtypes in check.cases:
                plain = options.get((check.name, case))
                # A Python literal: TOML has no None, and the pairwise rule compares values as Python does.
                told = f", options = {_string(repr(plain))}" if plain else ""
                lines.append(f"    {{ name = {_string(case)}, dtypes = {_strings(dtypes)}{told} }},")
            lines.append("]")
    return "\n".join(lines) + "\n"


def manifest_path(kata: Kata) -> Path:
    return kata.folder / MANIFEST


def write_manifest(kata: Kata) -> Path:
    """Writes katas/<id>/cases.toml from the kata's graders; returns its path."""
    path = manifest_path(kata)
    path.write_text(render_manifest(kata), encoding="utf-8")
    return path


def manifest_is_current(kata: Kata) -> tuple[bool, str]:
    """Whether katas/<id>/cases.toml says what the graders collect now, and if not, what to do."""
    path = manifest_path(kata)
    fix = f"run `{COMMAND} {kata.id}`"
    if not path.is_file():
        return False, f"{path} is missing: {fix}"
    try:
        wanted = render_manifest(kata)
    except ManifestError as error:
        return False, str(error)
    written = path.read_text(encoding="utf-8")
    if written == wanted:
        return True, f"{path} is current"
    changes = [line for line in difflib.unified_diff(written.splitlines(), wanted.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    shown = "\n  ".join(changes[:6]) + ("\n  …" if len(changes) > 6 else "")
    return False, f"{path} is stale, the graders changed (- written, + now):\n  {shown}\n{fix}"
