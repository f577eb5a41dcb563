"""`kit dev new`: every file of a new kata, from the templates in scaffold/, each marked TODO, in the
kata format of catalog.py (paths that follow from the id, the API written once in kata.toml). A kata
so written is listed by `kit list` and refused by `kit dev check` until each TODO is filled in."""
from __future__ import annotations

import keyword
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from interviewkit import api
from interviewkit.catalog import HINT_TIERS, Catalog

TEMPLATES = Path(__file__).with_name("scaffold")
KATA_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
# The array type a track's signatures are annotated with; a track not named here is left unannotated.
ARRAY_TYPES = {"numpy": "np.ndarray", "torch": "torch.Tensor"}
# (template, where it goes): once per kata, then once per track.
KATA_FILES = (("kata.toml.j2", "katas/{id}/kata.toml"), ("statement.md.j2", "katas/{id}/statement.md"),
              ("hints.toml.j2", "katas/{id}/hints.toml"), ("explanation.md.j2", "katas/{id}/explanation.md"),
              ("promises.toml.j2", "katas/{id}/promises.toml"), ("example.py.j2", "katas/{id}/example.py"),
              ("cases.py.j2", "graders/{id}/cases.py"),
              ("grader.py.j2", "graders/{id}/test.py"))
TRACK_FILES = (("reference.py.j2", "reference_solutions/{id}/{track}.py"),
               ("right.py.j2", "tests/candidates/{id}/{track}/right_another_style.py"),
               ("wrong.py.j2", "tests/candidates/{id}/{track}/wrong_a_classic_bug.py"),
               ("forbidden.py.j2", "tests/candidates/{id}/{track}/forbidden_a_shortcut.py"))
# The folders a kata owns: one that exists already belongs to someone, and is never written into.
FOLDERS = ("katas/{id}", "reference_solutions/{id}", "graders/{id}", "tests/candidates/{id}")


class ScaffoldError(Exception):
    """Why a kata cannot be scaffolded; the message says what to do instead."""


@dataclass(frozen=True)
class Scaffold:
    kata: str
    root: Path
    files: list[Path]


def valid_id(name: str) -> str:
    kata_id = name.strip().replace("-", "_")
    if not KATA_ID.fullmatch(kata_id):
        raise ScaffoldError(f"'{name}' is not a kata id: use lowercase snake_case, letters and digits joined "
                            "by underscores and starting with a letter (e.g. rms_norm, conv1d).")
    if keyword.iskeyword(kata_id):
        raise ScaffoldError(f"'{kata_id}' is a Python keyword, and a kata's id names its function: "
                            f"pick another (e.g. {kata_id}_op).")
    return kata_id


def track_definitions(root: Path) -> tuple[dict, list[str]]:
    """katas/tracks.toml: the tracks a kata may offer, and the names of the forbidden families."""
    path = root / "katas" / "tracks.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ScaffoldError(f"cannot read {path} ({error}); run `kit dev new` in a content root "
                            "holding katas/tracks.toml, or pass --root") from None
    return data.get("tracks", {}), sorted(data.get("families", {}))


def track_context(kata_id: str, track: str, definition: dict) -> dict:
    annotation = ARRAY_TYPES.get(track)
    signature = f"{kata_id}(x: {annotation}) -> {annotation}" if annotation else f"{kata_id}(x)"
    imports = api.imports_for((api.Function(signature),), tuple(definition.get("imports", ())))
    return {"name": track, "signature": signature, "imports": imports}


def plan(root: Path, kata_id: str, tracks: list[dict], context: dict) -> dict[Path, tuple[str, dict]]:
    """Every file to write: its path, its template and what the template is given."""
    files = {root / target.format(id=kata_id): (template, context) for template, target in KATA_FILES}
    for track in tracks:
        for template, target in TRACK_FILES:
            files[root / target.format(id=kata_id, track=track["name"])] = (template, {**context, "track": track})
    return files



def scaffold(catalog: Catalog, name: str, tracks: list[str], title: str | None = None) -> Scaffold:
    """Writes every file of kata `name` under the catalog's root; refuses an invalid or taken id, an
    unknown track, and any file or kata folder that exists already (nothing is overwritten)."""
    import jinja2  # only `kit dev new` pays for it

    kata_id, root = valid_id(name), catalog.root
    if kata_id in catalog.ids():
        raise ScaffoldError(f"kata '{kata_id}' exists already ({root / 'katas' / kata_id}); pick another id, "
                            f"or prove it with `kit dev check {kata_id}`.")
    taken = [root / folder.format(id=kata_id) for folder in FOLDERS if (root / folder.format(id=kata_id)).exists()]
    if taken:
        raise ScaffoldError(f"{', '.join(map(str, taken))} exist already: kit dev new never writes into them. "
                            "Pick another id, or move them away first.")
    definitions, families = track_definitions(root)
    unknown = [track for track in tracks if track not in definitions]
    if unknown or not tracks:
        raise ScaffoldError(f"unknown track {', '.join(unknown) or '(none given)'}: katas/tracks.toml defines "
                            f"{', '.join(definitions)}; e.g. --tracks {','.join(definitions)}")
    context = {"id": kata_id, "title": title or kata_id.replace("_", " ").capitalize(),
               "families": families, "tiers": HINT_TIERS,
               "tracks": [track_context(kata_id, track, definitions[track]) for track in dict.fromkeys(tracks)]}
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["toml"] = lambda text: text.replace("\\", "\\\\").replace('"', '\\"')
    files = plan(root, kata_id, context["tracks"], context)
    for path, (template, values) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(environment.get_template(template).render(**values))
    return Scaffold(kata_id, root, list(files))
