"""The SQLite progress store: what it records, what it derives, and that a killed writer loses nothing."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from interviewkit.progress import Store, open_store
from interviewkit.workspace import find_workspace, open_workspace

REPO = Path(__file__).resolve().parent.parent


def grade(store, path, passed, kata="softmax", track="numpy", failing=()):
    store.record_grade(kata=kata, track=track, path=path, passed=passed, checks_passed=3 if passed else 1,
                       checks_total=3, duration_s=1.5, device="cpu", failing_checks=list(failing))


def test_status_attempts_and_best_time(tmp_path):
    store = Store(open_workspace(tmp_path))
    path = tmp_path / "softmax_numpy.py"
    assert store.progress() == {}
    store.record_stub("softmax", "numpy", path)
    grade(store, path, False, failing=["softmax[huge_magnitudes]"])
    progress = store.progress()["softmax"]
    assert (progress.status, progress.attempts, progress.best_time_s) == ("attempted", 1, None)
    assert store.last_grade("softmax").failing_checks == ["softmax[huge_magnitudes]"]
    time.sleep(0.05)
    grade(store, path, True)
    grade(store, tmp_path / "other.py", True, track="torch")  # no stub recorded: no time
    progress = store.progress()["softmax"]
    assert progress.status == "passed" and progress.attempts == 3
    assert progress.passed_tracks == {"numpy", "torch"}
    assert 0.05 <= progress.best_time_s < 5
    assert store.has_attempted("softmax", "torch") and not store.has_attempted("conv2d")
    grade(store, tmp_path / "conv2d_numpy.py", False, kata="conv2d")  # an untouched stub: nothing failed but "not implemented"
    assert not store.has_attempted("conv2d")


def test_hints_are_remembered_in_order_once(tmp_path):
    store = Store(open_workspace(tmp_path))
    for hint in ("nudge", "approach", "nudge"):
        store.record_hint("softmax", hint)
    assert store.revealed_hints("softmax") == ["nudge", "approach"]
    assert store.revealed_hints("conv2d") == []


def test_the_workspace_is_found_from_below_and_reads_create_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_WORKSPACE", raising=False)
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_workspace(nested) != tmp_path.resolve()
    assert not (tmp_path / ".kit").exists()
    assert open_workspace(tmp_path) == tmp_path.resolve()
    assert find_workspace(nested) == tmp_path.resolve()


def test_kit_workspace_names_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORKSPACE", str(tmp_path / "elsewhere"))
    assert find_workspace(tmp_path) == (tmp_path / "elsewhere").resolve()
    assert open_store(find_workspace(tmp_path)) is None
    assert (open_workspace(tmp_path) / ".kit").is_dir()


def test_a_writer_killed_mid_transaction_leaves_the_store_intact(tmp_path):
    store = Store(open_workspace(tmp_path))
    grade(store, tmp_path / "a.py", True)
    store.close()
    writer = subprocess.Popen([sys.executable, "-c", f"""
import sqlite3, sys, time
connection = sqlite3.connect({str(tmp_path / '.kit' / 'progress.sqlite3')!r})
connection.execute("BEGIN")
for i in range(1000):
    connection.execute("INSERT INTO hints (at, kata, hint_id) VALUES (0, 'softmax', ?)", (str(i),))
print("inside", flush=True)
time.sleep(60)
"""], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "inside"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    reopened = Store(tmp_path)
    assert reopened.revealed_hints("softmax") == []
    assert reopened.progress()["softmax"].status == "passed"
    check = sqlite3.connect(reopened.path).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"


def test_commands_opening_a_new_store_at_once_migrate_it_once(tmp_path):
    """Two kit commands started together in a new workspace: one creates the tables, the other waits
    and finds them (reading the schema version outside the transaction failed with "table exists")."""
    for attempt in range(5):
        workspace = tmp_path / str(attempt)
        workspace.mkdir()
        script = ("import sys\nfrom pathlib import Path\nfrom interviewkit.progress import Store\n"
                  "Store(Path(sys.argv[1])).record_stub('softmax', 'numpy', Path(sys.argv[2]))\n")
        openers = [subprocess.Popen([sys.executable, "-c", script, str(workspace), f"softmax_{number}.py"],
                                    stderr=subprocess.PIPE, text=True) for number in range(4)]
        errors = [opener.communicate(timeout=60)[1] for opener in openers]
        assert [opener.returncode for opener in openers] == [0] * 4, errors
        assert len(Store(workspace).stub_files()) == 4
