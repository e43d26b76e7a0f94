"""#13 item 6, end to end: no value from a scanned file reaches an error message.

Canaries sit where parsers quote them (a JSON-LD remote `@context` URL, the text rdflib cites
around a Turtle syntax error, a schema-invalid ignore file, the text of a crash) and are looked
for in every output: SARIF, JSON, stdout, stderr, the org database (its compressed result blobs
included) and the org reports.
"""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from scanner.secrets.checksums import github_token
from tests.conftest import init_repo, run_cli

DB_PASSWORD = "Kx7qPm2ZvR9tLw4N"  # in a connection string: the detector knows this form
TURTLE_PASSWORD = "Tq3Wz8Yb5Nc1Vd6J"  # a bare literal: only leaving rdflib's snippet out hides it
URL_TOKEN = "Hv6Jr2Xm9Pw4Qs7B"  # in the query of a context URL we must not fetch
CRASH_TOKEN = github_token("ghp_", "CanaryCrashToken0123456789abcd")
IGNORE_TOKEN = github_token("ghp_", "CanaryIgnoreToken123456789abc")
CANARIES = (DB_PASSWORD, TURTLE_PASSWORD, URL_TOKEN, CRASH_TOKEN, IGNORE_TOKEN)

PROV = "http://www.w3.org/ns/prov#"
TURTLE = (
    f"@prefix prov: <{PROV}> .\n"
    "@prefix ex: <http://example.org/> .\n"
    "ex:model a prov:Entity ;\n"
    f'   ex:dbPassword "{TURTLE_PASSWORD}" ;\n'
    f'   ex:conn "postgresql://admin:{DB_PASSWORD}@db.internal:5432/models"\n'
    "   ex:oops ex:x .\n"
)

# A trusted rule folder (named by the org config) whose module makes the scan process fail the
# way a scanner bug would: after the scan, with a value read from the repository in its text.
CRASH_PROBE = """
from pathlib import Path

from scanner.org import repo_scan

_head_commit = repo_scan.head_commit


def _crash_on_probe(root):
    probe = Path(root) / "crash.txt"
    if probe.is_file():
        raise RuntimeError("cannot parse " + probe.read_text().strip())
    return _head_commit(root)


repo_scan.head_commit = _crash_on_probe
RULES = []
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # the stdlib calls it by this name
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {}}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def context_server() -> Iterator[str]:
    """A JSON-LD context on this machine: a scan that fetched it would show up here."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _leaky_files(server: str) -> dict[str, str]:
    return {
        "prov/model.jsonld": json.dumps(
            {"@context": f"postgres://admin:{DB_PASSWORD}@db/x", "@id": "urn:m", "@type": f"{PROV}Entity"}
        ),
        "prov/remote.jsonld": json.dumps(
            {"@context": f"{server}/ctx.jsonld?token={URL_TOKEN}", "@id": "urn:r", "@type": f"{PROV}Entity"}
        ),
        "prov/lineage.ttl": TURTLE,
    }


def _assert_no_canary(where: str, text: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"{canary} in {where}"


def test_parser_error_text_is_redacted_in_every_output(tmp_path: Path, context_server: str) -> None:
    repo = init_repo(tmp_path / "repo", _leaky_files(context_server))
    sarif, results = tmp_path / "out.sarif", tmp_path / "out.json"
    proc = run_cli("scan", repo, "--sarif-output", sarif, "--json-output", results)
    assert proc.returncode in (0, 1), proc.stderr

    errors = {e["path"]: e for e in json.loads(results.read_text())["errors"]}
    assert errors["prov/lineage.ttl"]["line"] == 6 and "bad syntax" in errors["prov/lineage.ttl"]["message"]
    assert "remote JSON-LD context postgres://db is not fetched" in errors["prov/model.jsonld"]["message"]
    assert "remote JSON-LD context http://127.0.0.1 is not fetched" in errors["prov/remote.jsonld"]["message"]
    notes = json.loads(sarif.read_text())["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes} >= set(errors)
    for where, text in (("SARIF", sarif.read_text()), ("JSON", results.read_text()), ("stdout", proc.stdout)):
        _assert_no_canary(where, text)
    _assert_no_canary("stderr", proc.stderr)
    assert _Recorder.requests == []  # the remote context was never fetched


def test_schema_error_names_the_key_and_type_never_the_value(tmp_path: Path) -> None:
    ignore = f"version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    reason: ok\n    until: {IGNORE_TOKEN}\n"
    repo = init_repo(tmp_path / "repo", {"a.yaml": "a: 1\n", ".mlcomply-ignore.yaml": ignore})
    proc = run_cli("scan", repo)
    assert proc.returncode == 2
    assert "line 5: ignores/0/until: expected a valid date" in proc.stderr
    _assert_no_canary("stderr", proc.stderr + proc.stdout)


def _database_text(db: Path) -> str:
    """Every value the history holds, result blobs decompressed."""
    parts = []
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):  # names from the database itself
                for value in row:
                    parts.append(zlib.decompress(value).decode() if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


def test_org_history_and_reports_hold_no_value_from_a_file(tmp_path: Path, context_server: str) -> None:
    org = tmp_path / "org"
    init_repo(org / "leaky", _leaky_files(context_server))
    init_repo(org / "crashy", {"crash.txt": CRASH_TOKEN + "\n", "a.yaml": "a: 1\n"})
    bad_ignore = f"version: 1\nignores:\n  - rule: X\n    reason: ok\n    until: {IGNORE_TOKEN}\n"
    init_repo(org / "ignored", {"a.yaml": "a: 1\n", ".mlcomply-ignore.yaml": bad_ignore})
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "crash_probe.py").write_text(CRASH_PROBE)
    (tmp_path / "org.yaml").write_text("rules_dirs: [rules]\n")
    db = tmp_path / "history.sqlite"

    scan = run_cli(
        "org", "scan", "--repos", org, "--db", db, "--workers", "1", "--no-progress", "--config", tmp_path / "org.yaml"
    )
    assert scan.returncode == 2, scan.stderr  # two repositories failed
    outputs = {"org scan stdout": scan.stdout, "org scan stderr": scan.stderr}
    for ext in ("json", "md", "html"):
        report = run_cli("org", "report", "--db", db, "--output", tmp_path / f"report.{ext}")
        assert report.returncode == 0, report.stderr
        outputs[f"report.{ext}"] = (tmp_path / f"report.{ext}").read_text()
        outputs[f"org report {ext} output"] = report.stdout + report.stderr
    outputs["history"] = _database_text(db)

    repos = {r["name"]: r for r in json.loads(outputs["report.json"])["repos"]}
    assert repos["crashy"]["error"] == "internal error (RuntimeError); please report it to mlcomply"
    assert "ignores/0/until: expected a valid date" in repos["ignored"]["error"]
    assert repos["leaky"]["error"] is None
    assert "prov/lineage.ttl" in outputs["history"] and "bad syntax" in outputs["history"]  # blob decompressed
    for where, text in outputs.items():
        _assert_no_canary(where, text)
    assert _Recorder.requests == []
