"""Wall times of kit's commands next to the imports they are measured against.

Usage: python benchmarks/cli_times.py [--runs N]
Each figure is the median of N runs (default 5) of a fresh process, in a scratch workspace. The
commands take turns, one run each per round, so a machine that slows down for a while slows all
of them alike; the grades are also given as multiples of `import torch, pytest` (target: 1.3x)."""
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


def run_once(command: list[str], cwd: Path, expect: int = 0) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != expect:
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return elapsed


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
        times: dict[str, list[float]] = {label: [] for label, _ in rows}
        for _ in range(runs):
            for label, command in rows:
                times[label].append(run_once(command, workspace))
        medians = {label: statistics.median(values) for label, values in times.items()}
        baseline = medians['python -c "import torch, pytest"']
        print(f"median of {runs} interleaved runs, {os.cpu_count()} cores, {sys.version.split()[0]}")
        for label, _ in rows:
            ratio = f"  {medians[label] / baseline:4.2f}x import torch, pytest" if "grade" in label else ""
            print(f"{label:<40} {medians[label]:6.3f} s{ratio}")

if __name__ == "__main__":
    main()
