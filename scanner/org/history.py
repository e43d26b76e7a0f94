"""The SQLite history of org runs. Versioned schema: MIGRATIONS[i] upgrades version i to i+1.

Only the process that drives a run writes here; each repository's outcome is committed in one
transaction as it arrives, which is what makes an interrupted run resumable.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.org.outcome import RepoOutcome
from scanner.secrets.redact import redact_text
from scanner.severity import SEVERITIES
from scanner.writers.safe_file import refuse_link

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started TEXT NOT NULL,
        finished TEXT,                      -- NULL while running or when interrupted
        settings TEXT NOT NULL,             -- JSON
        mlcomply_version TEXT NOT NULL
    );
    CREATE TABLE repo_runs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        repo TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'timeout')),
        error TEXT,
        commit_sha TEXT,
        seconds REAL NOT NULL,
        recorded TEXT NOT NULL,
        critical INTEGER, high INTEGER, medium INTEGER, low INTEGER, info INTEGER,
        results BLOB,                       -- zlib-compressed JSON results document
        PRIMARY KEY (run_id, repo)
    );
    CREATE TABLE rule_counts (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, rule_id TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (run_id, repo, rule_id),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    CREATE TABLE nist_statuses (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, subcategory TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'not-assessed', 'attestation')),
        PRIMARY KEY (run_id, repo, subcategory),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    CREATE TABLE findings (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL, severity TEXT NOT NULL, path TEXT NOT NULL, location TEXT NOT NULL,
        PRIMARY KEY (run_id, repo, fingerprint),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    CREATE TABLE run_rules (
        run_id INTEGER NOT NULL REFERENCES runs(id), rule_id TEXT NOT NULL,
        title TEXT NOT NULL, severity TEXT NOT NULL, category TEXT NOT NULL,
        PRIMARY KEY (run_id, rule_id)
    );
    """,
    # 2: NIST status "concerns" (findings below the threshold). SQLite cannot alter a CHECK
    # constraint: the table is rebuilt and its rows copied.
    """
    CREATE TABLE nist_statuses_v2 (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, subcategory TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pass', 'concerns', 'fail', 'not-assessed', 'attestation')),
        PRIMARY KEY (run_id, repo, subcategory),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    INSERT INTO nist_statuses_v2 SELECT run_id, repo, subcategory, status FROM nist_statuses;
    DROP TABLE nist_statuses;
    ALTER TABLE nist_statuses_v2 RENAME TO nist_statuses;
    """,
    # 3: each repository's AI inventory (models, datasets, hash grades) as JSON, for the report.
    """
    CREATE TABLE inventories (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, summary TEXT NOT NULL,
        PRIMARY KEY (run_id, repo),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    """,
    # 4: each run's rules with their MITRE ATLAS technique ids (a JSON list), for the org report.
    """
    ALTER TABLE run_rules ADD COLUMN atlas TEXT NOT NULL DEFAULT '[]';
    """,
    # 5: NIST statuses "attested" and "attestation-expired" (evidence records); rebuilt likewise.
    """
    CREATE TABLE nist_statuses_v5 (
        run_id INTEGER NOT NULL, repo TEXT NOT NULL, subcategory TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN (
            'pass', 'concerns', 'fail', 'attestation-expired', 'attested', 'not-assessed', 'attestation'
        )),
        PRIMARY KEY (run_id, repo, subcategory),
        FOREIGN KEY (run_id, repo) REFERENCES repo_runs(run_id, repo)
    );
    INSERT INTO nist_statuses_v5 SELECT run_id, repo, subcategory, status FROM nist_statuses;
    DROP TABLE nist_statuses;
    ALTER TABLE nist_statuses_v5 RENAME TO nist_statuses;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class History:
    def __init__(self, path: Path) -> None:
        self.path = path
        # SQLite follows a link at the path (and cannot write through a rename): refused instead.
        refuse_link(path, "open history database")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise FatalError(f"open history database {path}: {exc}") from None

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "schema_version" not in tables:
            # Some other program's database: never written into.
            raise FatalError(f"open history database {self.path}: not an mlcomply history (no schema_version table)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        current = row[0] if row else 0
        if isinstance(current, bool) or not isinstance(current, int) or current < 0:
            raise FatalError(f"open history database {self.path}: malformed: its schema version is not a number")
        if current > SCHEMA_VERSION:
            raise FatalError(
                f"open history database {self.path}: schema version {current} is newer than this "
                f"mlcomply understands ({SCHEMA_VERSION}); upgrade mlcomply"
            )
        for version in range(current, SCHEMA_VERSION):
            # executescript commits first; BEGIN/COMMIT make each step all-or-nothing.
            self.conn.executescript(
                f"BEGIN;\n{MIGRATIONS[version]}\nDELETE FROM schema_version;\n"
                f"INSERT INTO schema_version VALUES ({version + 1});\nCOMMIT;"
            )

    # -- writing a run ---------------------------------------------------------------------

    def start_run(self, settings: dict[str, Any], rules: list[dict[str, Any]]) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs (started, settings, mlcomply_version) VALUES (?, ?, ?)",
                (_now(), json.dumps(settings, sort_keys=True), __version__),
            )
            run_id = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO run_rules VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run_id, r["id"], r["title"], r["severity"], r["category"], json.dumps(r.get("atlas", [])))
                    for r in rules
                ],
            )
        return run_id

    def resume_run(self) -> tuple[int | None, set[str]]:
        """The last run if it is unfinished, with the repositories it already recorded."""
        row = self.conn.execute("SELECT id, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None or row["finished"] is not None:
            return None, set()
        done = self.conn.execute("SELECT repo FROM repo_runs WHERE run_id = ?", (row["id"],))
        return row["id"], {r[0] for r in done}

    def record(self, run_id: int, o: RepoOutcome) -> None:
        counts = [o.by_severity.get(s) for s in SEVERITIES] if o.status == "ok" else [None] * len(SEVERITIES)
        # Already redacted where it was made; again here, the last stop before disk and reports.
        error = None if o.error is None else redact_text(o.error)
        with self.conn:  # one transaction per repository
            self.conn.execute(
                "INSERT INTO repo_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, o.name, o.status, error, o.commit, o.seconds, _now(), *counts, o.results),
            )
            self.conn.executemany(
                "INSERT INTO rule_counts VALUES (?, ?, ?, ?)",
                [(run_id, o.name, rule, n) for rule, n in o.rule_counts.items()],
            )
            self.conn.executemany(
                "INSERT INTO nist_statuses VALUES (?, ?, ?, ?)",
                [(run_id, o.name, sub, status) for sub, status in o.nist.items()],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, o.name, f.fingerprint, f.rule_id, f.severity, f.path, f.location) for f in o.findings],
            )
            if o.inventory is not None:
                summary = json.dumps(o.inventory, sort_keys=True)
                self.conn.execute("INSERT INTO inventories VALUES (?, ?, ?)", (run_id, o.name, summary))

    def finish_run(self, run_id: int) -> None:
        with self.conn:
            self.conn.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run_id))

    # -- reading -----------------------------------------------------------------------------

    def finished_runs(self, limit: int) -> list[sqlite3.Row]:
        """The last `limit` finished runs, oldest first."""
        rows = self.conn.execute(
            "SELECT * FROM runs WHERE finished IS NOT NULL ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return rows[::-1]

    def repo_runs(self, run_id: int) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM repo_runs WHERE run_id = ? ORDER BY repo", (run_id,)).fetchall()

    def inventories(self, run_id: int) -> dict[str, dict[str, Any]]:
        rows = self.conn.execute("SELECT repo, summary FROM inventories WHERE run_id = ? ORDER BY repo", (run_id,))
        return {r["repo"]: json.loads(r["summary"]) for r in rows}

    def repo_totals(self, run_id: int) -> dict[str, int]:
        """Total findings per repository scanned fine in the run."""
        rows = self.conn.execute(
            "SELECT repo, critical + high + medium + low + info FROM repo_runs WHERE run_id = ? AND status = 'ok'",
            (run_id,),
        )
        return {row[0]: row[1] for row in rows}

    def rule_counts(self, run_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT c.rule_id, SUM(c.count) AS findings, COUNT(DISTINCT c.repo) AS repos, r.title, r.severity, "
            "r.category FROM rule_counts c LEFT JOIN run_rules r ON r.run_id = c.run_id AND r.rule_id = c.rule_id "
            "WHERE c.run_id = ? GROUP BY c.rule_id ORDER BY findings DESC, c.rule_id",
            (run_id,),
        ).fetchall()

    def rule_counts_by_repo(self, run_id: int) -> list[sqlite3.Row]:
        """Findings per repository and rule, with the rule's ATLAS ids (JSON; NULL for a rule the
        run did not record)."""
        return self.conn.execute(
            "SELECT c.repo, c.rule_id, c.count, r.atlas FROM rule_counts c LEFT JOIN run_rules r "
            "ON r.run_id = c.run_id AND r.rule_id = c.rule_id WHERE c.run_id = ? ORDER BY c.rule_id, c.repo",
            (run_id,),
        ).fetchall()

    def nist_statuses(self, run_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT subcategory, status, COUNT(*) AS repos FROM nist_statuses WHERE run_id = ? "
            "GROUP BY subcategory, status",
            (run_id,),
        ).fetchall()

    def nist_statuses_by_repo(self, run_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT repo, status, COUNT(*) AS subcategories FROM nist_statuses WHERE run_id = ? GROUP BY repo, status",
            (run_id,),
        ).fetchall()

    def findings(self, run_id: int, repo: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT fingerprint, rule_id, severity, path, location FROM findings WHERE run_id = ? AND repo = ?",
            (run_id, repo),
        ).fetchall()
