"""The pairwise rule: a kata's options are graded in combination, not one at a time.

An option is a parameter the contract gives a default (`reduction="mean"`, `label_smoothing=0.0`,
`dim=-1`) that a check's cases set to a plain value, in a Case's inputs or in a case object's fields
and constructor arguments (`init`). A string, boolean or None option takes each of its values; a
number or a tuple is either at its default or set to another value (every epoch count need not
meet every learning rate, but a set label smoothing must meet a set ignore_index). For each check,
every setting of an option that some case uses (its default where a case leaves it out) must meet
every setting of every other option in some case: `reduction="sum"` with `label_smoothing` set, and
so on. The cases' options come from the manifest (katas/<id>/cases.toml, `kit dev manifest`)."""
from __future__ import annotations

import ast
import itertools
import tomllib
from dataclasses import dataclass

from interviewkit.catalog import Kata
from interviewkit.contract import MANIFEST
from interviewkit.grading.sandbox.signature import parse_api

SHOWN = 6  # missing combinations named in a report; the rest are counted


@dataclass(frozen=True)
class Gap:
    track: str
    check: str
    first: tuple[str, object]
    second: tuple[str, object]

    def __str__(self) -> str:
        return f"{self.track} {self.check}: no case has {_told(*self.first)} with {_told(*self.second)}"


def _told(name: str, setting) -> str:
    if isinstance(setting, Numeric):
        return f"{name} set (not {setting.default!r})" if setting.changed else f"{name}={setting.default!r}"
    return f"{name}={setting!r}"


@dataclass(frozen=True)
class Numeric:
    """A number option's setting: at its default, or changed."""

    default: object
    changed: bool


def setting(value, default):
    """A number or a tuple (a size, a pair of widths) counts as at its default or set; a string,
    boolean or None by its value."""
    if isinstance(value, (int, float, tuple)) and not isinstance(value, bool):
        return Numeric(default, value != default)
    return value


def defaults(kata: Kata, track: str, check: str | None = None) -> dict[str, object]:
    """Every parameter of the track's API that has a default, with it: from the entry named like the
    check first (adamw's weight_decay=1e-2, not adam's 0.0), then from the first entry naming it."""
    found: dict[str, object] = {}
    signatures = [parse_api(line) for line in kata.track(track).api]
    own = [signature for signature in signatures if check and signature.name.split(".")[0].lower() == check.lower()]
    for signature in own + signatures:
        for parameter in signature.parameters:
            if parameter.has_default:
                found.setdefault(parameter.name, parameter.default)
    return found


def case_options(kata: Kata) -> dict[str, dict[str, list[dict]]]:
    """Track -> check -> the plain options of each of its cases, from the manifest."""
    path = kata.folder / MANIFEST
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {track: {entry["check"]: [ast.literal_eval(case.get("options", "{}")) for case in entry["cases"]]
                    for entry in entries}
            for track, entries in data.get("track", {}).items()}


def _key(value) -> tuple:
    return (type(value).__name__, repr(value))  # True and "True" and None are different settings


def exempt(kata: Kata) -> dict[str, str]:
    """Checks the rule does not apply to, each with why: kata.toml's [pairwise] table (a property
    check run on two seeds, not on combinations of options)."""
    data = tomllib.loads((kata.folder / "kata.toml").read_text(encoding="utf-8"))
    return {str(check): str(why) for check, why in data.get("pairwise", {}).items()}


def gaps(kata: Kata) -> list[Gap]:
    """Every pair of option settings that no case of its check combines."""
    found = []
    skipped = exempt(kata)
    for track, checks in case_options(kata).items():
        for check, cases in checks.items():
            if check in skipped:
                continue
            defaulted = defaults(kata, track, check)
            names = sorted({name for options in cases for name in options if name in defaulted})
            if len(names) < 2:
                continue
            settings = [{name: setting(options.get(name, defaulted[name]), defaulted[name]) for name in names}
                        for options in cases]
            for first, second in itertools.combinations(names, 2):
                seen = {(_key(setting[first]), _key(setting[second])) for setting in settings}
                values_first = {_key(setting[first]): setting[first] for setting in settings}
                values_second = {_key(setting[second]): setting[second] for setting in settings}
                for (key_a, a), (key_b, b) in itertools.product(values_first.items(), values_second.items()):
                    if (key_a, key_b) not in seen:
                        found.append(Gap(track, check, (first, a), (second, b)))
    return found


def describe(found: list[Gap]) -> str:
    lines = [str(gap) for gap in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"... and {len(found) - SHOWN} more combinations")
    return "\n".join(lines)
