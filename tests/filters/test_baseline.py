from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import S3_ONLY, git, run_cli, write_files


def bucket(name: str, acl: str = "public-read") -> str:
    return f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "acme-{name}"\n  acl    = "{acl}"\n}}\n'


def test_create_then_report_only_new_findings(make_repo, tmp_path: Path) -> None:
    root = make_repo({"infra/main.tf": bucket("old")})
    base_file = tmp_path / "baseline.json"
    res = run_cli("baseline", "create", *S3_ONLY, root, "--output", base_file)
    assert res.returncode == 0, res.stderr
    first = base_file.read_bytes()
    doc = json.loads(first)
    assert doc["version"] == 2
    assert doc["fingerprint"] == "mlcomply/v2"
    assert doc["settings"]["secret_fingerprints"] == "scrypt(n=16384,r=8,p=1)"
    assert doc["generated_by"].startswith("mlcomply ")
    assert doc["settings"]["paths"] == ["."]
    assert "MLC-AWS-S3-002" in doc["settings"]["rules"]
    assert {(f["rule_id"], f["address"]) for f in doc["findings"]} == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.old"),
    }
    assert all("line" not in json.dumps(f) for f in doc["findings"])
    # Deterministic: re-creating an unchanged baseline gives the same bytes.
    assert run_cli("baseline", "create", *S3_ONLY, root, "--output", base_file).returncode == 0
    assert base_file.read_bytes() == first

    clean = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--json-output", tmp_path / "r.json")
    assert clean.returncode == 0, clean.stdout
    assert "mlcomply: 0 finding(s)" in clean.stdout

    # Moving the accepted resource down keeps it accepted; a new bucket is reported.
    write_files(root, {"infra/main.tf": "\n\n# moved\n" + bucket("old") + bucket("new")})
    res = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--json-output", tmp_path / "r.json")
    assert res.returncode == 1
    out = json.loads((tmp_path / "r.json").read_text())
    active = {(f["rule_id"], f["address"]) for f in out["findings"] if f["suppression"] is None}
    assert active == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.new"),
    }
    accepted = [f["suppression"] for f in out["findings"] if f["suppression"] is not None]
    assert accepted == [{"kind": "baseline", "justification": "accepted in the baseline", "source": str(base_file)}] * 3
    assert out["summary"]["suppressed"] == 3


def test_settings_drift_is_noted(make_repo, tmp_path: Path) -> None:
    select = "select_rules: [MLC-AWS-S3-001, MLC-AWS-S3-002, MLC-AWS-S3-003]\n"
    root = make_repo({"main.tf": bucket("b"), "c.yaml": select + "skip_rules: [MLC-AWS-S3-001]\n"})
    base_file = tmp_path / "b.json"
    assert run_cli("baseline", "create", root, "--output", base_file, "--config", root / "c.yaml").returncode == 0
    res = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--fail-on", "low")
    assert res.returncode == 1  # the skipped rule's finding (low) is new
    assert f"baseline {base_file}: setting skip_rules was ['MLC-AWS-S3-001'], now []" in res.stderr
    assert f"baseline {base_file}: rules added since: MLC-AWS-S3-001" in res.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": 9, "settings": {}, "findings": []}', "format version 9 is newer than this mlcomply"),
        ('{"version": 1,\n "settings": {}\n "findings": []}', "line 3: not valid JSON"),
        (
            '{"version": 1, "settings": {}, "findings": [{"rule_id": "X"}]}',
            "findings/0: missing required keys 'fingerprint'",
        ),
    ],
)
def test_bad_baseline_is_a_usage_error(make_repo, tmp_path: Path, content: str, message: str) -> None:
    root = make_repo({"main.tf": bucket("b", "private")})
    (tmp_path / "b.json").write_text(content)
    res = run_cli("scan", *S3_ONLY, root, "--baseline", tmp_path / "b.json")
    assert res.returncode == 2
    assert f"read baseline {tmp_path / 'b.json'}: " in res.stderr
    assert message in res.stderr


def test_baseline_inside_the_repo_round_trips(make_repo) -> None:
    root = make_repo({"main.tf": bucket("b")})
    assert run_cli("baseline", "create", *S3_ONLY, "--output", ".mlcomply-baseline.json", cwd=root).returncode == 0
    git(root, "add", "-A")
    res = run_cli("scan", *S3_ONLY, "--baseline", ".mlcomply-baseline.json", cwd=root)
    assert res.returncode == 0, res.stdout + res.stderr


SECRET = "Zq8Lr2Vx9Pm4Kt7WqR3s"


def _v1(rule_id: str, path: str, identity: str) -> str:
    """A v1 fingerprint as mlcomply wrote it before v2 (format-1 baselines)."""
    return hashlib.sha256(f"{rule_id}\0{path}\0{identity}".encode()).hexdigest()[:32]


def _v1_baseline(path: Path) -> list[str]:
    """The format-1 file an older mlcomply wrote for the repository below, plus one stale entry."""
    secret_key = "key:sha256:" + hashlib.sha256(SECRET.encode()).hexdigest()
    rows = [
        ("MLC-AWS-S3-001", "main.tf", "address:aws_s3_bucket.old"),
        ("MLC-AWS-S3-002", "main.tf", "address:aws_s3_bucket.old"),
        ("MLC-AWS-S3-003", "main.tf", "address:aws_s3_bucket.old"),
        ("MLC-SECRET-GENERIC-001", "deploy/.env", secret_key),
        ("MLC-AWS-S3-001", "main.tf", "address:aws_s3_bucket.gone"),  # fixed since: matches nothing
    ]
    findings = [{"fingerprint": _v1(*r), "rule_id": r[0], "severity": "high", "path": r[1]} for r in rows]
    path.write_text(json.dumps({"version": 1, "generated_by": "mlcomply 0.9", "settings": {}, "findings": findings}))
    return [f["fingerprint"] for f in findings]


V1_REPO = {"main.tf": bucket("old"), "deploy/.env": f"DB_PASSWORD={SECRET}\n"}


def _suppressed(results: Path) -> set[tuple[str, str]]:
    findings = json.loads(results.read_text())["findings"]
    return {(f["rule_id"], f["path"]) for f in findings if f["suppression"] and f["suppression"]["kind"] == "baseline"}


def test_a_v1_baseline_is_still_honoured_with_a_note(make_repo, tmp_path: Path) -> None:
    root = make_repo(V1_REPO)
    old = tmp_path / "old.json"
    _v1_baseline(old)
    res = run_cli("scan", root, "--baseline", old, "--json-output", tmp_path / "r.json", "--fail-on", "high")
    assert res.returncode == 0, res.stdout + res.stderr
    assert _suppressed(tmp_path / "r.json") == {
        ("MLC-AWS-S3-001", "main.tf"),
        ("MLC-AWS-S3-002", "main.tf"),
        ("MLC-AWS-S3-003", "main.tf"),
        ("MLC-SECRET-GENERIC-001", "deploy/.env"),
    }
    assert f"baseline {old}: format 1: its fingerprints (mlcomply/v1) hold a plain SHA-256" in res.stderr
    assert f"mlcomply baseline migrate {old}" in res.stderr
    assert "setting secret_fingerprints" not in res.stderr  # format 1 did not record it: no drift


def test_migrate_rewrites_v1_as_v2_without_v1_secret_hashes(make_repo, tmp_path: Path) -> None:
    root = make_repo(V1_REPO)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    v1_prints = _v1_baseline(old)
    res = run_cli("baseline", "migrate", old, root, "--output", new)
    assert res.returncode == 0, res.stderr
    assert f"migrated baseline {old} to {new}: format 1 -> 2, fingerprints mlcomply/v1 -> mlcomply/v2" in res.stdout
    assert "4 accepted finding(s) kept; 1 v1 entry matched no unsuppressed finding of this scan and was dropped" in (
        res.stdout
    )
    assert "baseline migrate" not in res.stderr  # no note asking for what is being done
    text = new.read_text()
    doc = json.loads(text)
    assert doc["version"] == 2 and doc["fingerprint"] == "mlcomply/v2"
    assert doc["settings"]["secret_fingerprints"] == "scrypt(n=16384,r=8,p=1)"
    assert len(doc["findings"]) == 4
    for gone in [*v1_prints, hashlib.sha256(SECRET.encode()).hexdigest(), SECRET]:
        assert gone not in text
    # The migrated file suppresses what the v1 file did, and nothing is new.
    res = run_cli("scan", root, "--baseline", new, "--json-output", tmp_path / "r.json")
    assert res.returncode == 0 and "format 1" not in res.stderr, res.stderr
    assert len(_suppressed(tmp_path / "r.json")) == 4
    # A format-2 file has nothing to migrate; without --output OLD is rewritten in place.
    again = run_cli("baseline", "migrate", new, root)
    assert again.returncode == 0 and "already format 2; nothing to migrate" in again.stdout
    assert run_cli("baseline", "migrate", old, root).returncode == 0
    assert json.loads(old.read_text())["findings"] == doc["findings"]
