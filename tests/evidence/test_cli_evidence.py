"""Evidence records end to end, through the real command line: attested, expired, a subcategory
with both a finding and a record, config errors naming file and line, the merge base as the
trusted side of a diff scan, and `mlcomply evidence init`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from scanner.nist.results import validator
from tests.conftest import git, init_repo, run_cli
from tests.nist_fixtures import fixture_files, subcategory

ENV = {"AWS_EC2_METADATA_DISABLED": "true"}

RECORDS = """\
version: 1
records:
  - subcategory: GOVERN 2.2
    statement: every ML engineer completed the AI risk training
    evidence: docs/training.md
    owner: head-of-ml@example.com
    date: 2026-03-01
    expires: 2999-03-01
  - subcategory: MEASURE 2.2
    statement: human-subject evaluations follow the IRB protocol
    evidence: https://irb.example.com/protocols/7
    owner: ethics@example.com
    date: 2019-03-01
    expires: 2020-03-01
  - subcategory: MEASURE 2.7
    statement: the security review signed off the storage design
    evidence: docs/
    owner: security@example.com
    date: 2026-01-15
    expires: 2999-01-15
"""


def _repo(tmp_path: Path, evidence: str = RECORDS) -> Path:
    files: dict[str, str | bytes] = {**fixture_files("failing"), "docs/training.md": "# AI risk training\n"}
    files[".mlcomply-evidence.yaml"] = evidence
    return init_repo(tmp_path / "repo", files)


def _scan(root: Path, *extra: str | Path) -> tuple[Any, dict[str, Any]]:
    out = root.parent
    proc = run_cli(
        "scan", ".", "--format", "compact", "--json-output", out / "results.json",
        "--report-output", out / "report.json", *extra, cwd=root, env=ENV,
    )  # fmt: skip
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    return proc, report


def test_attested_expired_and_a_finding_beside_a_record(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    proc, report = _scan(root, "--sarif-output", tmp_path / "out.sarif")
    assert proc.returncode == 1, proc.stderr  # MEASURE 2.7's S3 findings, as without records
    assert list(validator("nist-report.schema.json").iter_errors(report)) == []
    results = json.loads((tmp_path / "results.json").read_text())
    assert list(validator().iter_errors(results)) == []

    attested = subcategory(report, "GOVERN 2.2")
    assert attested["status"] == "attested"
    assert [(r["evidence"], r["owner"], r["expired"], r["line"]) for r in attested["evidence_records"]] == [
        ("docs/training.md", "head-of-ml@example.com", False, 3)
    ]
    expired = subcategory(report, "MEASURE 2.2")
    assert expired["status"] == "attestation-expired"
    assert expired["evidence_records"][0]["expired"] is True
    both = subcategory(report, "MEASURE 2.7")  # the static result wins, the record is shown beside it
    assert both["status"] == "fail" and both["findings"]
    assert [r["statement"] for r in both["evidence_records"]] == ["the security review signed off the storage design"]
    assert report["evidence"] == {
        "source": ".mlcomply-evidence.yaml",
        "read_from": "working tree",
        "as_of": report["evidence"]["as_of"],
        "records": 3,
        "expired": 1,
        "attested": 1,
        "attestation_expired": 1,
    }
    assert report["coverage"]["by_status"]["attested"] == 1
    assert report["coverage"]["attestation"] == 10  # a property of the subcategory, attested or not

    # The expired record is an info finding on its entry, mapped to periodic review (GOVERN 1.5).
    info = [f for f in results["findings"] if f["rule_id"] == "MLC-EVIDENCE-001"]
    assert [(f["path"], f["start_line"], f["severity"]) for f in info] == [(".mlcomply-evidence.yaml", 9, "info")]
    assert subcategory(report, "GOVERN 1.5")["status"] == "concerns"

    taxa = {t["id"]: t for t in json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["taxonomies"][0]["taxa"]}
    assert taxa["GOVERN 2.2"]["properties"]["attestation"]["status"] == "attested"
    assert taxa["MEASURE 2.2"]["properties"]["attestation"]["status"] == "attestation-expired"
    assert taxa["MEASURE 2.2"]["properties"]["attestation"]["records"][0]["owner"] == "ethics@example.com"
    assert "attestation" not in taxa["MAP 3.4"]["properties"]

    # The report is a function of the results document: `mlcomply report` gives the same bytes.
    again = run_cli("report", tmp_path / "results.json", "--output", tmp_path / "again.json", cwd=root, env=ENV)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "report.json").read_bytes()
    md = run_cli("report", tmp_path / "results.json", "--output", tmp_path / "r.md", cwd=root, env=ENV)
    assert md.returncode == 0
    text = (tmp_path / "r.md").read_text()
    assert "| GOVERN 2.2 AI risk management training | 🖊️ attested | every ML engineer completed" in text
    assert "2020-03-01 ⌛ expired |" in text


def test_unknown_subcategory_is_a_config_error_naming_file_and_line(tmp_path: Path) -> None:
    root = _repo(tmp_path, RECORDS.replace("MEASURE 2.2", "MEASURE 2.14"))
    proc, _ = _scan(root)
    assert proc.returncode == 2
    assert "read evidence file .mlcomply-evidence.yaml: line 9: unknown AI RMF 1.0 subcategory id" in proc.stderr


def test_missing_evidence_path_is_a_config_error_naming_file_and_line(tmp_path: Path) -> None:
    root = _repo(tmp_path, RECORDS.replace("docs/training.md", "docs/training-2026.md"))
    proc, _ = _scan(root)
    assert proc.returncode == 2
    assert "read evidence file .mlcomply-evidence.yaml: line 5: evidence path does not exist" in proc.stderr


def test_evidence_path_through_a_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret plans\n")
    root = _repo(tmp_path, RECORDS.replace("docs/training.md", "docs/linked.md"))
    os.symlink(outside, root / "docs" / "linked.md")
    proc, _ = _scan(root)
    assert proc.returncode == 2
    assert "line 5: evidence path refused: symbolic link; not followed" in proc.stderr


def test_diff_scan_reads_the_records_at_the_merge_base(tmp_path: Path) -> None:
    """A change cannot attest its way into the report: its own records count once merged."""
    root = _repo(tmp_path)
    git(root, "checkout", "-q", "-b", "change")
    changed = RECORDS.replace("expires: 2020-03-01", "expires: 2999-03-01") + (
        "  - subcategory: MAP 3.4\n"
        "    statement: operators are trained\n"
        "    evidence: docs/not-there.md\n"
        "    owner: someone@example.com\n"
        "    date: 2026-01-01\n"
        "    expires: 2999-01-01\n"
    )
    (root / ".mlcomply-evidence.yaml").write_text(changed)
    git(root, "commit", "-qam", "attest more")
    base = git(root, "rev-parse", "main").strip()

    proc, report = _scan(root, "--diff-base", "main")
    assert proc.returncode in (0, 1), proc.stderr
    assert report["evidence"]["read_from"] == f"merge base {base}"
    assert subcategory(report, "MEASURE 2.2")["status"] == "attestation-expired"  # as the base has it
    assert subcategory(report, "MAP 3.4")["status"] == "attestation"  # the change's record is not used

    proc, report = _scan(root, "--diff-base", "main", "--trust-pr-suppressions")
    assert proc.returncode == 2  # the working tree's records, checked: its evidence path is missing
    assert "line 23: evidence path does not exist" in proc.stderr


def test_an_evidence_file_only_the_change_has_is_not_used(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", {**fixture_files("failing"), "docs/training.md": "x\n"})
    git(root, "checkout", "-q", "-b", "change")
    (root / ".mlcomply-evidence.yaml").write_text(RECORDS)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "attest")
    proc, report = _scan(root, "--diff-base", "main")
    assert report["evidence"] is None
    assert subcategory(report, "GOVERN 2.2")["status"] == "attestation"
    assert "records only this change has are not used until it is merged" in proc.stderr


def test_evidence_init_writes_a_template_that_becomes_records(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", {**fixture_files("passing"), "docs/training.md": "x\n"})
    proc = run_cli("evidence", "init", cwd=root, env=ENV)
    assert proc.returncode == 0, proc.stderr
    template = (root / ".mlcomply-evidence.yaml").read_text()
    # Every subcategory that requires attestation, with its AI RMF text; and the not-assessed ones.
    assert "# GOVERN 2.2: AI risk management training\n#   The organization\u2019s personnel and partners" in template
    for sub in ("GOVERN 2.3", "GOVERN 3.1", "MAP 3.4", "MEASURE 2.13", "MANAGE 2.1"):
        assert f"#  - subcategory: {sub}\n" in template
    assert "#  - subcategory: MEASURE 2.7\n" not in template  # assessed here (passing S3 rules)
    proc, report = _scan(root)  # as written (only comments under records:) it is a valid file
    assert proc.returncode == 0, proc.stderr
    assert report["evidence"]["records"] == 0

    again = run_cli("evidence", "init", cwd=root, env=ENV)
    assert again.returncode == 2
    assert "evidence init: " in again.stderr and "exists; use --force to overwrite it" in again.stderr

    # Uncomment one block and fill it in: a record the report shows.
    lines = template.splitlines()
    start = lines.index("#  - subcategory: GOVERN 2.2")
    block = [line[1:] for line in lines[start : start + 6]]
    block = [
        b.replace('statement: ""', "statement: yearly training")
        .replace('evidence: ""', "evidence: docs/training.md")
        .replace('owner: ""', "owner: ml-lead@example.com")
        for b in block
    ]
    (root / ".mlcomply-evidence.yaml").write_text("\n".join(lines[:start] + block + lines[start + 6 :]) + "\n")
    proc, report = _scan(root)
    assert proc.returncode == 0, proc.stderr
    assert subcategory(report, "GOVERN 2.2")["status"] == "attested"

    forced = run_cli("evidence", "init", "--force", "--output", tmp_path / "t.yaml", cwd=root, env=ENV)
    assert forced.returncode == 0 and (tmp_path / "t.yaml").read_text().startswith("# mlcomply evidence records")
