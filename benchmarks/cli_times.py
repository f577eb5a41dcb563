"""Wall times of kit's commands next to the imports they are measured against.

Usage: python benchmarks/cli_times.py [--runs N]
Each figure is the median of N runs (default 5) of a fresh process, in a scratch workspace."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def median_time(command: list[str], cwd: Path, runs: int, expect: int = 0) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode != expect:
            raise SystemExit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    kit = shutil.which("kit") or sys.exit("install kit first: pip install -e .")
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Path(scratch)
        subprocess.run([kit, "new", "softmax"], cwd=workspace, check=True, capture_output=True)
        shutil.copy(REPO / "reference_solutions" / "softmax" / "numpy.py", workspace / "softmax_numpy.py")
        shutil.copy(REPO / "reference_solutions" / "softmax" / "torch.py", workspace / "softmax_torch.py")
        rows = [
            ('python -c "import typer, rich"', [python, "-c", "import typer, rich"]),
            ('python -c "import torch"', [python, "-c", "import torch"]),
            ('python -c "import torch, pytest"', [python, "-c", "import torch, pytest"]),
            ("kit list", [kit, "list"]),
            ("kit show softmax", [kit, "show", "softmax"]),
            ("kit new softmax --force", [kit, "new", "softmax", "--dir", "stubs", "--force"]),
            ("kit hint softmax", [kit, "hint", "softmax", "--all"]),
            ("kit grade softmax (numpy reference)", [kit, "grade", "softmax", "--track", "numpy"]),
            ("kit grade softmax (torch reference)", [kit, "grade", "softmax", "--track", "torch"]),
        ]
        print(f"median of {runs} runs, {os.cpu_count()} cores, {sys.version.split()[0]}")
        for label, command in rows:
            print(f"{label:<40} {median_time(command, workspace, runs):6.3f} s")


if __name__ == "__main__":
    main()
