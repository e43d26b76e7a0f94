"""Cross-check with checkov: on every bad example of a rule that names `checkov_ids`, each
resource checkov flags for those ids must be flagged by our rule too.

checkov runs once over all examples (it needs seconds just to start), from its own
environment: MLCOMPLY_CHECKOV names the executable, else `checkov` on PATH. Without it the
test skips. checkov runs offline: no API key, no mapping download, no package scan.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.engines.rego_metadata import parse_rego_file
from scanner.rulesets import RuleSet
from scanner.scan import DEFAULT_MAX_FILE_BYTES, load_documents, scan
from scanner.walk import list_files
from tests.conftest import write_files
from tests.test_rule_examples import example_files

# Where checkov reports a problem at the resource that a separate settings resource configures
# (graph checks), while we report the settings resource itself, where the fix goes. Accepted
# only when our flagged resource really refers to checkov's (checked on the resource view).
# The test fails if a listed pair stops occurring, so the table always describes checkov.
COMPANION_DIFFERENCES: dict[tuple[str, str], str] = {
    ("MLC-AWS-S3-003", "CKV2_AWS_6"): "a bucket whose public access block leaves a setting off: "
    "we report the block (naming the settings, as CKV_AWS_53..56 do), checkov also the bucket",
    ("MLC-AWS-S3-002", "CKV_AWS_20"): "the public canned ACL is set by an aws_s3_bucket_acl: we "
    "report that resource, checkov the bucket",
    ("MLC-AWS-S3-002", "CKV_AWS_57"): "as for CKV_AWS_20, with public-read-write",
}

# checkov ids that flag nothing on a rule's bad examples although the rule names them; any
# other silent id means the mapping (or the bad example) is wrong.
KNOWN_SILENT: dict[tuple[str, str], str] = {
    ("MLC-AWS-S3-001", "CKV_AWS_19"): "checkov 3 passes a bucket without an encryption configuration, "
    "since S3 applies SSE-S3 to new objects by default (January 2023); we still ask for an explicit one",
}


@dataclass(frozen=True)
class Example:
    rule_id: str
    checkov_ids: tuple[str, ...]
    index: int
    files: dict[str, str]

    @property
    def slug(self) -> str:
        return f"{self.rule_id}__{self.index}"


def checkov_executable() -> str | None:
    return os.environ.get("MLCOMPLY_CHECKOV") or shutil.which("checkov")


def _checkov_ids(spec_path: Path) -> tuple[str, ...]:
    policy = spec_path.with_suffix(".rego")
    if not policy.is_file():
        return ()
    meta = parse_rego_file(str(policy), policy.read_text(encoding="utf-8")).raw_metadata()
    return tuple(meta.get("checkov_ids") or ())


def bad_examples() -> list[Example]:
    out = []
    for path in example_files():
        ids = _checkov_ids(path)
        if not ids:
            continue
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(spec.get("bad") or []):
            out.append(Example(spec["rule"], ids, i, case["files"]))
    return out


EXAMPLES = bad_examples()


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BC_", "PRISMA_", "CKV_"))}
    env.update(
        {
            "BC_SKIP_MAPPING": "TRUE",  # no download of the guideline/severity mapping
            "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
            "ENABLE_DEFINITION_KEY": "false",
            "LOG_LEVEL": "ERROR",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    return env


def _failed_checks(report: Any) -> list[dict[str, Any]]:
    reports = report if isinstance(report, list) else [report]
    return [c for r in reports if isinstance(r, dict) for c in r.get("results", {}).get("failed_checks", [])]


@pytest.fixture(scope="module")
def checkov_flags(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[str, str]]]:
    """example slug -> {(checkov id, resource address)} for every failed check."""
    exe = checkov_executable()
    if exe is None:
        pytest.skip("checkov not installed (set MLCOMPLY_CHECKOV or put checkov on PATH)")
    root = tmp_path_factory.mktemp("checkov-examples")
    for ex in EXAMPLES:
        write_files(root / ex.slug, ex.files)
    ids = sorted({i for ex in EXAMPLES for i in ex.checkov_ids})
    proc = subprocess.run(
        [
            exe,
            "-d",
            str(root),
            "-o",
            "json",
            "--framework",
            "terraform",
            "--check",
            ",".join(ids),
            "--quiet",
            "--compact",
            "--skip-download",
        ],
        capture_output=True,
        text=True,
        env=_offline_env(),
        timeout=300,
    )
    if proc.returncode not in (0, 1):
        pytest.fail(f"checkov exited {proc.returncode}: {proc.stderr[-2000:]}")
    out: dict[str, set[tuple[str, str]]] = {}
    for check in _failed_checks(json.loads(proc.stdout or "[]")):
        slug = check["file_path"].lstrip("/").split("/", 1)[0]
        out.setdefault(slug, set()).add((check["check_id"], check["resource"]))
    return out


def _referenced_by(root: Path, addresses: set[str]) -> set[str]:
    """Addresses that the top-level attributes of the resources at `addresses` refer to."""
    docs, _ = load_documents(list_files([root]), {"terraform"}, DEFAULT_MAX_FILE_BYTES)
    return {
        value
        for doc in docs
        for r in doc.data.get("resources", [])
        if r["address"] in addresses
        for value in r["config"].values()
        if isinstance(value, str)
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda ex: ex.slug)
def test_we_flag_what_checkov_flags(
    example: Example,
    checkov_flags: dict[str, set[tuple[str, str]]],
    builtin_rules: RuleSet,
    tmp_path: Path,
) -> None:
    write_files(tmp_path, example.files)
    ours = {f.address for f in scan([tmp_path], builtin_rules).findings if f.rule_id == example.rule_id}
    flagged = checkov_flags.get(example.slug, set())
    missed = sorted((cid, a) for cid, a in flagged if cid in example.checkov_ids and a not in ours)
    companions = _referenced_by(tmp_path, {a for a in ours if a})
    unexplained = [
        (cid, a) for cid, a in missed if (example.rule_id, cid) not in COMPANION_DIFFERENCES or a not in companions
    ]
    assert unexplained == [], f"checkov flags resources our rule does not: {unexplained}"


def test_companion_differences_still_occur(
    checkov_flags: dict[str, set[tuple[str, str]]], builtin_rules: RuleSet, tmp_path: Path
) -> None:
    """Each accepted difference is still observed: checkov flags a resource our rule does not."""
    seen = set()
    for ex in EXAMPLES:
        pairs = {(cid, a) for cid, a in checkov_flags.get(ex.slug, set()) if (ex.rule_id, cid) in COMPANION_DIFFERENCES}
        if not pairs:
            continue
        root = tmp_path / ex.slug
        write_files(root, ex.files)
        ours = {f.address for f in scan([root], builtin_rules).findings if f.rule_id == ex.rule_id}
        seen |= {(ex.rule_id, cid) for cid, a in pairs if a not in ours}
    assert sorted(set(COMPANION_DIFFERENCES) - seen) == [], "COMPANION_DIFFERENCES no longer observed"


def test_every_checkov_id_is_exercised(checkov_flags: dict[str, set[tuple[str, str]]]) -> None:
    """Each listed checkov id flags something on its rule's bad examples: the mapping is real."""
    fired = {(ex.rule_id, cid) for ex in EXAMPLES for cid, _ in checkov_flags.get(ex.slug, set())}
    listed = {(ex.rule_id, cid) for ex in EXAMPLES for cid in ex.checkov_ids}
    assert sorted(listed - fired - set(KNOWN_SILENT)) == []
    assert sorted(set(KNOWN_SILENT) & fired) == [], "KNOWN_SILENT ids now fire: drop them from the table"
