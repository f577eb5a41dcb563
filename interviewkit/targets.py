"""Which kata, track and file `kit grade` and `kit watch` mean, from what was given and what is on
disk, and the grade request their options describe; anything that does not fit is a usage error."""
from __future__ import annotations

import ast
from pathlib import Path

from interviewkit import render
from interviewkit.catalog import Catalog, Kata
from interviewkit.progress import open_store
from interviewkit.messages import _
from interviewkit.usage import check_track, fail_usage, load_kata
from interviewkit.workspace import KataFile, find_kata_files, find_workspace, identify, most_recent, stub_filename

DEVICES = ("cpu", "cuda", "auto")


def resolve_target(catalog: Catalog, target: str | None, track: str | None,
                   file: Path | None) -> tuple[Kata, str, Path]:
    """Which kata, track and file `kit grade` means, from what was given and what is on disk."""
    kata_id = None
    if file is None and target and (target.endswith(".py") or Path(target).exists()):
        file = Path(target)
    elif target:
        kata_id = target
    if file is not None:
        if not file.is_file():
            fail_usage(_("{file} does not exist. Create it with `kit new KATA`, or check the path.").format(file=file))
        known = identify(file)
        kata_id = kata_id or (known.kata if known else None)
        track = track or (known.track if known and known.kata == kata_id else None)
        if kata_id is None:
            kata_id, track = _by_definitions(catalog, file, track)
        kata = load_kata(catalog, kata_id)
        track = check_track(kata, track or _by_imports(kata, file))
        _warn_if_other_library(file, track)
        return kata, track, file
    if kata_id is None:
        workspace = find_workspace() or Path.cwd()
        store = open_store(find_workspace())
        known = set(catalog.ids())
        candidates = (store.stub_files() if store else []) + find_kata_files(workspace)
        latest = most_recent([f for f in candidates if f.kata in known])
        if latest is None:
            fail_usage(_("no kata file found here. Start one with `kit new softmax`, or name a file to grade."))
        kata = load_kata(catalog, latest.kata)
        return kata, check_track(kata, track or latest.track), latest.path
    kata = load_kata(catalog, kata_id)
    tracks = [check_track(kata, track)] if track else list(kata.tracks)
    here = [KataFile(Path(stub_filename(kata.id, name)), kata.id, name) for name in tracks]
    workspace = find_workspace() or Path.cwd()
    store = open_store(find_workspace())
    recorded = store.stub_files() if store else []
    elsewhere = [f for f in recorded + find_kata_files(workspace) if f.kata == kata.id and f.track in tracks]
    latest = most_recent(here) or most_recent(elsewhere)
    if latest is None:
        fail_usage(_("no file for {kata} here. Start one with `kit new {kata}`, or pass --file PATH.").format(kata=kata.id))
    return kata, latest.track, latest.path


def _source_facts(file: Path) -> tuple[set[str], set[str]] | None:
    """The names a file defines at its top level, and the top-level modules it imports; None when it
    does not parse (the grade will say why)."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError, OSError):
        return None
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    return defined, imported


def _required_names(kata: Kata, track: str) -> set[str]:
    """The top-level functions and classes a track's API asks for: `softmax`, `MultiHeadAttention`."""
    names = set()
    for line in kata.track(track).api:
        head = line.removeprefix("class ").split("(")[0]
        if "." not in head:
            names.add(head)
    return names


def _by_definitions(catalog: Catalog, file: Path, track: str | None) -> tuple[str, str | None]:
    """The kata whose API a file defines (`slow_conv.py` defining `conv2d`), when exactly one fits."""
    facts = _source_facts(file)
    fits = []
    if facts:
        defined, imported = facts
        for kata in catalog.katas():
            tracks = [name for name in kata.tracks if track in (None, name)]
            matching = [name for name in tracks if _required_names(kata, name) <= defined]
            if matching:
                fits.append((kata.id, matching))
    if len(fits) != 1:
        which = _(" (it fits {katas})").format(katas=", ".join(kata_id for kata_id, _tracks in fits)) if fits else ""
        fail_usage(_("cannot tell which kata {file} is for{which}: name it, as in `kit grade softmax --file {file}`.")
                   .format(file=file, which=which))
    kata_id, tracks = fits[0]
    return kata_id, tracks[0] if len(tracks) == 1 else None


def _by_imports(kata: Kata, file: Path) -> str | None:
    """torch for a file that imports torch, numpy for one that imports numpy only, when the kata has both."""
    facts = _source_facts(file)
    if not facts:
        return None
    imported = facts[1]
    if "torch" in imported and "torch" in kata.tracks:
        return "torch"
    if "numpy" in imported and "numpy" in kata.tracks:
        return "numpy"
    return None


def _warn_if_other_library(file: Path, track: str) -> None:
    """A NumPy solution graded on the torch track (or the reverse) fails for a reason worth saying first."""
    facts = _source_facts(file)
    if not facts:
        return
    imported = facts[1]
    other = {"torch": "numpy", "numpy": "torch"}.get(track)
    if other and other in imported and track not in imported:
        render.error_note(_("{file} imports {other} but not {track}, and is graded on the {track} track: pass "
                            "--track {other} if it is a {other} solution.").format(file=file, other=other, track=track))


def example_file(kata: Kata, given: str) -> Path:
    """`kit run --input`: the kata's own example, or a file of the user's defining example(track)."""
    if given == "example":
        path = kata.folder / "example.py"
        if not path.is_file():
            fail_usage(_("{kata} has no example yet: pass --input FILE.py, a file defining example(track) that "
                         "returns the steps to run (see `kit run --help`).").format(kata=kata.id))
        return path
    path = Path(given)
    if not path.is_file():
        fail_usage(_("{file} does not exist: --input takes `example` or a FILE.py defining example(track).").format(
            file=given))
    return path.resolve()


def build_request(target: str | None, track: str | None, file: Path | None, device: str, timeout: float | None,
                  memory_limit: int | None, strict: bool = False):
    """The catalogue, and the grade request that `kit grade` and `kit watch` arguments describe."""
    from interviewkit.grading.run.runner import GradeRequest

    if device not in DEVICES:
        fail_usage(_("--device must be cpu, cuda or auto, not {device}.").format(device=repr(device)))
    if timeout is not None and not (0 < timeout < float("inf")):
        fail_usage(_("--timeout must be a positive number of seconds, not {timeout}.").format(timeout=repr(timeout)))
    if memory_limit is not None and memory_limit < 64:
        fail_usage(_("--memory-limit is in MiB and must be at least 64 (the interpreter's own needs), not "
                     "{memory}.").format(memory=memory_limit))
    catalog = Catalog()
    kata, track_name, path = resolve_target(catalog, target, track, file)
    time_limit = timeout if timeout is not None else kata.time_limit
    return catalog, GradeRequest(kata.id, track_name, path, device, time_limit, memory_limit, strict)
