"""#13 item 3: a file name cannot become an option of the pre-commit hook.

The real `pre-commit` runs the manifest's hooks (see tests/test_pre_commit_hooks.py for how it
runs offline here) on a repository holding a tracked file named `--rules-dir=evilrules` next to
`evilrules/x.py`, whose import would create a marker file; and one named `--sarif-output=x`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT, git, init_repo, run_cli, write_files
from tests.test_pre_commit_hooks import PUBLIC, _config, _hook_repo, _pre_commit

pytest.importorskip("pre_commit", reason="pre-commit is in the `test` extra")


def _evil_rule(marker: Path) -> str:
    return f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\nRULES = []\n"


def test_every_hook_entry_ends_with_double_dash() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks and all(h["entry"].split()[-1] == "--" for h in hooks)


def test_option_named_files_are_paths_under_real_pre_commit(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    hook_repo, rev = _hook_repo(tmp_path / "hooks")
    repo = init_repo(tmp_path / "user", {"README.md": "# demo\n", ".pre-commit-config.yaml": _config(hook_repo, rev)})
    write_files(
        repo,
        {
            "--rules-dir=evilrules": "not an option\n",
            "evilrules/x.py": _evil_rule(marker),
            "--sarif-output=x": "not an option either\n",
            "infra/site.tf": PUBLIC.format("site"),
        },
    )
    git(repo, "add", "-A")
    res = _pre_commit(repo, tmp_path)
    out = res.stdout + res.stderr
    assert not marker.exists(), out  # the PR's Python was never imported
    assert not (repo / "x").exists()  # nor did a file name choose where SARIF is written
    assert res.returncode == 1, out  # the hook ran on all the files and found the public bucket
    assert "MLC-AWS-S3-002" in res.stdout and "infra/site.tf:1" in res.stdout
    assert "unrecognized arguments" not in out


def test_option_named_files_are_scanned_as_files(tmp_path: Path) -> None:
    """The hook's command line, run directly: the names are PATHs, scanned and reported on."""
    marker = tmp_path / "imported"
    repo = init_repo(
        tmp_path / "user",
        {"--rules-dir=evilrules": "x: 1\n", "evilrules/x.py": _evil_rule(marker), "--sarif-output=x.json": "{"},
    )
    out = tmp_path / "out.json"
    names = ["--rules-dir=evilrules", "--sarif-output=x.json"]
    res = run_cli("scan", "--files-only", "--json-output", out, "--", *names, cwd=repo)
    assert res.returncode == 1, res.stderr  # the named file that does not parse fails the gate
    assert not marker.exists() and not (repo / "x.json").exists()
    errors = json.loads(out.read_text())["errors"]
    assert [(e["path"], e["kind"]) for e in errors] == [("--sarif-output=x.json", "parse")]  # read as JSON


def test_paths_are_checked_before_any_rule_folder_is_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    repo = init_repo(tmp_path / "user", {"evilrules/x.py": _evil_rule(marker), "a.tf": ""})
    res = run_cli("scan", "--rules-dir", "evilrules", "--", "--no-such-file", cwd=repo)
    assert res.returncode == 2
    assert "check paths: --no-such-file: no such file or directory" in res.stderr
    assert not marker.exists()
