"""#13 item 4: a pull request cannot switch off the gate that judges it.

The Action's scan step (the real `scanner.action` entry, run as action.yml runs it, with a fake
GITHUB_* environment: see tests/test_action.py) on a PR-like clone. The PR adds a public bucket
under a new inline `mlcomply:ignore`, a token under a new `mlcomply:allow secrets`, and a new
ignore-file entry for a second bucket; the merge base has its own, older suppressions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.documents import Span
from scanner.filters.ignorefile import parse
from scanner.filters.review import NEEDS_REVIEW, added_by_change, ignore_file_lines
from scanner.findings import Suppression
from tests.conftest import git, init_repo, write_files
from tests.test_action import _clone, _github_env, _scan_and_finish

S3 = ("MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003")
HF_TOKEN = "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"  # a known test sample (gitleaks' rule examples)
RULES = "select_rules: [MLC-AWS-S3-001, MLC-AWS-S3-002, MLC-AWS-S3-003, MLC-SECRET-HUGGINGFACE-001]\n"


def bucket(name: str, comment: str = "") -> str:
    head = f"# {comment}\n" if comment else ""
    return head + f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "acme-{name}"\n  acl    = "public-read"\n}}\n'


def ignores(*entries: tuple[str, str]) -> str:
    body = "".join(f"  - rule: {rule}\n    paths: [{path}]\n    reason: reviewed in SEC-1\n" for rule, path in entries)
    return "version: 1\nignores:\n" + body


BASE_IGNORES = ignores(("MLC-AWS-S3-001", "infra/legacy.tf"))
ALL_S3 = ",".join(S3)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """main: a legacy bucket, suppressed inline and in the ignore file. `feature` (the PR) adds
    suppressions of its own: inline for site.tf, allow-secrets for app/hf.py, ignore entries for data.tf."""
    repo = init_repo(
        tmp_path / "origin",
        {
            "infra/legacy.tf": bucket("legacy", f"mlcomply:ignore {ALL_S3} legacy website, SEC-0"),
            ".mlcomply-ignore.yaml": BASE_IGNORES,
            "README.md": "# demo\n",
        },
    )
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(
        repo,
        {
            "infra/site.tf": bucket("site", f"mlcomply:ignore {ALL_S3} approved, trust me"),
            "infra/data.tf": bucket("data"),
            "app/hf.py": f'TOKEN = "{HF_TOKEN}"  # mlcomply:allow secrets only a test token\n',
            ".mlcomply-ignore.yaml": BASE_IGNORES + ignores(*((r, "infra/data.tf") for r in S3)).split("ignores:\n")[1],
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feature with its own suppressions")
    git(repo, "checkout", "-q", "main")
    return repo


def _pr_scan(origin: Path, tmp_path: Path, **inputs: str) -> tuple[dict[str, str], dict[str, Any], str]:
    workspace = _clone(origin, tmp_path / "ws")
    git(workspace, "checkout", "-q", "feature")
    env, context = _github_env(tmp_path, workspace, "pull_request", "main")
    config = tmp_path / "runner-config.yaml"  # the runner's, outside the workspace: trusted as is
    config.write_text(RULES)
    context["inputs.config"] = str(config)
    context.update({f"inputs.{k}": v for k, v in inputs.items()})
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    doc = json.loads(Path(outputs["json-file"]).read_text())  # under RUNNER_TEMP, as the run wrote it
    return outputs, doc, (tmp_path / "summary").read_text()


def _by_place(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(f["rule_id"], f["path"]): f for f in doc["findings"]}


PR_ADDED = [*((r, "infra/site.tf") for r in S3), *((r, "infra/data.tf") for r in S3)]
PR_ADDED.append(("MLC-SECRET-HUGGINGFACE-001", "app/hf.py"))


def test_suppressions_the_pr_adds_are_not_honoured(origin: Path, tmp_path: Path) -> None:
    outputs, doc, summary = _pr_scan(origin, tmp_path)
    assert outputs["exit-code"] == "1" and outputs["job-exit"] == "1"
    found = _by_place(doc)
    for place in PR_ADDED:
        f = found[place]
        assert f["suppression"] is None, place  # reported, as new
        assert f["properties"]["needs-review"] == NEEDS_REVIEW
        assert NEEDS_REVIEW in f["message"]
    assert found[("MLC-AWS-S3-002", "infra/site.tf")]["properties"]["added-suppression"] == "inline at infra/site.tf:1"
    assert found[("MLC-AWS-S3-001", "infra/data.tf")]["properties"]["added-suppression"].startswith(
        "ignore-file at .mlcomply-ignore.yaml:"
    )
    assert HF_TOKEN not in json.dumps(doc)
    # The merge base's own suppressions still hold.
    for rule in S3:
        assert found[(rule, "infra/legacy.tf")]["suppression"]["kind"] == "inline"

    sarif = json.loads(Path(outputs["sarif-file"]).read_text())
    results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r
        for r in sarif["runs"][0]["results"]
    }
    assert set(PR_ADDED) <= set(results)
    assert all(results[p]["properties"]["needs-review"] == NEEDS_REVIEW for p in PR_ADDED)

    assert f"Suppressions added in this change: needs review ({len(PR_ADDED)})" in summary
    for rule, path in PR_ADDED:
        assert f"- {rule} (" in summary and f" in {path}:" in summary
    assert "infra/legacy.tf" not in summary.split("needs review")[1].split("\n\n###")[0]


def test_trust_pr_suppressions_honours_them(origin: Path, tmp_path: Path) -> None:
    outputs, doc, summary = _pr_scan(origin, tmp_path, **{"trust-pr-suppressions": "true"})
    assert outputs["exit-code"] == "0" and outputs["job-exit"] == "0"
    found = _by_place(doc)
    kinds = {place: found[place]["suppression"]["kind"] for place in PR_ADDED}
    assert kinds[("MLC-AWS-S3-002", "infra/site.tf")] == "inline"
    assert kinds[("MLC-AWS-S3-002", "infra/data.tf")] == "ignore-file"
    assert kinds[("MLC-SECRET-HUGGINGFACE-001", "app/hf.py")] == "inline"
    assert "needs review" not in summary


def test_config_and_its_rule_folders_come_from_the_merge_base(tmp_path: Path) -> None:
    """The PR edits the workspace config named by the Action's `config:` input (fail_on: none,
    its own rules folder) and the rule the base config names: neither takes effect."""
    marker = tmp_path / "rule-ran"
    rule = "import pathlib\npathlib.Path({0!r}).write_text({1!r})\nRULES = []\n"
    origin = init_repo(
        tmp_path / "origin",
        {
            "mlcomply.yaml": RULES + "rules_dirs: [checks]\n",
            "checks/x.py": rule.format(str(marker), "base"),
            "README.md": "# demo\n",
        },
    )
    git(origin, "checkout", "-q", "-b", "feature")
    write_files(
        origin,
        {
            "mlcomply.yaml": RULES + "fail_on: none\nrules_dirs: [checks, evil]\n",
            "checks/x.py": rule.format(str(marker), "pr"),
            "evil/y.py": rule.format(str(tmp_path / "evil-ran"), "pr"),
            "infra/site.tf": bucket("site"),
        },
    )
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "loosen the gate")
    git(origin, "checkout", "-q", "main")

    workspace = _clone(origin, tmp_path / "ws")
    git(workspace, "checkout", "-q", "feature")
    env, context = _github_env(tmp_path, workspace, "pull_request", "main")
    context["inputs.config"] = "mlcomply.yaml"
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    assert outputs["exit-code"] == "1", (tmp_path / "scan.log").read_text()  # fail_on: none not honoured
    assert marker.read_text() == "base"  # the base's rule ran, not the PR's edit of it
    assert not (tmp_path / "evil-ran").exists()


def test_a_config_only_the_pr_has_is_not_read(tmp_path: Path) -> None:
    origin = init_repo(tmp_path / "origin", {"README.md": "# demo\n"})
    git(origin, "checkout", "-q", "-b", "feature")
    write_files(origin, {"mlcomply.yaml": "fail_on: none\n", "infra/site.tf": bucket("site")})
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "config")
    git(origin, "checkout", "-q", "main")
    workspace = _clone(origin, tmp_path / "ws")
    git(workspace, "checkout", "-q", "feature")
    env, context = _github_env(tmp_path, workspace, "pull_request", "main")
    context["inputs.config"] = "mlcomply.yaml"
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    assert outputs["exit-code"] == "1"
    assert "a config only this change has is not trusted" in (tmp_path / "scan.log").read_text()


# One function decides "was this suppression added by this change": a table of cases.
CHANGED = {"a.tf": frozenset({5, 9}), "new.py": None}


@pytest.mark.parametrize(
    ("suppression", "added"),
    [
        (Suppression("inline", "r", "a.tf:5", Span("a.tf", 5, 5)), True),  # the comment line is new
        (Suppression("inline", "r", "a.tf:4", Span("a.tf", 4, 5)), True),  # the line it covers is new
        (Suppression("inline", "r", "a.tf:2", Span("a.tf", 2, 3)), False),  # both predate the change
        (Suppression("inline", "r", "b.tf:2", Span("b.tf", 2, 2)), False),  # a file the change leaves alone
        (Suppression("inline", "r", "new.py:1", Span("new.py", 1, 1)), True),  # a file the change adds
        (Suppression("inline", "r", "x:1"), True),  # an alias that cannot say where it is: not trusted
        (Suppression("ignore-file", "r", "i:1", Span("a.tf", 8, 10)), True),
        (Suppression("baseline", "accepted", "b.json"), False),  # read at the merge base
        (Suppression("diff-base", "old", "main"), False),
    ],
)
def test_added_by_change(suppression: Suppression, added: bool) -> None:
    assert added_by_change(suppression, CHANGED) is added


def test_ignore_entries_are_judged_by_what_they_say() -> None:
    base = parse(ignores(("MLC-AWS-S3-001", "infra/a.tf"), ("MLC-AWS-S3-002", "infra/b.tf")), "i")
    moved = parse(ignores(("MLC-AWS-S3-002", "infra/b.tf"), ("MLC-AWS-S3-001", "infra/a.tf")), "i")
    assert ignore_file_lines(moved, base) == frozenset()  # reordered: nothing new
    widened = parse(ignores(("MLC-AWS-S3-001", "'**'"), ("MLC-AWS-S3-002", "infra/b.tf")), "i")
    assert ignore_file_lines(widened, base) == frozenset({3, 4, 5})  # an edited `paths:` is new
    aliased = parse(
        "version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    paths: &all ['**']\n    reason: x\n"
        "  - rule: MLC-AWS-S3-001\n    paths: *all\n    reason: reviewed in SEC-1\n",
        "i",
    )
    assert ignore_file_lines(aliased, base) == frozenset(range(3, 9))  # both entries, alias included
    assert ignore_file_lines(base, None) == frozenset(range(3, 9))  # no file at the base: all new


def test_the_profile_comes_from_the_merge_base(tmp_path: Path) -> None:
    """The base config runs the strict profile; the PR switches it back to default to hide the
    strict rules' findings on its new bucket: the profile of the merge base still applies."""
    from tests.conftest import run_cli

    strict = "profile: strict\n"
    repo = init_repo(tmp_path / "repo", {"mlcomply.yaml": strict, "README.md": "# demo\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {"mlcomply.yaml": "profile: default\n", "infra/site.tf": bucket("site")})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "quieter")
    out = tmp_path / "r.json"
    proc = run_cli(
        "scan", repo, "--diff-base", "main", "--config", repo / "mlcomply.yaml", "--json-output", out, cwd=repo
    )
    assert proc.returncode == 1, proc.stderr
    found = {f["rule_id"] for f in json.loads(out.read_text())["findings"]}
    assert {"MLC-AWS-S3-004", "MLC-AWS-S3-006", "MLC-AWS-S3-007"} <= found  # the strict profile's rules
