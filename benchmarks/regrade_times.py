"""Save-to-verdict with the warm worker (`kit watch`) next to a cold `kit grade`, for softmax.

Usage: python benchmarks/regrade_times.py [--saves N] [--track numpy|torch]
A save is a write of the file; the verdict is the summary line `kit watch` prints for it. Each
figure is the median over N saves (alternately a wrong and a right solution) or N cold grades."""
from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERDICTS = ("checks passed", "checks failed")


def wait_for(process: subprocess.Popen, count: int, seen: list[str], timeout: float = 60) -> float:
    """Reads until the number of verdict lines reaches `count`; returns when it did."""
    deadline = time.monotonic() + timeout
    while sum(text.count(verdict) for text in seen for verdict in VERDICTS) < count:
        if time.monotonic() > deadline or not select.select([process.stdout], [], [], deadline - time.monotonic())[0]:
            raise SystemExit("kit watch gave no verdict in time:\n" + "".join(seen)[-2000:])
        seen.append(os.read(process.stdout.fileno(), 65536).decode(errors="replace"))
    return time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--track", default="numpy", choices=("numpy", "torch"))
    arguments = parser.parse_args()
    kit = shutil.which("kit") or sys.exit("install kit first: pip install -e .")
    reference = (REPO / "reference_solutions" / "softmax" / f"{arguments.track}.py").read_text()
    wrong = (REPO / "tests" / "candidates" / "softmax" / arguments.track / "wrong_global_max.py").read_text()
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Path(scratch)
        solution = workspace / f"softmax_{arguments.track}.py"
        solution.write_text(reference)
        environment = {**os.environ, "KIT_WORKSPACE": scratch, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
        cold = []
        for _ in range(max(3, arguments.saves // 2)):
            started = time.monotonic()
            subprocess.run([kit, "grade", str(solution), "--cold"], cwd=workspace, env=environment, capture_output=True)
            cold.append(time.monotonic() - started)
        watching = subprocess.Popen([kit, "watch", str(solution)], cwd=workspace, env=environment,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seen: list[str] = []
        try:
            wait_for(watching, 1, seen)
            warm = []
            for save in range(arguments.saves):
                time.sleep(0.5)  # let the watcher settle after the previous verdict
                started = time.monotonic()
                solution.write_text(wrong if save % 2 == 0 else reference)
                warm.append(wait_for(watching, save + 2, seen) - started)
        finally:
            watching.terminate()
            watching.wait()
            subprocess.run([kit, "worker", "stop"], cwd=workspace, env=environment, capture_output=True)
    print(f"softmax, {arguments.track} track, {os.cpu_count()} cores")
    print(f"cold `kit grade` (fresh process, imports torch):  median {statistics.median(cold):.3f} s "
          f"over {len(cold)} grades")
    print(f"`kit watch`, save to verdict (warm worker):       median {statistics.median(warm):.3f} s, "
          f"max {max(warm):.3f} s over {len(warm)} saves")


if __name__ == "__main__":
    main()
