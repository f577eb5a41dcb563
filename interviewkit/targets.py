"""Which kata, track and file `kit grade` and `kit watch` mean, from what was given and what is on
disk, and the grade request their options describe; anything that does not fit is a usage error."""
from __future__ import annotations

from pathlib import Path

from interviewkit.catalog import Catalog, Kata
from interviewkit.progress import open_store
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
            fail_usage(f"{file} does not exist. Create it with `kit new KATA`, or check the path.")
        known = identify(file)
        kata_id = kata_id or (known.kata if known else None)
        track = track or (known.track if known and known.kata == kata_id else None)
        if kata_id is None:
            fail_usage(f"cannot tell which kata {file} is for: name it, as in `kit grade softmax --file {file}`.")
        kata = load_kata(catalog, kata_id)
        return kata, check_track(kata, track), file
    if kata_id is None:
        workspace = find_workspace() or Path.cwd()
        store = open_store(find_workspace())
        known = set(catalog.ids())
        candidates = (store.stub_files() if store else []) + find_kata_files(workspace)
        latest = most_recent([f for f in candidates if f.kata in known])
        if latest is None:
            fail_usage("no kata file found here. Start one with `kit new softmax`, or name a file to grade.")
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
        fail_usage(f"no file for {kata.id} here. Start one with `kit new {kata.id}`, or pass --file PATH.")
    return kata, latest.track, latest.path


def build_request(target: str | None, track: str | None, file: Path | None, device: str, timeout: float | None,
                  memory_limit: int | None, strict: bool = False):
    """The catalogue, and the grade request that `kit grade` and `kit watch` arguments describe."""
    from interviewkit.grading.run.runner import GradeRequest

    if device not in DEVICES:
        fail_usage(f"--device must be cpu, cuda or auto, not {device!r}.")
    if timeout is not None and not (0 < timeout < float("inf")):
        fail_usage(f"--timeout must be a positive number of seconds, not {timeout!r}.")
    if memory_limit is not None and memory_limit < 64:
        fail_usage(f"--memory-limit is in MiB and must be at least 64 (the interpreter's own needs), "
                   f"not {memory_limit}.")
    catalog = Catalog()
    kata, track_name, path = resolve_target(catalog, target, track, file)
    time_limit = timeout if timeout is not None else kata.time_limit
    return catalog, GradeRequest(kata.id, track_name, path, device, time_limit, memory_limit, strict)
