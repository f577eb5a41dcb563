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
