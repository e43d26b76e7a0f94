"""Other scanners' allow markers (`gitleaks:allow`, `trufflehog:ignore`, detect-secrets'
`pragma: allowlist secret`) are aliases of `mlcomply:allow secrets`, under the same pull-request
gate: one the change adds is not honoured in a diff scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.secrets.allow import comment_tokens, find_allow
from tests.conftest import git, init_repo, run_cli, write_files

TOKEN = "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"  # a known test sample (gitleaks' rule examples)
OTHER = "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"
ALIASES = ("# gitleaks:allow", "# trufflehog:ignore", "# pragma: allowlist secret")


@pytest.mark.parametrize(
    ("path", "lines", "line", "expected"),
    [
        ("a.py", ["x = 1  # gitleaks:allow"], 1, "marked `gitleaks:allow` for another secret scanner"),
        ("a.py", ["x = 1  # trufflehog:ignore"], 1, "marked `trufflehog:ignore` for another secret scanner"),
        (
            "a.py",
            ["x = 1  # pragma: allowlist secret"],
            1,
            "marked `pragma: allowlist secret` for another secret scanner",
        ),
        ("a.js", ["x = 1 // gitleaks:allow"], 1, "marked `gitleaks:allow` for another secret scanner"),
        (
            "a.py",
            ["# pragma: allowlist nextline secret", "x = 1"],
            2,
            "marked `pragma: allowlist nextline secret` for another secret scanner",
        ),
        # gitleaks, trufflehog and `allowlist secret` cover their own line only, as in those tools
        ("a.py", ["# gitleaks:allow", "x = 1"], 2, None),
        ("a.py", ["# pragma: allowlist secret", "x = 1"], 2, None),
        ("a.py", ["x = 1  # pragma: allowlist nextline secret"], 1, None),
        # in a string, not a comment
        ("a.py", ["x = 'gitleaks:allow'"], 1, None),
        # our own marker still wins, and still needs its reason
        ("a.py", ["x = 1  # mlcomply:allow secrets  gitleaks:allow"], 1, "gitleaks:allow"),
    ],
)
def test_alias_markers(path: str, lines: list[str], line: int, expected: str | None) -> None:
    allow = find_allow(lines, line, comment_tokens(path))
    assert (allow.reason if allow else None) == expected


def _findings(out: Path) -> list[dict[str, object]]:
    return [f for f in json.loads(out.read_text())["findings"] if f["rule_id"] == "MLC-SECRET-HUGGINGFACE-001"]


@pytest.mark.parametrize("marker", ALIASES)
def test_alias_suppresses_in_a_full_scan(tmp_path: Path, marker: str) -> None:
    repo = init_repo(tmp_path / "repo", {"app/hf.py": f'TOKEN = "{TOKEN}"  {marker}\n'})
    out = tmp_path / "out.json"
    proc = run_cli("scan", repo, "--json-output", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [finding] = _findings(out)
    assert finding["suppression"]["kind"] == "inline"
    assert marker.lstrip("# ") in finding["suppression"]["justification"]
    assert TOKEN not in out.read_text()


@pytest.mark.parametrize("marker", ALIASES)
def test_alias_added_by_the_change_is_not_honoured_in_diff_mode(tmp_path: Path, marker: str) -> None:
    """The merge base's marked token stays suppressed; the token the change adds under a new
    marker is reported and fails the gate, like a new `mlcomply:allow`."""
    repo = init_repo(tmp_path / "repo", {"app/old.py": f'TOKEN = "{TOKEN}"  {marker}\n'})
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {"app/new.py": f'TOKEN = "{OTHER}"  {marker}\n'})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "adds a token and marks it")
    out = tmp_path / "out.json"
    proc = run_cli("scan", repo, "--diff-base", "main", "--json-output", out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    by_path = {f["path"]: f for f in _findings(out)}
    assert by_path["app/new.py"]["suppression"] is None
    assert "needs-review" in dict(by_path["app/new.py"]["properties"])
    assert by_path.get("app/old.py") is None or by_path["app/old.py"]["suppression"] is not None
    # with --trust-pr-suppressions the change's own marker is honoured
    proc = run_cli("scan", repo, "--diff-base", "main", "--trust-pr-suppressions", "--json-output", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
