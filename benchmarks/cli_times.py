"""Wall times of kit's commands next to the imports they are measured against.

Usage: python benchmarks/cli_times.py [--runs N] [--katas K]
Each figure is the median of N runs (default 5) of a fresh process, in a scratch workspace. The
commands take turns, one run each per round, so a machine that slows down for a while slows all
of them alike. Commands that do not grade are given as multiples of `import typer, rich` (target:
1.5x), cold grades as multiples of `import torch, pytest` (target: 1.3x), and grades through the
workspace's warm worker (started before the first round) in seconds (target: under 0.5 s). With --katas K the catalogue is
grown to K katas (copies of softmax under other ids, in a scratch content root) to show that the
commands stay flat as the catalogue grows."""
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


def grown_catalogue(root: Path, size: int) -> None:
    """A content root holding kit's katas plus copies of softmax, `size` katas in all."""
    for folder in ("katas", "graders", "reference_solutions"):
        shutil.copytree(REPO / folder, root / folder)
    existing = len(list((root / "katas").glob("*/kata.toml")))
    for number in range(max(0, size - existing)):
        kata_id = f"softmax_copy_{number:03d}"
        for folder in ("katas", "graders", "reference_solutions"):
            shutil.copytree(REPO / folder / "softmax", root / folder / kata_id)
        meta = root / "katas" / kata_id / "kata.toml"
        meta.write_text(meta.read_text().replace('id = "softmax"', f'id = "{kata_id}"', 1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--katas", type=int, default=0, help="grow the catalogue to this many katas")
    options = parser.parse_args()
    runs = options.runs
    kit = shutil.which("kit") or sys.exit("install kit first: pip install -e .")
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Path(scratch)
        if options.katas:
            grown_catalogue(workspace / "content", options.katas)
            os.environ["KIT_CONTENT_ROOT"] = str(workspace / "content")
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
            ("kit grade softmax --cold (numpy reference)", [kit, "grade", "softmax", "--track", "numpy", "--cold"]),
            ("kit grade softmax --cold (torch reference)", [kit, "grade", "softmax", "--track", "torch", "--cold"]),
            ("kit grade softmax, warm (numpy reference)", [kit, "grade", "softmax", "--track", "numpy"]),
            ("kit grade softmax, warm (torch reference)", [kit, "grade", "softmax", "--track", "torch"]),
        ]
        os.environ.pop("KIT_WORKER", None)
        run_once([kit, "grade", "softmax", "--track", "numpy"], workspace)  # starts the workspace's worker
        times: dict[str, list[float]] = {label: [] for label, _ in rows}
        for _ in range(runs):
            for label, command in rows:
                times[label].append(run_once(command, workspace))
        medians = {label: statistics.median(values) for label, values in times.items()}
        grading = medians['python -c "import torch, pytest"']
        interface = medians['python -c "import typer, rich"']
        size = len(list((Path(os.environ.get("KIT_CONTENT_ROOT", REPO)) / "katas").glob("*/kata.toml")))
        print(f"median of {runs} interleaved runs, {os.cpu_count()} cores, {sys.version.split()[0]}, "
              f"{size} katas in the catalogue")
        run_once([kit, "worker", "stop"], workspace)
        for label, _ in rows:
            if "warm" in label:
                ratio = f"  {'under' if medians[label] < 0.5 else 'OVER'} the 0.5 s target"
            elif "grade" in label:
                ratio = f"  {medians[label] / grading:4.2f}x import torch, pytest"
            elif label.startswith("kit"):
                ratio = f"  {medians[label] / interface:4.2f}x import typer, rich"
            else:
                ratio = ""
            print(f"{label:<46} {medians[label]:6.3f} s{ratio}")

if __name__ == "__main__":
    main()
