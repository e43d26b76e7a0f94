from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from scanner.filters import suppress
from scanner.findings import Finding
from scanner.metadata import RuleMeta
from tests.conftest import run_cli

TODAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "main.tf",
            'resource "a" "b" {\n  # mlcomply:ignore MLC-X-001 approved in SEC-1\n  acl = "x"\n}\n',
            [(2, 3, ("MLC-X-001",), "approved in SEC-1", None)],
        ),
        (
            "main.tf",
            'resource "a" "b" {\n  acl = "x" // mlcomply:ignore MLC-X-001 until=2026-12-31 temp\n}\n',
            [(2, 2, ("MLC-X-001",), "temp", datetime.date(2026, 12, 31))],
        ),
        (
            "vars.tfvars",
            '/* mlcomply:ignore MLC-X-001, MLC-Y-002 legacy */\n\n# other comment\nacl = "x"\n',
            [(1, 4, ("MLC-X-001", "MLC-Y-002"), "legacy", None)],
        ),
        (
            "job.yaml",
            "spec:\n  # mlcomply:ignore MLC-K8S-IMAGE-001 vendor image\n  containers: []\n",
            [(2, 3, ("MLC-K8S-IMAGE-001",), "vendor image", None)],
        ),
        (
            "train.py",
            "TOKEN = load()  # mlcomply:ignore MLC-SEC-001 read from vault\n"
            's = "# mlcomply:ignore MLC-X-001 in a string"\n',
            [(1, 1, ("MLC-SEC-001",), "read from vault", None)],
        ),
        (
            "MODEL_CARD.md",
            "<!-- mlcomply:ignore MLC-DOC-001 until=2027-01-01 card in review -->\n# Model\n",
            [(1, 2, ("MLC-DOC-001",), "card in review", datetime.date(2027, 1, 1))],
        ),
        (
            "broken.py",
            'x = 1  # mlcomply:ignore MLC-SEC-001 fixture\ns = """never closed\n',
            [(1, 1, ("MLC-SEC-001",), "fixture", None)],
        ),
        ("Dockerfile", "FROM python:3 # mlcomply:ignore MLC-IMG-001\n", [(1, 1, ("MLC-IMG-001",), "", None)]),
        ("data.json", '{"a": "# mlcomply:ignore MLC-X-001 json has no comments"}\n', []),
        ("README.md", "# mlcomply:ignore MLC-X-001 a heading, not a comment\n", []),
    ],
)
def test_parse_comment_syntaxes(path: str, text: str, expected: list[tuple[object, ...]]) -> None:
    notes: list[str] = []
    got = [(d.line, d.target, d.rules, d.reason, d.until) for d in suppress.parse(path, text, notes)]
    assert got == expected
    assert notes == []


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("# mlcomply:ignore\nx: 1\n", "names no rule id"),
        ("# mlcomply:ignore MLC-X-001 until=2026-13-01 bad date\nx: 1\n", "not a YYYY-MM-DD date"),
    ],
)
def test_malformed_directives_are_noted_and_not_honoured(text: str, note: str) -> None:
    notes: list[str] = []
    assert suppress.parse("a.yaml", text, notes) == []
    assert len(notes) == 1
    assert notes[0].startswith("a.yaml:1: ") and note in notes[0]


def _meta(rule_id: str, aliases: tuple[str, ...] = ()) -> RuleMeta:
    return RuleMeta(
        id=rule_id,
        title="t",
        severity="high",
        category="secrets",
        nist_ai_rmf=("MEASURE 2.7",),
        description="d",
        remediation="r",
        input_kinds=("text",),
        aliases=aliases,
    )


def _finding(rule_id: str, path: str, line: int, end_line: int | None = None) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity="high",
        category="secrets",
        title="t",
        message="a secret",
        path=path,
        start_line=line,
        end_line=end_line or line,
        fingerprint=f"{rule_id}{path}{line}",
        nist_ai_rmf=("MEASURE 2.7",),
    )


def _apply(
    root: Path, findings: list[Finding], policy: suppress.Policy | None = None
) -> tuple[list[Finding], list[str]]:
    notes: list[str] = []
    metas = [_meta("MLC-SEC-002", aliases=("MLC-SEC-001",)), _meta("MLC-DOC-001")]
    out = suppress.apply(findings, root, (), metas, policy or suppress.Policy(), TODAY, notes)
    return out, notes


def test_alias_line_scope_and_expiry(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(
        "a = 'x'  # mlcomply:ignore MLC-SEC-001 rotated, test fixture\n"
        "b = 'y'\n"
        "# mlcomply:ignore MLC-SEC-002 until=2026-01-31 migration\n"
        "c = 'z'\n"
    )
    findings = [_finding("MLC-SEC-002", "train.py", n) for n in (1, 2, 4)]
    out, notes = _apply(tmp_path, findings)
    assert notes == []
    first, second, third = out
    assert first.suppression is not None
    assert (first.suppression.kind, first.suppression.source) == ("inline", "train.py:1")
    assert first.suppression.justification == "rotated, test fixture"
    assert second.suppression is None  # the next line is not covered by a trailing comment
    assert third.suppression is None  # expired: fires again and says so
    assert "suppression at train.py:3 expired on 2026-01-31: migration" in third.message
    assert dict(third.properties)["suppression-expired"] == "train.py:3 until 2026-01-31"


def test_directive_for_another_rule_or_file_does_not_apply(tmp_path: Path) -> None:
    (tmp_path / "card.md").write_text("<!-- mlcomply:ignore MLC-DOC-001 draft -->\n# Card\n")
    (tmp_path / "other.md").write_text("# Other\n")
    out, _ = _apply(
        tmp_path,
        [
            _finding("MLC-SEC-002", "card.md", 2),
            _finding("MLC-DOC-001", "other.md", 1),
            _finding("MLC-DOC-001", "card.md", 2),
        ],
    )
    assert [f.suppression is not None for f in out] == [False, False, True]


def test_forbid_and_require_reason(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1  # mlcomply:ignore MLC-SEC-002\ny = 2  # mlcomply:ignore NOPE-1 x\n")
    findings = [_finding("MLC-SEC-002", "a.py", 1)]
    out, notes = _apply(tmp_path, findings, suppress.Policy(require_reason=True))
    assert out[0].suppression is None
    assert notes == [
        "a.py:1: mlcomply:ignore has no reason (require_reason); not honoured",
        "a.py:2: mlcomply:ignore names unknown rule(s) NOPE-1",
    ]
    out, notes = _apply(tmp_path, findings, suppress.Policy(allow_inline=False))
    assert out[0].suppression is None
    assert notes == ["a.py: inline ignores are forbidden by the config (inline_ignores: forbid)"]
    out, _ = _apply(tmp_path, findings)
    assert out[0].suppression is not None
    assert out[0].suppression.justification == "(no reason given)"


TF = """\
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
  # mlcomply:ignore MLC-AWS-S3-002 public website, approved in SEC-12
  acl    = "public-read"
}

# mlcomply:ignore MLC-AWS-S3-003 access block lives in the org SCP
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  acl    = "public-read"
}
"""


def _findings(doc: dict[str, object]) -> dict[tuple[str, str], dict[str, object] | None]:
    return {(f["rule_id"], f["address"]): f["suppression"] for f in doc["findings"]}  # type: ignore[index,union-attr]


def test_terraform_resource_scope_through_the_cli(make_repo, tmp_path: Path) -> None:
    root = make_repo({"main.tf": TF})
    res = run_cli("scan", root, "--json-output", tmp_path / "r.json", "--sarif-output", tmp_path / "r.sarif")
    assert res.returncode == 1, res.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    found = _findings(doc)
    assert found[("MLC-AWS-S3-002", "aws_s3_bucket.site")] == {
        "kind": "inline",
        "justification": "public website, approved in SEC-12",
        "source": "main.tf:3",
    }
    assert found[("MLC-AWS-S3-003", "aws_s3_bucket.data")]["source"] == "main.tf:7"  # type: ignore[index]
    # Each directive covers its own resource only.
    assert found[("MLC-AWS-S3-002", "aws_s3_bucket.data")] is None
    assert found[("MLC-AWS-S3-003", "aws_s3_bucket.site")] is None
    assert doc["summary"]["suppressed"] == 2
    assert "suppressed: 2" in res.stdout
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    results = {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
        for r in sarif["runs"][0]["results"]
    }
    assert ("MLC-AWS-S3-002", "aws_s3_bucket.site") not in results
    assert ("MLC-AWS-S3-002", "aws_s3_bucket.data") in results
    assert len(results) == doc["summary"]["total"]


MANIFEST = """\
apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  # mlcomply:ignore MLC-K8S-IMAGE-001 vendor images, pinned by the registry mirror
  initContainers:
    - name: fetch
      image: busybox
    - name: unpack
      image: alpine:3
  containers:
    - name: main
      image: ghcr.io/acme/trainer:1.0
"""


def test_yaml_block_scope(make_repo, tmp_path: Path) -> None:
    root = make_repo({"pod.yaml": MANIFEST})
    run_cli("scan", root, "--json-output", tmp_path / "r.json")
    doc = json.loads((tmp_path / "r.json").read_text())
    got = {f["pointer"]: f["suppression"] is not None for f in doc["findings"]}
    assert got == {
        "spec/initContainers/0/image": True,
        "spec/initContainers/1/image": True,
        "spec/containers/0/image": False,
    }


def test_config_forbids_inline_ignores(make_repo, tmp_path: Path) -> None:
    root = make_repo({"main.tf": TF, "mlcomply.yaml": "inline_ignores: forbid\n"})
    res = run_cli("scan", root, "--config", root / "mlcomply.yaml", "--json-output", tmp_path / "r.json")
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["summary"]["suppressed"] == 0
    assert "main.tf: inline ignores are forbidden by the config" in res.stderr
