"""The promises rule: every behaviour a kata's statement promises is graded by a named case.

katas/<id>/promises.toml lists them side by side, each promise in the statement's own words and the
checks that grade it (`check[case]`, wildcards as in `# expect-fail:` lines):

    [[promise]]
    says = "ties at the boundary are kept"
    checks = ["filter_logits[top_k_ties_at_the_boundary]"]

`kit dev check` holds the list: each `says` must be words of statement.md (emphasis and spacing
aside), and each pattern must name a check of the manifest (katas/<id>/cases.toml); a promise with
no check fails. What counts as a promise is the author's call; a statement full of promises with
an empty list is for review to catch."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from interviewkit.catalog import Kata
from interviewkit.contract import read_manifest
from interviewkit.hints import check_matches

PROMISES = "promises.toml"


@dataclass(frozen=True)
class Promise:
    says: str
    checks: tuple[str, ...]


def _plain(text: str) -> str:
    """Words only: Markdown emphasis, code marks and line breaks do not count."""
    return re.sub(r"\s+", " ", re.sub(r"[*`_]", "", text)).strip().lower()


def read_promises(kata: Kata) -> list[Promise]:
    data = tomllib.loads((kata.folder / PROMISES).read_text(encoding="utf-8"))
    return [Promise(str(entry.get("says", "")), tuple(str(c) for c in entry.get("checks", [])))
            for entry in data.get("promise", [])]


def graded_names(kata: Kata) -> list[str]:
    """Every `check[case]` (and case-less `check`) of every track's grader, from the manifest."""
    names = []
    for checks in read_manifest(kata).values():
        for check in checks:
            names += [f"{check.name}[{case}]" for case, _ in check.cases] or [check.name]
    return names


def problems(kata: Kata) -> list[str]:
    """What is wrong with the kata's list of promises; empty when each is graded."""
    if not (kata.folder / PROMISES).is_file():
        return [f"katas/{kata.id}/{PROMISES} is missing: list what statement.md promises, each with the "
                "checks that grade it ([[promise]] says = \"...\", checks = [\"check[case]\"])"]
    statement = _plain((kata.folder / "statement.md").read_text(encoding="utf-8"))
    names = graded_names(kata)
    found = []
    promises = read_promises(kata)
    if not promises:
        found.append(f"katas/{kata.id}/{PROMISES} lists no promise: what does the statement promise?")
    for promise in promises:
        if not promise.says or _plain(promise.says) not in statement:
            found.append(f"promise {promise.says!r:.60} is not words of statement.md: quote the statement")
        if not promise.checks:
            found.append(f"promise {promise.says!r:.60} is graded by no check: add a case that exercises it")
        for pattern in promise.checks:
            if not any(check_matches(name, pattern) for name in names):
                found.append(f"promise {promise.says!r:.60} names {pattern}, which no grader has")
    return found
