"""bench/checkov_overlap.py: how a checkov failure is keyed and classified, that its tables of
reasons agree with the rules' checkov_ids, and that each pinned difference still occurs
(checkov flags the fixture, our rules do not; needs checkov, as tests/test_checkov_crosscheck.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scanner.rulesets import load_ruleset
from scanner.scan import scan
from tests.scripts import load_script
from tests.test_checkov_crosscheck import checkov_executable

REPO_ROOT = Path(__file__).resolve().parents[2]


overlap = load_script("bench/checkov_overlap.py")


def _check(cid: str, resource: str, file: str = "/main.tf", data: bool = False) -> dict[str, Any]:
    kind = "data" if data else "resource"
    return {
        "check_id": cid,
        "resource": resource,
        "file_path": file,
        "check_class": f"checkov.terraform.checks.{kind}.aws.X",
    }


def _finding(rule: str, address: str | None, path: str = "main.tf", category: str = "encryption") -> dict[str, Any]:
    return {"rule_id": rule, "address": address, "path": path, "category": category, "suppression": None}


@pytest.mark.parametrize(
    ("check", "key"),
    [
        (
            _check("CKV_AWS_58", 'module.eks["a"].aws_eks_cluster.this[0]'),
            ("main.tf", "module.eks.aws_eks_cluster.this"),
        ),
        (
            _check("CKV_AWS_356", "module.m.aws_iam_policy_document.p", "/modules/m/iam.tf", data=True),
            ("modules/m/iam.tf", "module.m.data.aws_iam_policy_document.p"),
        ),
    ],
)
def test_checkov_key(check: dict[str, Any], key: tuple[str, str]) -> None:
    assert overlap.checkov_key(check) == key


def test_classify_each_status() -> None:
    mapping = {"CKV_AWS_58": {"MLC-AWS-EKS-002"}, "CKV_AWS_355": {"MLC-AWS-IAM-003"}, "CKV_AWS_39": {"MLC-AWS-EKS-001"}}
    failures = [
        _check("CKV_AWS_58", "aws_eks_cluster.a[0]"),  # covered
        _check("CKV_AWS_58", "aws_eks_cluster.b"),  # mapped rule silent: missed
        _check("CKV_AWS_356", "aws_iam_policy_document.d", data=True),  # twin of 355: covered
        _check("CKV_AWS_39", "aws_eks_cluster.b"),  # pinned difference
        _check("CKV_AWS_144", "aws_s3_bucket.s"),  # out of scope
        _check("CKV_AWS_999", "aws_s3_bucket.s"),  # nobody knows it: missed
        _check("CKV_AWS_41", "aws.default"),  # provider block: not an ML resource type, skipped
        _check("CKV_AWS_45", "aws_lambda_function.f"),  # secret in a Lambda env: any secrets finding
        _check("CKV_AWS_130", "aws_subnet.s"),  # not a resource type of the packs: skipped
    ]
    findings = [
        _finding("MLC-AWS-EKS-002", "aws_eks_cluster.a[1]"),
        _finding("MLC-AWS-IAM-003", "data.aws_iam_policy_document.d", category="iam"),
        _finding("MLC-SECRETS-001", None, category="secrets"),
    ]
    verdicts = overlap.classify("r", failures, findings, mapping)
    got = [(v.check_id, v.address, v.status) for v in verdicts]
    assert got == [
        ("CKV_AWS_58", "aws_eks_cluster.a", "covered"),
        ("CKV_AWS_58", "aws_eks_cluster.b", "missed"),
        ("CKV_AWS_356", "data.aws_iam_policy_document.d", "covered"),
        ("CKV_AWS_39", "aws_eks_cluster.b", "difference"),
        ("CKV_AWS_144", "aws_s3_bucket.s", "out-of-scope"),
        ("CKV_AWS_999", "aws_s3_bucket.s", "missed"),
        ("CKV_AWS_45", "aws_lambda_function.f", "covered"),
    ]
    # A pinned difference of a secrets id explains its own occurrences only.
    [pinned] = overlap.classify("terragoat", [_check("CKV_AWS_45", "aws_lambda_function.analysis_lambda")], [], mapping)
    assert pinned.status == "difference"
    [other] = overlap.classify("r", [_check("CKV_AWS_45", "aws_lambda_function.g")], [], mapping)
    assert other.status == "missed"
    counts = overlap.recall_table(verdicts)["aws"]
    assert counts == {"covered": 3, "missed": 2, "difference": 1, "out-of-scope": 1}
    assert overlap.recall(counts) == pytest.approx(3 / 5)


def test_suppressed_findings_do_not_cover() -> None:
    finding = {**_finding("MLC-AWS-EKS-002", "aws_eks_cluster.a"), "suppression": {"kind": "inline"}}
    [verdict] = overlap.classify(
        "r", [_check("CKV_AWS_58", "aws_eks_cluster.a")], [finding], {"CKV_AWS_58": {"MLC-AWS-EKS-002"}}
    )
    assert verdict.status == "missed"


@pytest.fixture(scope="module")
def mapping() -> dict[str, set[str]]:
    rules = [{"id": m.id, "checkov_ids": m.checkov_ids} for m in load_ruleset().metas]
    return overlap.rules_by_checkov_id(rules)


def test_tables_agree_with_the_rules(mapping: dict[str, set[str]]) -> None:
    # An id a rule maps is judged by that rule, never waved through as out of scope.
    assert sorted(set(overlap.OUT_OF_SCOPE) & set(mapping)) == []
    # A twin stands for an id that some rule maps, and is not mapped itself.
    assert sorted(t for t in overlap.TWINS.values() if t not in mapping) == []
    assert sorted(set(overlap.TWINS) & set(mapping)) == []
    # Every difference is about a control we implement, shown by a fixture.
    differences = overlap.DIFFERENCES.values()
    known = set(mapping) | set(overlap.TWINS) | overlap.SECRETS_IDS
    assert sorted(cid for d in differences for cid in d.ids if cid not in known) == []
    assert all(d.fixture for d in differences)
    reasons = [*overlap.OUT_OF_SCOPE.values(), *(d.reason for d in differences)]
    assert all(len(r) > 20 for r in reasons)


def _write_fixture(root: Path, text: str) -> None:
    """A fixture's main.tf, and the module after a "# mod" line in ./mod/main.tf."""
    main, _, module = text.partition("# mod\n")
    root.mkdir(parents=True, exist_ok=True)
    (root / "main.tf").write_text(main, encoding="utf-8")
    if module:
        (root / "mod").mkdir()
        (root / "mod" / "main.tf").write_text(module, encoding="utf-8")


PINNED = sorted(overlap.DIFFERENCES)


@pytest.fixture(scope="module")
def checkov_on_fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[str, str]]]:
    """difference name -> the (check id, resource) checkov flags on its fixture."""
    exe = checkov_executable()
    if exe is None:
        pytest.skip("checkov not installed (set MLCOMPLY_CHECKOV or put checkov on PATH)")
    root = tmp_path_factory.mktemp("overlap-fixtures")
    for name in PINNED:
        _write_fixture(root / name, overlap.DIFFERENCES[name].fixture)
    ids = sorted({cid for d in overlap.DIFFERENCES.values() for cid in d.ids})
    cmd = [exe, "-d", str(root), "-o", "json", "--framework", "terraform", "--check", ",".join(ids)]
    proc = subprocess.run(
        [*cmd, "--quiet", "--compact", "--skip-download"],
        capture_output=True,
        text=True,
        env=overlap.offline_env(),
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    out: dict[str, set[tuple[str, str]]] = {}
    for check in overlap.failed_checks(json.loads(proc.stdout or "[]")):
        name = check["file_path"].lstrip("/").split("/", 1)[0]
        if check["check_id"] in overlap.DIFFERENCES.get(name, overlap.Difference((), "", "")).ids:
            out.setdefault(name, set()).add((check["check_id"], overlap.strip_keys(check["resource"])))
    return out


@pytest.mark.parametrize("name", PINNED)
def test_pinned_difference_still_occurs(
    name: str, checkov_on_fixtures: dict[str, set[tuple[str, str]]], mapping: dict[str, set[str]], tmp_path: Path
) -> None:
    flagged = checkov_on_fixtures.get(name, set())
    assert flagged, f"checkov no longer flags the {name} fixture: drop it from DIFFERENCES"
    _write_fixture(tmp_path, overlap.DIFFERENCES[name].fixture)
    rules = load_ruleset()
    rules.apply_profile("strict")
    findings = scan([tmp_path], rules).findings
    ours = {
        (cid, a)
        for cid, a in flagged
        for f in findings
        if (f.rule_id in mapping.get(cid, set()) and overlap.strip_keys(f.address or "") == a)
        or (cid in overlap.SECRETS_IDS and f.category == "secrets")
    }
    assert ours == set(), f"our rules now flag the {name} fixture: drop it from DIFFERENCES"


def test_instances_missing_from_our_view_are_differences() -> None:
    mapping = {"CKV_AWS_58": {"MLC-AWS-EKS-002"}}
    failures = [_check("CKV_AWS_58", "module.off.aws_eks_cluster.this"), _check("CKV_AWS_58", "aws_eks_cluster.on")]
    view = {("main.tf", "aws_eks_cluster.on")}
    verdicts = overlap.classify("r", failures, [], mapping, view)
    assert [(v.address, v.status) for v in verdicts] == [
        ("module.off.aws_eks_cluster.this", "difference"),
        ("aws_eks_cluster.on", "missed"),
    ]
    assert verdicts[0].note == overlap.NOT_IN_VIEW


def test_a_folder_inside_a_checkout_is_compared_by_paths_relative_to_it(tmp_path: Path) -> None:
    # checkov keys files by the folder it was given; our scan by the checkout's top.
    repo = tmp_path / "repo"
    (repo / "quickstart" / "101").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert overlap.checkout_prefix(repo / "quickstart") == "quickstart/"
    assert overlap.checkout_prefix(repo) == ""
    assert overlap.rebase("quickstart/101/main.tf", "quickstart/") == "101/main.tf"
    assert overlap.rebase("other/main.tf", "quickstart/") == "other/main.tf"
