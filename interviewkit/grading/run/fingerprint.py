"""What a warm grading worker must have been started from to grade for a client: the same Python, the
same kit (its code and its catalogue, file by file) and the same NumPy and torch installations. A
worker compares a client's fingerprint with its own and ends itself on a mismatch (worker.py).

Files are fingerprinted by path, size and modification time, not content: a few thousand `stat`
calls take milliseconds, and every edit or reinstall changes one of the three."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

import interviewkit
from interviewkit.catalog import content_root

CONTENT_FOLDERS = ("katas", "graders", "reference_solutions")
LIBRARIES = ("numpy", "torch", "pytest")


def installation_fingerprint() -> str:
    digest = hashlib.sha256(f"{interviewkit.__version__}\0{sys.executable}\0{sys.version}".encode())
    package = Path(interviewkit.__file__).resolve().parent
    root = content_root()
    for folder in [package, *(root / name for name in CONTENT_FOLDERS)]:
        _add_tree(digest, folder)
    for library in LIBRARIES:
        _add_library(digest, library)
    return digest.hexdigest()


def _add_tree(digest, folder: Path) -> None:
    for directory, subfolders, files in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            _add_file(digest, os.path.join(directory, name))


def _add_library(digest, name: str) -> None:
    """A library's installed version, by the files pip rewrites on any install, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        digest.update(f"{name} absent\n".encode())
        return
    _add_file(digest, spec.origin)
    folder = Path(spec.origin).parent
    for version_file in ("version.py", "_version.py", "version/__init__.py"):
        _add_file(digest, str(folder / version_file))


def _add_file(digest, path: str) -> None:
    try:
        status = os.stat(path)
    except OSError:
        return
    digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
