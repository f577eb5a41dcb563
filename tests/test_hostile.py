"""Hostile candidates (tests/hostile/*.py), each one trick, graded end to end through `kit grade`:
exit 1, "passed": false, a message naming what happened, within the time limit, nothing written
outside the sandbox's own folder, no sandbox folder left behind, and kit alive to report it.

Each file's header names its track, the message expected (alternatives separated by |), any
set-up the test provides (files beside the candidate, or a hostile environment), and the time and
memory limits to grade it with when they are not the defaults; the kata when it is not softmax (a
trick aimed at the efficiency check needs a kata that times), and `strict: yes` to grade with --strict."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import MARKER, survivors

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "hostile"
TIME_LIMIT = 10
LEFTOVERS = ("/tmp/kit-pwned.txt", "/tmp/kit-subprocess-pwned", "/tmp/kit-ctypes-pwned")
PASS_EVERYTHING = '''import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
'''


def header(path: Path, key: str) -> str | None:
    for line in path.read_text().splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return None


def prepare(setup: str | None, work: Path, environment: dict) -> None:
    if setup == "beside":
        (work / "conftest.py").write_text(PASS_EVERYTHING)
        (work / "pytest.ini").write_text("[pytest]\naddopts = -p conftest\npython_files = *.py\n")
        (work / "pyproject.toml").write_text('[tool.pytest.ini_options]\naddopts = "-p conftest"\n')
        (work / "sitecustomize.py").write_text("import builtins\nbuiltins.KIT_PWNED = True\n")
    elif setup == "environment":
        plugins = work.parent / "plugins"
        plugins.mkdir()
        (plugins / "hostile_plugin.py").write_text(PASS_EVERYTHING)
        environment.update(PYTEST_ADDOPTS="-p hostile_plugin", PYTEST_PLUGINS="hostile_plugin",
                           PYTHONPATH=f"{plugins}{os.pathsep}{REPO}")


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.py")), ids=lambda path: path.stem)
def test_a_hostile_candidate_fails_safely(path, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "sentinel").write_text("untouched")
    work = tmp_path / "work"
    work.mkdir()
    candidate = work / "solution.py"
    candidate.write_text(path.read_text())
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    marker = f"{path.stem}-{os.getpid()}"
    environment = {**os.environ, "HOME": str(home), "KIT_TEST_REAL_HOME": str(home), "PYTHONPATH": str(REPO),
                   "KIT_WORKSPACE": str(work), "TMPDIR": str(scratch), MARKER: marker, "KIT_TEST_REPO": str(REPO)}
    prepare(header(path, "setup"), work, environment)
    before = {entry.name for entry in work.iterdir()}

    started = time.monotonic()
    time_limit = float(header(path, "timeout") or TIME_LIMIT)
    memory = ["--memory-limit", header(path, "memory")] if header(path, "memory") else []
    strict = ["--strict"] if header(path, "strict") == "yes" else []
    result = subprocess.run(
        [sys.executable, "-m", "interviewkit", "grade", header(path, "kata") or "softmax", "--track",
         header(path, "track"), "--file", str(candidate), "--json", "--timeout", str(time_limit), *memory, *strict],
        cwd=work, env=environment, capture_output=True, text=True, timeout=time_limit + 60,
    )
    elapsed = time.monotonic() - started

    assert result.returncode == 1, f"exit {result.returncode}\n{result.stdout[-1500:]}\n{result.stderr[-1500:]}"
    report = json.loads(result.stdout)
    assert report["passed"] is False
    failures = " | ".join(f"{c['name']}: {c['message']}" for c in report["checks"] if not c["passed"])
    expected = header(path, "expect").split("|")
    assert any(phrase.lower() in failures.lower() for phrase in expected), failures[:2000]
    assert elapsed < time_limit + 15
    assert [entry.name for entry in home.iterdir()] == ["sentinel"]
    assert {entry.name for entry in work.iterdir()} - before <= {".kit"}
    assert not list(scratch.iterdir()), "the sandbox's folder was left behind"
    assert not [leftover for leftover in LEFTOVERS if Path(leftover).exists()]
    assert not survivors(marker), "a process of the grade outlived kit"

