"""`scan --since`: secrets added and removed inside the range are still reported, with the commit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import git, run_cli, write_files

TOKEN = "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"
PASSWORD = "Zq8Lr2Vx9Pm4Kt7W"


def _repo_with_removed_secret(make_repo: Callable[..., Path]) -> tuple[Path, str]:
    root = make_repo({"train.py": "import os\n"})
    git(root, "tag", "base")
    write_files(root, {"train.py": f'import os\nHF_TOKEN = "{TOKEN}"\n'})
    git(root, "commit", "-qam", "add token")
    added = git(root, "rev-parse", "HEAD").strip()
    write_files(root, {"train.py": 'import os\nHF_TOKEN = os.environ["HF_TOKEN"]\n'})
    git(root, "commit", "-qam", "remove token")
    return root, added


def test_secret_added_then_removed_is_reported_with_commit(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root, added = _repo_with_removed_secret(make_repo)
    out = tmp_path / "r.json"
    proc = run_cli("scan", root, "--since", "base", "--json-output", out, cwd=root)
    assert proc.returncode == 1, proc.stderr
    (finding,) = json.loads(out.read_text())["findings"]
    assert finding["rule_id"] == "MLC-SECRET-HUGGINGFACE-001"
    assert (finding["path"], finding["start_line"]) == ("train.py", 2)
    assert finding["properties"]["commit"] == added
    assert added[:12] in finding["message"]
    assert TOKEN not in out.read_text() + proc.stdout + proc.stderr


def test_without_since_the_removed_secret_is_not_seen(make_repo: Callable[..., Path]) -> None:
    root, _ = _repo_with_removed_secret(make_repo)
    assert run_cli("scan", root, cwd=root).returncode == 0


def test_secret_still_present_is_reported_once(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = make_repo({"a.txt": "x\n"})
    git(root, "tag", "base")
    write_files(root, {"cfg.env": f"DB_PASSWORD={PASSWORD}\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "add")
    out = tmp_path / "r.json"
    run_cli("scan", root, "--since", "base", "--json-output", out, cwd=root)
    findings = json.loads(out.read_text())["findings"]
    assert [(f["path"], f["start_line"], "commit" in f["properties"]) for f in findings] == [("cfg.env", 1, False)]


def test_unknown_ref_is_a_usage_error(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"a.txt": "x\n"})
    proc = run_cli("scan", root, "--since", "no-such-ref", cwd=root)
    assert proc.returncode == 2
    assert "no-such-ref" in proc.stderr


def test_history_is_limited_to_the_scanned_paths(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root, _ = _repo_with_removed_secret(make_repo)
    write_files(root, {"docs/readme.md": "x\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "docs")
    out = tmp_path / "r.json"
    run_cli("scan", root / "docs", "--since", "base", "--json-output", out, cwd=root)
    assert json.loads(out.read_text())["findings"] == []
