"""The user's workspace: finds .kit/, writes stubs from templates, finds kata files. Never overwrites."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from interviewkit import api
from interviewkit.catalog import Kata
from interviewkit.messages import _

KIT_DIR = ".kit"
WORKSPACE_VARIABLE = "KIT_WORKSPACE"
HEADER = "# kit: kata={kata} track={track}"
HEADER_PATTERN = re.compile(r"^#\s*kit:\s*kata=(?P<kata>[a-z0-9_]+)\s+track=(?P<track>[a-z0-9_]+)")
HEADER_LINES = 5
SKIPPED_DIRS = {"node_modules", "site-packages", "__pycache__", "venv", "env"}
SEARCH_DEPTH = 4


class StubExists(FileExistsError):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            _("{file} already exists; kit never overwrites your work. Grade it with `kit grade`, or pass --force to "
              "start over (the old file is backed up in .kit/backups/).").format(file=path)
        )


@dataclass(frozen=True)
class KataFile:
    path: Path
    kata: str
    track: str


def find_workspace(start: Path | None = None) -> Path | None:
    """The workspace named by $KIT_WORKSPACE, else the nearest directory at or above `start` that
    holds .kit/."""
    named = os.environ.get(WORKSPACE_VARIABLE)
    if named:
        return Path(named).resolve()
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / KIT_DIR).is_dir():
            return directory
    return None


def open_workspace(start: Path | None = None) -> Path:
    """The workspace around `start`, created in `start` on first use."""
    found = find_workspace(start)
    if found:
        (found / KIT_DIR).mkdir(parents=True, exist_ok=True)
        return found
    root = (start or Path.cwd()).resolve()
    (root / KIT_DIR).mkdir(exist_ok=True)
    return root


def stub_filename(kata_id: str, track: str) -> str:
    return f"{kata_id}_{track}.py"


def render_stub(kata: Kata, track: str) -> str:
    """The stub `kit new` writes: katas/stub.py.j2 rendered from the track's API in kata.toml."""
    chosen = kata.track(track)
    chosen.api  # a signature that does not parse is named with its kata.toml
    template = api.environment(kata.folder.parent).get_template("stub.py.j2")
    body = template.render(api=chosen.entries, imports=api.imports_for(chosen.entries, chosen.imports))
    header = HEADER.format(kata=kata.id, track=track)
    return f"{header}\n# {kata.title}: edit this file, then run `kit grade`.\n{body}"


def write_stub(kata: Kata, track: str, directory: Path, force: bool = False, workspace: Path | None = None,
               backed_up: list[Path] | None = None) -> Path:
    """Writes the stub; an existing file is refused, or backed up and replaced under `force` (the
    backup's path is appended to `backed_up`)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / stub_filename(kata.id, track)
    text = render_stub(kata, track)
    if not force:
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            raise StubExists(path) from None
        return path
    if path.exists():
        backup_dir = (workspace or directory) / KIT_DIR / "backups"
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = _unused(backup_dir / f"{path.name}.{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.copy2(path, backup)
        if backed_up is not None:
            backed_up.append(backup)
    _write_atomically(path, text)
    return path


def _unused(path: Path) -> Path:
    """`path`, or `path.2`, `path.3`...: two backups in one second must not overwrite each other."""
    number = 1
    while path.with_name(path.name + (f".{number}" if number > 1 else "")).exists():
        number += 1
    return path.with_name(path.name + (f".{number}" if number > 1 else ""))


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_header(path: Path) -> KataFile | None:
    """The kata and track named in a file's kit header, if it has one."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            for _, line in zip(range(HEADER_LINES), handle):
                match = HEADER_PATTERN.match(line)
                if match:
                    return KataFile(path, match["kata"], match["track"])
    except OSError:
        return None
    return None


def guess_from_name(path: Path, tracks: tuple[str, ...] = ("numpy", "torch")) -> tuple[str, str] | None:
    """`softmax_numpy.py` -> ("softmax", "numpy")."""
    for track in tracks:
        suffix = f"_{track}.py"
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.name[: -len(suffix)], track
    return None


def identify(path: Path) -> KataFile | None:
    """The kata and track of a file: from its kit header, else from its name (`softmax_numpy.py`)."""
    named = read_header(path)
    if named:
        return named
    guessed = guess_from_name(path)
    return KataFile(path, *guessed) if guessed else None


def find_kata_files(root: Path) -> list[KataFile]:
    """Kata files below `root` (by header or by name), skipping hidden folders and environments."""
    found = []
    root_depth = len(root.parts)
    for directory, subdirectories, files in os.walk(root):
        depth = len(Path(directory).parts) - root_depth
        subdirectories[:] = [
            name for name in subdirectories
            if not name.startswith(".") and name not in SKIPPED_DIRS and depth < SEARCH_DEPTH
        ]
        for name in files:
            if name.endswith(".py"):
                kata_file = identify(Path(directory) / name)
                if kata_file:
                    found.append(kata_file)
    return found


def most_recent(files: list[KataFile]) -> KataFile | None:
    existing = [kata_file for kata_file in files if kata_file.path.exists()]
    return max(existing, key=lambda kata_file: kata_file.path.stat().st_mtime, default=None)
