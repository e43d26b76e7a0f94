"""#13, the gate rule for scan errors: a change cannot pass by making its own file unreadable.

Real git repositories and the real command line: `main` holds a small JSON and YAML file, the
change pads one past --max-file-bytes or nests the other past the parser's depth limit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.documents import ERROR_KINDS, ScanError
from scanner.filters.errorgate import failing_errors
from tests.conftest import git, init_repo, run_cli, write_files

MAX = "2000"
NESTED_JSON = "[" * 600 + "]" * 600  # past the JSON loader's 500 levels
NESTED_YAML = "params: " + "[" * 600 + "]" * 600 + "\n"  # past the YAML loader's 500 levels
CONFIG = "mlcomply.yaml"


def _repo(tmp_path: Path, change: dict[str, str], base_config: str = "", name: str = "repo") -> Path:
    files = {"data/model.json": '{"ok": true}\n', "pipeline/params.yaml": "lr: 0.1\n", "README.md": "# demo\n"}
    if base_config:
        files[CONFIG] = base_config
    repo = init_repo(tmp_path / name, files)
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, change)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    return repo


def _scan(repo: Path, *args: str) -> tuple[int, str, dict[str, object]]:
    out = repo.parent / f"{repo.name}.json"
    res = run_cli("scan", ".", "--max-file-bytes", MAX, "--json-output", out, *args, cwd=repo)
    assert res.returncode in (0, 1), res.stderr
    return res.returncode, res.stderr, json.loads(out.read_text())


PADDED = {"data/model.json": '{"ok": true, "pad": "' + "x" * 5000 + '"}\n'}
CHANGES = [
    pytest.param(PADDED, "data/model.json", "skipped", "larger than", id="padded-past-max-file-bytes"),
    pytest.param({"data/model.json": NESTED_JSON}, "data/model.json", "limit", "nested deeper", id="json-too-deep"),
    pytest.param({"pipeline/params.yaml": NESTED_YAML}, "pipeline/params.yaml", "parse", "nested deeper", id="yaml"),
    pytest.param({"data/new.json": NESTED_JSON}, "data/new.json", "limit", "nested deeper", id="added-file"),
]


@pytest.mark.parametrize(("change", "path", "kind", "words"), CHANGES)
def test_an_unreadable_file_of_the_change_fails_the_diff_gate(
    tmp_path: Path, change: dict[str, str], path: str, kind: str, words: str
) -> None:
    repo = _repo(tmp_path, change)
    code, stderr, doc = _scan(repo, "--diff-base", "main")
    assert [(e["path"], e["kind"]) for e in doc["errors"]] == [(path, kind)]  # type: ignore[index, union-attr]
    assert words in doc["errors"][0]["message"]  # type: ignore[index]
    assert code == 1
    assert "1 scan error(s) on files this scan judges (changed or named) fail the scan" in stderr
    # The same tree scanned in full: scan errors do not change the exit code, unless --strict.
    assert _scan(repo)[0] == 0
    assert _scan(repo, "--strict")[0] == 1


def test_the_trusted_config_can_turn_it_off_and_the_change_cannot(tmp_path: Path) -> None:
    trusted = _repo(tmp_path, PADDED, base_config="fail_on_scan_errors: false\n", name="trusted")
    assert _scan(trusted, "--diff-base", "main", "--config", CONFIG)[0] == 0
    # The same setting added by the change itself is read at the merge base, i.e. not at all.
    untrusted = _repo(tmp_path, {**PADDED, CONFIG: "fail_on_scan_errors: false\n"}, "fail_on: high\n", "untrusted")
    assert _scan(untrusted, "--diff-base", "main", "--config", CONFIG)[0] == 1


def test_errors_on_files_the_change_leaves_alone_do_not_fail_it(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", {"data/old.json": NESTED_JSON, "README.md": "# demo\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {"README.md": "# demo, edited\n"})
    git(repo, "commit", "-q", "-am", "docs")
    code, _, doc = _scan(repo, "--diff-base", "main")
    assert [e["path"] for e in doc["errors"]] == ["data/old.json"]  # type: ignore[union-attr]
    assert code == 0


def test_files_only_fails_on_the_named_files_errors(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", {"a.json": NESTED_JSON, "b.json": "{}\n"})
    out = tmp_path / "out.json"
    named = run_cli("scan", "--files-only", "--json-output", out, "--", "a.json", cwd=repo)
    assert named.returncode == 1, named.stderr
    other = run_cli("scan", "--files-only", "--json-output", out, "--", "b.json", cwd=repo)
    assert other.returncode == 0, other.stderr
    config = tmp_path / "c.yaml"
    config.write_text("fail_on_scan_errors: false\n")
    assert run_cli("scan", "--files-only", "--config", config, "--", "a.json", cwd=repo).returncode == 0


def test_fail_on_none_or_critical_is_respected(tmp_path: Path) -> None:
    """A failing scan error counts as a high finding, no more."""
    repo = _repo(tmp_path, PADDED)
    assert _scan(repo, "--diff-base", "main", "--fail-on", "critical")[0] == 0
    assert _scan(repo, "--diff-base", "main", "--fail-on", "medium")[0] == 1


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_every_kind_but_note_counts(kind: str) -> None:
    errors = [ScanError("x.yaml", "m", kind=kind), ScanError("y.yaml", "m", kind=kind)]
    counted = kind != "note"
    assert bool(failing_errors(errors, {"x.yaml"}, strict=False, fail_on_scan_errors=True)) is counted
    assert [e.path for e in failing_errors(errors, {"x.yaml"}, False, True)] == (["x.yaml"] if counted else [])
    assert failing_errors(errors, {"x.yaml"}, strict=False, fail_on_scan_errors=False) == []
    assert failing_errors(errors, None, strict=False, fail_on_scan_errors=True) == []  # a full scan
    assert len(failing_errors(errors, None, strict=True, fail_on_scan_errors=False)) == (2 if counted else 0)
