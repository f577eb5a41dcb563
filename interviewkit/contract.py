"""The numeric contract that ends every statement, "How this kata is graded": the dtypes graded, the
tolerances as formulas, whether and how gradients are checked, the checks and their cases, the
forbidden operations and the efficiency bound.

`kit show` renders it, so this module imports neither torch, nor numpy, nor the graders: the checks,
their cases and the dtypes of their inputs come from the manifest `kit dev manifest` generates
from the graders (katas/<id>/cases.toml); a kata's own words come from its kata.toml [grading]."""
from __future__ import annotations

import tomllib
from collections import Counter
from typing import NamedTuple

from interviewkit.catalog import Kata
from interviewkit.forbidden import Forbidden
from interviewkit.grading.toolkit.tolerances import BASE_TOLERANCE
from interviewkit.messages import N_, _

MANIFEST = "cases.toml"
MANIFEST_VERSION = 1
HEADING = N_("How this kata is graded")
FLOATS = ("float16", "bfloat16", "float32", "float64")
NAMED_CASES = 6  # cases of an unusual dtype named on the dtypes line; beyond, a count
LABELS = (N_("Dtypes"), N_("Tolerance"), N_("Conditioning"), N_("Gradients"), N_("Checks"), N_("Forbidden"),
          N_("Efficiency"))

DEFAULT_GRADIENTS = {
    "torch": N_("checked for a random N(0, 1) upstream gradient g, the same for your code and the float64 "
                "reference: g is back-propagated through the output (`out.backward(g)`, never `out.sum()`) "
                "and the gradient of every input and parameter is held to the tolerance above."),
    "numpy": N_("not checked (the numpy track has no autograd); outputs only."),
}


class CheckCases(NamedTuple):  # not a dataclass: building one costs `kit show` a millisecond
    """One check of a track's grader (a test function) and its cases, each with its inputs' dtypes."""

    name: str
    cases: tuple[tuple[str, tuple[str, ...]], ...] = ()


def read_manifest(kata: Kata) -> dict[str, list[CheckCases]]:
    """Track name -> its checks, from katas/<id>/cases.toml; empty when the kata has none."""
    path = kata.folder / MANIFEST
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    if data.get("format_version") != MANIFEST_VERSION:
        return {}
    return {
        track: [CheckCases(entry["check"], tuple((case["name"], tuple(case["dtypes"])) for case in entry["cases"]))
                for entry in checks]
        for track, checks in data.get("track", {}).items()
    }


def _floats(dtypes) -> list[str]:
    return [dtype for dtype in FLOATS if dtype in dtypes]


def _names(names: list[str]) -> str:
    shown = _(", ").join(f"`{name}`" for name in names[:NAMED_CASES])
    return shown + (_(" and {count} more").format(count=len(names) - NAMED_CASES) if len(names) > NAMED_CASES else "")


def _number(value: float) -> str:
    return f"{value:g}".replace("e-0", "e-")  # 1e-5, not 1e-05


def _dtypes_line(checks: list[CheckCases], results: str = "") -> str:
    """The usual float dtype, then the cases in any other; then the results' dtypes (the kata's own
    sentence where float results do not simply keep the input's dtype)."""
    cases = [(case, _floats(dtypes)) for check in checks for case, dtypes in check.cases]
    counts = Counter(dtype for _, floats in cases for dtype in floats)
    if not counts:
        return ""
    usual = counts.most_common(1)[0][0]
    others = [_("{dtype} in {cases}").format(
                  dtype=dtype, cases=_names(list(dict.fromkeys(name for name, floats in cases if dtype in floats))))
              for dtype in FLOATS if dtype in counts and dtype != usual]
    # The separators are messages too: Chinese punctuates with ；。、, not with ASCII marks.
    return _("{dtypes}. {results}").format(dtypes=_("; ").join([usual, *others]),
                                           results=results or _("Float results keep the input's dtype."))


def _tolerance_line(dtypes: list[str], conditioned: bool) -> str:
    constants = _("; ").join(_("{dtype}: rtol = {rtol}, atol = {atol}").format(
        dtype=dtype, rtol=_number(BASE_TOLERANCE[dtype][0]), atol=_number(BASE_TOLERANCE[dtype][1])) for dtype in dtypes)
    factor = _("c as below") if conditioned else _("c = 1 (accuracy here does not depend on the inputs)")
    return _("a float passes when `|got − want| ≤ c·(atol·m + rtol·|want|)`: want is the float64 reference on the "
             "very values your code received, m the largest |want| compared (a gradient whose terms cancel, at "
             "their larger scale), {factor}. {constants}. Integers must be equal.").format(factor=factor, constants=constants)


def _public(name: str) -> bool:
    return not any(part.startswith("_") for part in name.removeprefix("import ").split("."))


def _forbidden_line(forbidden: Forbidden) -> str:
    """The public names; the private twins and the ATen operations behind them go unnamed."""
    names = [name for name in forbidden.names() if _public(name)]
    if not names:
        return ""
    twins = _(" Their private and ATen twins too: the operation is forbidden, however it is spelled.") \
        if forbidden.functions or forbidden.modules else ""
    return _("{names}.").format(names=_(", ").join(f"`{name}`" for name in names)) + twins


def _common_cases(manifest: dict[str, list[CheckCases]], tracks) -> dict[str, list[str]]:
    """For each check every track has, the cases every track's version has (in the first's order)."""
    versions: dict[str, list[set[str]]] = {}
    for track in tracks:
        for check in manifest.get(track, []):
            versions.setdefault(check.name, []).append({case for case, _ in check.cases})
    first = {check.name: check for check in manifest.get(next(iter(tracks)), [])}
    return {name: [case for case, _ in first[name].cases if all(case in cases for cases in found)]
            for name, found in versions.items() if len(found) == len(tracks) and name in first}


def _check_lines(checks: list[CheckCases], common: dict[str, list[str]]) -> list[str]:
    """A check's cases, split into those of every track (the same line in each, so it is shared)
    and this track's own."""
    lines = []
    for check in checks:
        cases = [case for case, _ in check.cases]
        shared = common.get(check.name)
        if shared or (shared is not None and not cases):
            lines.append(_cases_line(check.name, shared))
            own = [case for case in cases if case not in shared]
            if own:
                lines.append(f"`{check.name}`" + _(", also: {cases}").format(cases=_(", ").join(own)))
        else:
            lines.append(_cases_line(check.name, cases))
    return lines


def _cases_line(check: str, cases: list[str]) -> str:
    return _("{check}: {cases}").format(check=f"`{check}`", cases=_(", ").join(cases)) if cases else f"`{check}`"


def _entries(kata: Kata, track: str, checks: list[CheckCases], common: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(label, text) lines of one track, in LABELS order; a check is a line of its own."""
    notes = kata.shown_grading  # in kit's language where translated
    dtypes = _floats({dtype for check in checks for _, case_dtypes in check.cases for dtype in case_dtypes}) \
        or ["float32", "float64"]  # no manifest: the dtypes every kata grades
    entries = [("Dtypes", _dtypes_line(checks, notes.results)),
               ("Tolerance", _tolerance_line(dtypes, bool(notes.conditioning)))]
    if notes.conditioning:
        entries.append(("Conditioning", notes.conditioning))
    gradients = notes.gradients.get(track) or _(DEFAULT_GRADIENTS.get(track, ""))
    entries.append(("Gradients", gradients))
    entries += [("Checks", line) for line in _check_lines(checks, common)]
    entries.append(("Forbidden", _forbidden_line(kata.track(track).forbidden)))
    if kata.efficiency:
        entries.append(("Efficiency", _("`kit grade --strict` fails code slower than {bound}× the reference on the "
                                        "timing case; otherwise the ratio is only reported.").format(
                                            bound=f"{kata.efficiency.bound:g}")))
    return [(label, text) for label, text in entries if text]


def _section(entries: list[tuple[str, str]]) -> list[str]:
    lines = []
    for label in LABELS:
        texts = [text for of, text in entries if of == label]
        if label == "Checks" and texts:
            lines.append(_("- **Checks**, each case reported as `check[case]`:"))
            lines.extend(f"  - {text}" for text in texts)
        elif texts:
            lines.append(_("- **{label}**: {text}").format(label=_(label), text=" ".join(texts)))
    return lines


def block(kata: Kata) -> str:
    """The Markdown of "How this kata is graded": what every track shares first, then what differs."""
    if not kata.tracks:
        return ""
    manifest = read_manifest(kata)
    common = _common_cases(manifest, kata.tracks)
    per_track = {track: _entries(kata, track, manifest.get(track, []), common) for track in kata.tracks}
    shared = [entry for entry in next(iter(per_track.values()))
              if all(entry in entries for entries in per_track.values())]
    lines = [f"## {_(HEADING)}", "", *_section(shared)]
    for track, entries in per_track.items():
        own = [entry for entry in entries if entry not in shared]
        if own:
            lines += ["", "### " + _("{track} track").format(track=track), "", *_section(own)]
    return "\n".join(lines) + "\n"
