"""The workspace's progress, in SQLite: stubs written, grades, hints revealed, solutions viewed.

Every write is one transaction, so a command killed half-way leaves the store as it was."""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.workspace import KIT_DIR, KataFile

STORE_NAME = "progress.sqlite3"

# Each entry upgrades the schema by one version; never edit one that has shipped.
MIGRATIONS = [
    """
    CREATE TABLE stubs (id INTEGER PRIMARY KEY, at REAL NOT NULL, kata TEXT NOT NULL,
                        track TEXT NOT NULL, path TEXT NOT NULL);
    CREATE TABLE grades (id INTEGER PRIMARY KEY, at REAL NOT NULL, kata TEXT NOT NULL,
                         track TEXT NOT NULL, path TEXT NOT NULL, passed INTEGER NOT NULL,
                         checks_passed INTEGER NOT NULL, checks_total INTEGER NOT NULL,
                         duration_s REAL NOT NULL, device TEXT NOT NULL, failing_checks TEXT NOT NULL);
    CREATE TABLE hints (id INTEGER PRIMARY KEY, at REAL NOT NULL, kata TEXT NOT NULL, hint_id TEXT NOT NULL);
    CREATE TABLE solutions (id INTEGER PRIMARY KEY, at REAL NOT NULL, kata TEXT NOT NULL, track TEXT NOT NULL);
    CREATE INDEX grades_by_kata ON grades (kata, at);
    """,
    """
    CREATE TABLE mock_sessions (id INTEGER PRIMARY KEY, started_at REAL NOT NULL, deadline REAL NOT NULL,
                                seed INTEGER NOT NULL, folder TEXT NOT NULL, katas TEXT NOT NULL,
                                finished_at REAL, score REAL, report TEXT);
    ALTER TABLE grades ADD COLUMN session INTEGER;
    ALTER TABLE grades ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE grades ADD COLUMN efficiency REAL;
    ALTER TABLE hints ADD COLUMN session INTEGER;
    ALTER TABLE solutions ADD COLUMN session INTEGER;
    """,
    # What the first failing check was diagnosed as (CheckResult.cause), for `kit hint`.
    """
    ALTER TABLE grades ADD COLUMN first_cause TEXT NOT NULL DEFAULT '';
    """,
]


@dataclass
class KataProgress:
    """What the user has done with one kata, over all its tracks."""

    attempts: int = 0
    passed_tracks: set[str] = field(default_factory=set)
    attempted_tracks: set[str] = field(default_factory=set)
    best_time_s: float | None = None

    @property
    def status(self) -> str:
        if self.passed_tracks:
            return "passed"
        return "attempted" if self.attempts else "new"


@dataclass(frozen=True)
class GradeRecord:
    at: float
    kata: str
    track: str
    path: str
    passed: bool
    failing_checks: list[str]
    checks_passed: int = 0
    checks_total: int = 0
    counted: bool = True
    efficiency: float | None = None
    first_cause: str = ""  # the first failing check's diagnosed cause


@dataclass(frozen=True)
class MockSession:
    id: int
    started_at: float
    deadline: float
    seed: int
    folder: Path
    katas: list[dict]  # {"kata", "track", "file"}
    finished_at: float | None
    score: float | None
    report: str | None

    def holds(self, path: Path) -> bool:
        return self.folder == path.resolve().parent or self.folder in path.resolve().parents


class Store:
    def __init__(self, workspace: Path):
        self.path = workspace / KIT_DIR / STORE_NAME
        self.path.parent.mkdir(exist_ok=True)
        self._connection = sqlite3.connect(self.path, timeout=10)
        self._write_ahead_log()
        self._migrate()

    def _write_ahead_log(self) -> None:
        """Switches a new store to WAL. The switch takes the file's exclusive lock, which SQLite does
        not wait for (no busy handler): a command that opens the store while another switches it
        tries again, for up to the connection's 10 s."""
        deadline = time.monotonic() + 10
        while True:
            try:
                self._connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self._connection.close()

    def _migrate(self) -> None:
        """Brings the store to the latest schema. The version is read inside a write transaction: of
        two kit commands opening a new store at once, one migrates and the other then finds it done."""
        connection = self._connection
        connection.isolation_level = None  # the transaction below is explicit
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):  # executescript would commit first
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        finally:
            connection.isolation_level = ""

    def _insert(self, table: str, **values) -> None:
        columns = ", ".join(["at", *values])
        marks = ", ".join("?" * (len(values) + 1))
        with self._connection:
            self._connection.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", (time.time(), *values.values())
            )

    def record_stub(self, kata: str, track: str, path: Path) -> None:
        self._insert("stubs", kata=kata, track=track, path=str(path.resolve()))

    def record_grade(self, *, kata: str, track: str, path: Path, passed: bool, checks_passed: int,
                     checks_total: int, duration_s: float, device: str, failing_checks: list[str],
                     session: int | None = None, counted: bool = True, efficiency: float | None = None,
                     first_cause: str = "") -> None:
        self._insert(
            "grades", kata=kata, track=track, path=str(path.resolve()), passed=int(passed),
            checks_passed=checks_passed, checks_total=checks_total, duration_s=duration_s,
            device=device, failing_checks=json.dumps(failing_checks), session=session, counted=int(counted),
            efficiency=efficiency, first_cause=first_cause,
        )

    def record_hint(self, kata: str, hint_id: str, session: int | None = None) -> None:
        self._insert("hints", kata=kata, hint_id=hint_id, session=session)

    def record_solution(self, kata: str, track: str, session: int | None = None) -> None:
        self._insert("solutions", kata=kata, track=track, session=session)

    def revealed_hints(self, kata: str) -> list[str]:
        rows = self._connection.execute(
            "SELECT DISTINCT hint_id FROM hints WHERE kata = ? ORDER BY id", (kata,)
        )
        return [hint_id for (hint_id,) in rows]

    def last_grade(self, kata: str) -> GradeRecord | None:
        row = self._connection.execute(
            "SELECT at, kata, track, path, passed, failing_checks, first_cause FROM grades "
            "WHERE kata = ? ORDER BY at DESC, id DESC LIMIT 1",
            (kata,),
        ).fetchone()
        if row is None:
            return None
        at, kata_id, track, path, passed, failing, first_cause = row
        return GradeRecord(at, kata_id, track, path, bool(passed), json.loads(failing), first_cause=first_cause)

    def has_attempted(self, kata: str, track: str | None = None) -> bool:
        """Whether a grade of real work was recorded: one that passed or failed a check, not the grade of
        an untouched stub (its only failures, "not implemented", are not recorded as failing checks)."""
        query = "SELECT 1 FROM grades WHERE kata = ? AND (passed = 1 OR failing_checks != '[]')"
        query += " AND track = ?" if track else ""
        parameters = (kata, track) if track else (kata,)
        return self._connection.execute(query + " LIMIT 1", parameters).fetchone() is not None

    def grades(self, session: int | None = None) -> list[GradeRecord]:
        """Every grade, oldest first (only those of one mock session, if given)."""
        query = ("SELECT at, kata, track, path, passed, failing_checks, checks_passed, checks_total, counted, "
                 "efficiency FROM grades")
        rows = self._connection.execute(query + (" WHERE session = ?" if session else "") + " ORDER BY at, id",
                                        (session,) if session else ())
        return [GradeRecord(at, kata, track, path, bool(passed), json.loads(failing), passed_checks, total,
                            bool(counted), efficiency)
                for at, kata, track, path, passed, failing, passed_checks, total, counted, efficiency in rows]

    def hint_counts(self, session: int | None = None) -> dict[str, int]:
        """Distinct hints revealed, by kata (in one mock session, if given)."""
        query = "SELECT kata, COUNT(DISTINCT hint_id) FROM hints" + (" WHERE session = ?" if session else "")
        return dict(self._connection.execute(query + " GROUP BY kata", (session,) if session else ()))

    def hint_times(self) -> list[tuple[float, str]]:
        """(when, kata) of every hint revealed, oldest first."""
        return list(self._connection.execute("SELECT at, kata FROM hints ORDER BY at, id"))

    def solution_times(self) -> list[tuple[float, str]]:
        """(when, kata) of every reference solution viewed, oldest first."""
        return list(self._connection.execute("SELECT at, kata FROM solutions ORDER BY at, id"))

    def solutions_viewed(self, session: int) -> set[str]:
        rows = self._connection.execute("SELECT DISTINCT kata FROM solutions WHERE session = ?", (session,))
        return {kata for (kata,) in rows}

    def practice_days(self) -> list[str]:
        """The local dates (YYYY-MM-DD) with at least one grade, oldest first."""
        rows = self._connection.execute(
            "SELECT DISTINCT date(at, 'unixepoch', 'localtime') AS day FROM grades ORDER BY day")
        return [day for (day,) in rows]

    def create_session(self, *, started_at: float, deadline: float, seed: int, folder: Path,
                       katas: list[dict]) -> int:
        with self._connection:
            cursor = self._connection.execute(
                "INSERT INTO mock_sessions (started_at, deadline, seed, folder, katas) VALUES (?, ?, ?, ?, ?)",
                (started_at, deadline, seed, str(folder.resolve()), json.dumps(katas)),
            )
        return cursor.lastrowid

    def finish_session(self, session: int, *, finished_at: float, score: float, report: str) -> None:
        with self._connection:
            self._connection.execute(
                "UPDATE mock_sessions SET finished_at = ?, score = ?, report = ? WHERE id = ? AND finished_at IS NULL",
                (finished_at, score, report, session),
            )

    def sessions(self) -> list[MockSession]:
        rows = self._connection.execute(
            "SELECT id, started_at, deadline, seed, folder, katas, finished_at, score, report FROM mock_sessions "
            "ORDER BY id")
        return [MockSession(number, started, deadline, seed, Path(folder), json.loads(katas), finished, score, report)
                for number, started, deadline, seed, folder, katas, finished, score, report in rows]

    def stub_files(self) -> list[KataFile]:
        """Every file `kit new` wrote, with its kata and track (the file may since have been removed)."""
        rows = self._connection.execute("SELECT DISTINCT path, kata, track FROM stubs")
        return [KataFile(Path(path), kata, track) for path, kata, track in rows]

    def progress(self) -> dict[str, KataProgress]:
        """Per kata: attempts, tracks attempted and passed, and the best time from `kit new` to a pass."""
        result: dict[str, KataProgress] = {}
        for kata, track, passed, count in self._connection.execute(
            "SELECT kata, track, passed, COUNT(*) FROM grades GROUP BY kata, track, passed"
        ):
            entry = result.setdefault(kata, KataProgress())
            entry.attempts += count
            entry.attempted_tracks.add(track)
            if passed:
                entry.passed_tracks.add(track)
        for kata, seconds in self._connection.execute(
            """
            SELECT g.kata, MIN(g.at - s.at) FROM grades g
            JOIN stubs s ON s.path = g.path AND s.at <= g.at
            WHERE g.passed = 1
              AND s.at = (SELECT MAX(at) FROM stubs WHERE path = g.path AND at <= g.at)
            GROUP BY g.kata
            """
        ):
            result.setdefault(kata, KataProgress()).best_time_s = seconds
        return result


def open_store(workspace: Path | None) -> Store | None:
    """The store of an existing workspace, or None when there is none yet (read-only commands)."""
    if workspace is None or not (workspace / KIT_DIR).is_dir():
        return None
    return Store(workspace)
