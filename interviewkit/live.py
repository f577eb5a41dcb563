"""Regrading on save: the file-watching loop behind `kit watch` and the mock dashboard."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

# watchfiles waits for this much quiet after a change before it reports it (an editor's save is
# several events), and checks every STEP milliseconds.
DEBOUNCE_MS = 400
STEP_MS = 20
IDLE_TICK_S = 0.05


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class Watcher:
    """Changed files under `folder` (not recursing), as they are saved. Created before a first grade,
    it also reports the `files` saved between its creation and the moment watching begins. With
    `tick_seconds`, it yields an empty set at least that often, so that a clock can be redrawn.
    Iteration ends on Ctrl-C."""

    def __init__(self, folder: Path, files: Iterable[Path] = (), tick_seconds: float | None = None):
        self.folder = folder
        self.tick_seconds = tick_seconds
        self._stamps = {path.resolve(): _stamp(path) for path in files}

    def __iter__(self) -> Iterator[set[Path]]:
        import watchfiles

        timeout_ms = int((self.tick_seconds or IDLE_TICK_S) * 1000)
        stamps = self._stamps
        try:
            for batch in watchfiles.watch(self.folder, recursive=False, debounce=DEBOUNCE_MS, step=STEP_MS,
                                          rust_timeout=timeout_ms, yield_on_timeout=True, raise_interrupt=True):
                changed = {Path(path).resolve() for _, path in batch}
                if stamps is not None:  # watching has begun: catch up with what was saved before
                    changed |= {path for path, stamp in stamps.items() if _stamp(path) != stamp}
                    stamps = None
                if changed or self.tick_seconds:
                    yield changed
        except KeyboardInterrupt:
            return
