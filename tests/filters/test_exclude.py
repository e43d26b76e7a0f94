"""--exclude / config `exclude:` and findings in vendored or generated files, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.placement import third_party_reason
from tests.conftest import git, init_repo, run_cli, write_files

PUBLIC = 'resource "aws_s3_bucket" "{name}" {{\n  acl = "public-read"\n}}\n'
TOKEN = 'HF = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH"\n'


def _findings(out_json: Path) -> list[dict]:
    return json.loads(out_json.read_text())["findings"]


def test_excluded_files_are_not_reported_and_are_counted(tmp_path: Path) -> None:
    root = init_repo(
        tmp_path / "r",
        {"infra/main.tf": PUBLIC.format(name="a"), "legacy/main.tf": PUBLIC.format(name="b"), "legacy/x.yaml": "a: ["},
    )
    out = run_cli("scan", ".", "--exclude", "legacy/", "--json-output", "r.json", "--format", "text", cwd=root)
    paths = {f["path"] for f in _findings(root / "r.json")}
    assert paths == {"infra/main.tf"}
    doc = json.loads((root / "r.json").read_text())
    assert doc["errors"] == [] and doc["summary"]["excluded"] == 2
    assert "(2 excluded)" in out.stdout
    compact = run_cli("scan", ".", "--exclude", "legacy/", cwd=root)
    assert "excluded: 2 file(s)" in compact.stdout


def test_a_module_in_an_excluded_folder_is_still_context(tmp_path: Path) -> None:
    """Excluding vendor/ must not blind the scan to the module infra/ calls from it: here the
    bucket's ACL is the vendored module's output, so without the module it would be unknown."""
    files = {
        "infra/main.tf": 'module "settings" {\n  source = "../vendor/settings"\n}\n'
        'resource "aws_s3_bucket" "a" {\n  bucket = "x"\n  acl    = module.settings.acl\n}\n',
        "vendor/settings/main.tf": 'output "acl" {\n  value = "public-read"\n}\n' + PUBLIC.format(name="vendored"),
    }
    root = init_repo(tmp_path / "r", files)
    out = run_cli("scan", ".", "--exclude", "vendor/", "--json-output", "ex.json", cwd=root)
    found = _findings(root / "ex.json")
    assert any(f["rule_id"] == "MLC-AWS-S3-002" and f["address"] == "aws_s3_bucket.a" for f in found)
    assert [f for f in found if f["path"].startswith("vendor/")] == []
    assert json.loads((root / "ex.json").read_text())["summary"]["excluded"] == 1
    assert out.returncode == 1


def test_config_exclude_is_gitignore_style(tmp_path: Path) -> None:
    root = init_repo(
        tmp_path / "r",
        {
            "a/gen/main.tf": PUBLIC.format(name="a"),
            "b/main.tf": PUBLIC.format(name="b"),
            "c/keep.tf": PUBLIC.format(name="c"),
            "mlcomply.yaml": "exclude:\n  - '**/gen/'\n  - '*.tf'\n  - '!c/keep.tf'\n",
        },
    )
    run_cli("scan", ".", "--config", "mlcomply.yaml", "--json-output", "r.json", cwd=root)
    assert {f["path"] for f in _findings(root / "r.json")} == {"c/keep.tf"}


def test_in_a_diff_scan_the_exclude_list_comes_from_the_merge_base(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {"mlcomply.yaml": "exclude: []\n", "README.md": "x\n"})
    git(root, "checkout", "-q", "-b", "change")
    write_files(root, {"infra/main.tf": PUBLIC.format(name="a"), "mlcomply.yaml": "exclude: ['infra/']\n"})
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a public bucket, and a config that hides it")
    out = run_cli("scan", ".", "--diff-base", "main", "--config", "mlcomply.yaml", "--json-output", "r.json", cwd=root)
    assert any(f["path"] == "infra/main.tf" and f["suppression"] is None for f in _findings(root / "r.json"))
    assert out.returncode == 1
    # The command line is trusted: --exclude applies in a diff scan too.
    out = run_cli("scan", ".", "--diff-base", "main", "--exclude", "infra/", "--json-output", "r2.json", cwd=root)
    assert _findings(root / "r2.json") == [] and out.returncode == 0


def test_findings_in_vendored_code_are_reported_at_low_with_the_reason(tmp_path: Path) -> None:
    root = init_repo(
        tmp_path / "r",
        {
            "vendor/lib/settings.py": TOKEN,
            "src/settings.py": TOKEN.replace("aBc", "xYz"),
            "third_party/mod/main.tf": PUBLIC.format(name="t"),  # a deployed config keeps its severity
        },
    )
    run_cli("scan", ".", "--json-output", "r.json", cwd=root)
    by_path = {
        f["path"]: f for f in _findings(root / "r.json") if f["rule_id"].startswith(("MLC-SECRET", "MLC-AWS-S3-002"))
    }
    assert by_path["src/settings.py"]["severity"] == "critical"
    vendored = by_path["vendor/lib/settings.py"]
    assert vendored["severity"] == "low" and "vendored third-party code" in vendored["properties"]["severity_reason"]
    assert by_path["third_party/mod/main.tf"]["severity"] == "critical"


def test_demotion_of_other_rules_in_generated_files_and_switching_it_off(tmp_path: Path) -> None:
    model_card = "---\nlicense: mit\n---\n# Model\n"
    root = init_repo(
        tmp_path / "r", {"node_modules/pkg/README.md": model_card, "mlcomply.yaml": "demote_vendored: false\n"}
    )
    run_cli("scan", ".", "--json-output", "on.json", cwd=root)
    demoted = [f for f in _findings(root / "on.json") if f["path"].startswith("node_modules/")]
    run_cli("scan", ".", "--config", "mlcomply.yaml", "--json-output", "off.json", cwd=root)
    kept = [f for f in _findings(root / "off.json") if f["path"].startswith("node_modules/")]
    assert {f["rule_id"] for f in demoted} == {f["rule_id"] for f in kept}
    above_low = [f for f in kept if f["severity"] in ("critical", "high", "medium")]
    for f in demoted:
        assert f["severity"] in ("low", "info")
    for f in above_low:
        twin = next(d for d in demoted if d["fingerprint"] == f["fingerprint"])
        assert twin["properties"]["rule_severity"] == f["severity"]
        assert "vendored third-party code" in twin["properties"]["severity_reason"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("vendor/x/a.py", "vendored"),
        ("third_party/lib/b.go", "vendored"),
        ("vendor/k8s/deploy.yaml", None),  # deployed as it is
        ("api/v1/service.pb.go", "generated"),
        ("proto/model_pb2.py", "generated"),
        ("web/app.min.js", "generated"),
        ("src/app.py", None),
    ],
)
def test_what_counts_as_someone_elses_code(path: str, reason: str | None) -> None:
    got = third_party_reason(path)
    assert (got is None) if reason is None else (got is not None and reason in got)
