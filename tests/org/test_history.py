from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scanner.errors import FatalError
from scanner.org.history import SCHEMA_VERSION, History
from scanner.org.outcome import FindingRow, RepoOutcome
from tests.conftest import run_cli


def test_new_database_is_at_the_current_schema_version(tmp_path: Path) -> None:
    History(tmp_path / "h.sqlite").close()
    History(tmp_path / "h.sqlite").close()  # reopening migrates nothing twice
    conn = sqlite3.connect(tmp_path / "h.sqlite")
    assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_version_1_database_is_migrated_keeping_its_nist_statuses(tmp_path: Path) -> None:
    """Version 2 allows the status "concerns"; SQLite cannot alter a CHECK, so the table is rebuilt."""
    from scanner.org.history import MIGRATIONS

    with closing(sqlite3.connect(tmp_path / "h.sqlite")) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);"
            "INSERT INTO runs VALUES (1, 't0', 't1', '{}', '0');"
            "INSERT INTO repo_runs (run_id, repo, status, seconds, recorded) VALUES (1, 'r', 'ok', 1.0, 't1');"
            "INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.1', 'pass');"
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.2', 'concerns')")
    history = History(tmp_path / "h.sqlite")
    history.conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.2', 'concerns')")
    rows = {(r["subcategory"], r["status"]) for r in history.nist_statuses(1)}
    assert rows == {("MAP 1.1", "pass"), ("MAP 1.2", "concerns")}
    with pytest.raises(sqlite3.IntegrityError):
        history.conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.3', 'maybe')")
    assert history.conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    history.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    History(tmp_path / "h.sqlite").close()
    conn = sqlite3.connect(tmp_path / "h.sqlite")
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    with pytest.raises(FatalError, match="schema version 99 is newer"):
        History(tmp_path / "h.sqlite")


def test_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "h.sqlite").write_text("hello, I am a text file with enough bytes to look like a header" * 4)
    with pytest.raises(FatalError, match="open history database"):
        History(tmp_path / "h.sqlite")


def test_record_and_read_back(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    rules = [{"id": "R-1", "title": "t", "severity": "high", "category": "iam"}]
    run_id = history.start_run({"workers": 1}, rules)
    assert history.resume_run() == (run_id, set())
    row = FindingRow("a" * 32, "R-1", "high", "main.tf", "aws_s3_bucket.a")
    ok = RepoOutcome(
        "r",
        "ok",
        0.5,
        by_severity={"critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0},
        rule_counts={"R-1": 1},
        nist={"MEASURE 2.7": "fail"},
        findings=[row],
    )
    history.record(run_id, ok)
    history.record(run_id, RepoOutcome.failed("broken", "timeout", "timed out after 1 s", 1.0))
    assert history.resume_run() == (run_id, {"r", "broken"})
    assert history.finished_runs(5) == []
    history.finish_run(run_id)
    assert history.resume_run() == (None, set())
    assert [r["id"] for r in history.finished_runs(5)] == [run_id]
    statuses = {r["repo"]: (r["status"], r["high"], r["error"]) for r in history.repo_runs(run_id)}
    assert statuses == {"r": ("ok", 1, None), "broken": ("timeout", None, "timed out after 1 s")}
    assert [tuple(r) for r in history.rule_counts(run_id)] == [("R-1", 1, 1, "t", "high", "iam")]
    assert [tuple(r) for r in history.findings(run_id, "r")] == [tuple(vars(row).values())]
    with pytest.raises(sqlite3.IntegrityError):  # one outcome per repository and run
        history.record(run_id, ok)
    history.close()


def _database(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    return path


# (what the file holds, the one line `org report` prints)
BAD_HISTORIES = [
    ("text", None, "open history database {db}: file is not a database"),
    (
        "another program's database",
        ("CREATE TABLE runs (x)",),
        "open history database {db}: not an mlcomply history (no schema_version table)",
    ),
    (
        "a version that is not a number",
        ("CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES ('abc')"),
        "open history database {db}: malformed: its schema version is not a number",
    ),
    (
        "a current version without its tables",
        ("CREATE TABLE schema_version (version INTEGER)", f"INSERT INTO schema_version VALUES ({SCHEMA_VERSION})"),
        "read history {db}: malformed: no such table: runs",
    ),
]


@pytest.mark.parametrize(("_", "statements", "message"), BAD_HISTORIES, ids=[b[0] for b in BAD_HISTORIES])
def test_org_report_on_a_bad_history_says_what_is_wrong(
    tmp_path: Path, _: str, statements: tuple[str, ...] | None, message: str
) -> None:
    db = tmp_path / "h.sqlite"
    if statements is None:
        db.write_text("hello, I am a text file with enough bytes to look like a header" * 4)
    else:
        _database(db, *statements)
    before = db.read_bytes()
    proc = run_cli("org", "report", "--db", db, "--output", tmp_path / "r.html")
    assert proc.returncode == 2
    assert proc.stderr == "mlcomply: error: " + message.format(db=db) + "\n"
    assert not (tmp_path / "r.html").exists()
    if statements is not None and "schema_version" not in statements[0]:
        assert db.read_bytes() == before  # another program's database is never written into
