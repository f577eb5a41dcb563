"""Finding the processes a test started, however they were forked: each test gives its kit a marker
in the environment, which every process after it keeps in /proc/PID/environ."""
from __future__ import annotations

import time
from pathlib import Path

MARKER = "KIT_TEST_MARKER"


def processes_marked(marker: str) -> list[str]:
    """PIDs of the processes started with KIT_TEST_MARKER=marker in their environment."""
    wanted = f"{MARKER}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and wanted in (entry / "environ").read_bytes().split(b"\0"):
                found.append(entry.name)
        except OSError:
            continue
    return found


def survivors(marker: str, wait: float = 5.0) -> list[str]:
    """The marked processes still alive after up to `wait` seconds for them to end."""
    deadline = time.monotonic() + wait
    while (found := processes_marked(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def spare_of(worker: str) -> set[str]:
    """The worker's spare NumPy sandbox: its keeper (a child of the worker) and the keeper's child."""
    def children(pid: str) -> set[str]:
        found = set()
        for entry in Path("/proc").glob("[0-9]*/stat"):
            try:
                if entry.read_text().rsplit(")", 1)[1].split()[1] == pid:
                    found.add(entry.parent.name)
            except (OSError, IndexError):
                continue
        return found

    keepers = {pid for pid in children(worker)
               if b"spare import keep" in Path(f"/proc/{pid}/cmdline").read_bytes()}
    return keepers | {child for keeper in keepers for child in children(keeper)}
