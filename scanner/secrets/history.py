"""`scan --since REF`: secrets in the lines added by the commits REF..HEAD, reported with the
commit, so a secret added and removed again inside a pull request is still caught."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import git

from scanner.documents import Document
from scanner.errors import FatalError
from scanner.findings import Finding, make_finding
from scanner.fingerprints import SecretKeys
from scanner.loaders.sniff import ARCHIVE_SUFFIXES
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import detect
from scanner.secrets.rule import SecretRule
from scanner.secrets.source import Source, build_hits
from scanner.vcs import safegit

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


@dataclass(frozen=True)
class AddedBlock:
    """Consecutive lines a commit added to a file, starting at `line` of the new version."""

    commit: str
    path: str
    line: int
    text: str


def _blocks(commit: str, path: str, patch: str) -> Iterator[AddedBlock]:
    lines: list[str] = []
    start = new_line = 0
    for raw in patch.splitlines():
        hunk = _HUNK.match(raw)
        if hunk or not raw.startswith("+"):
            if lines:
                yield AddedBlock(commit, path, start, "\n".join(lines))
                lines = []
            if hunk:
                new_line = int(hunk.group(1))
            elif raw.startswith(" "):
                new_line += 1
            continue
        if not lines:
            start = new_line
        lines.append(raw[1:])
        new_line += 1
    if lines:
        yield AddedBlock(commit, path, start, "\n".join(lines))


def added_blocks(root: Path, since: str) -> Iterator[AddedBlock]:
    try:
        repo = safegit.repo(root, search_parent_directories=True)
        commits = list(repo.iter_commits(f"{since}..HEAD"))
    except git.InvalidGitRepositoryError:
        raise FatalError(f"scan --since: {root} is not inside a git repository") from None
    except git.GitCommandError:
        raise FatalError(f"scan --since: unknown revision or range '{since}..HEAD'") from None
    for commit in reversed(commits):  # oldest first: a secret is attributed to the commit adding it
        parent = commit.parents[0] if commit.parents else git.NULL_TREE
        for diff in commit.diff(parent, create_patch=True, R=True, unified=0, no_textconv=True):
            path = diff.b_path
            if path is None or PurePosixPath(path).suffix.lower() in ARCHIVE_SUFFIXES:
                continue
            raw = diff.diff if isinstance(diff.diff, bytes) else str(diff.diff).encode()
            if b"\0" in raw or raw.startswith(b"Binary files"):
                continue
            yield from _blocks(commit.hexsha, path, raw.decode("utf-8", "replace"))


def _within(path: str, scopes: Sequence[str]) -> bool:
    return any(scope in ("", ".") or path == scope or path.startswith(scope + "/") for scope in scopes)


def history_findings(
    root: Path,
    since: str,
    ruleset: RuleSet,
    known: set[str],
    scopes: Sequence[str] = ("",),
    keys: SecretKeys | None = None,
) -> list[Finding]:
    """`scopes`: root-relative paths the user asked to scan; other files' history is left out.
    `keys`: the tree scan's secret keying, so a secret still in the tree has the same fingerprint."""
    keys = keys or SecretKeys()
    rules = {r.rule.family: r for r in ruleset.python if isinstance(r.rule, SecretRule)}
    found: dict[str, Finding] = {}
    for block in added_blocks(root, since):
        if not _within(block.path, scopes):
            continue
        source = Source(
            block.text,
            block.path,
            comment_tokens(block.path),
            list(range(block.line, block.line + block.text.count("\n") + 1)),
            f"(added in commit {block.commit[:12]})",
            {"commit": block.commit},
        )
        doc = Document(kind="text", path=block.path, data=None)
        for family, hit in build_hits(source, detect(block.text, block.path)):
            loaded = rules.get(family)
            if loaded is None:
                continue
            finding = make_finding(loaded.meta, doc, hit, keys)
            if finding.fingerprint not in known:
                found.setdefault(finding.fingerprint, finding)
    return list(found.values())


def add_history(
    result: ScanResult, ruleset: RuleSet, since: str, paths: Sequence[Path] = (), keys: SecretKeys | None = None
) -> None:
    """Adds the history findings to `result`; a secret still in the tree keeps its tree finding."""
    known = {f.fingerprint for f in result.findings}
    scopes = [
        p.resolve().relative_to(result.root).as_posix() if p.resolve().is_relative_to(result.root) else ""
        for p in paths
    ] or [""]
    result.findings.extend(history_findings(result.root, since, ruleset, known, scopes, keys))
    result.findings.sort(key=Finding.sort_key)
