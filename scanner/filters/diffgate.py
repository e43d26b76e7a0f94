"""PR gating: report only findings new since the merge base with a ref, or on changed lines.

The whole working tree is scanned (cross-file context). The merge-base tree is checked out to a
temporary git worktree and scanned with the same rules; a finding whose fingerprint existed there
and that sits on no changed line (or changed Terraform resource) is debt the change did not add.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import git
from unidiff import PatchSet

from scanner.documents import Document, Span
from scanner.errors import FatalError
from scanner.findings import Finding, Suppression
from scanner.incremental import judged_at_base
from scanner.vcs import safegit

# path -> changed line numbers in the working tree; None = the whole file is new.
ChangedLines = Mapping[str, frozenset[int] | None]


@dataclass(frozen=True)
class BaseState:
    ref: str
    sha: str
    fingerprints: frozenset[str]
    changed: ChangedLines
    # When the merge base was scanned incrementally: the files whose findings it judged; any
    # other finding cannot have changed, so it was there (scanner.incremental.judged_at_base).
    judged: frozenset[str] | None = None


def repo_at(root: Path) -> git.Repo:
    try:
        return safegit.repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise FatalError(f"diff base: {root} is not inside a git checkout") from None


def merge_base(repo: git.Repo, ref: str) -> str:
    try:
        target = repo.commit(ref)
    except (git.BadName, ValueError, git.GitCommandError):
        raise FatalError(
            f"diff base: unknown revision {ref!r} (fetch it first, e.g. `git fetch origin {ref}`)"
        ) from None
    bases = repo.merge_base(target, "HEAD")
    if not bases:
        raise FatalError(
            f"diff base: HEAD and {ref!r} have no common ancestor; in CI fetch the full history "
            "(actions/checkout `fetch-depth: 0`)"
        )
    return str(bases[0].hexsha)


def _patches(repo: git.Repo, base: str) -> PatchSet:
    diff = repo.git.diff(base, "--unified=0", "--no-color", *safegit.PATCH_OPTIONS, "-M", "--")
    return PatchSet(diff + "\n" if diff else "")


def renames(repo: git.Repo, base: str) -> dict[str, str]:
    """Files moved since `base` (old path -> new path), as git's rename detection sees them."""
    return {p.source_file.removeprefix("a/"): p.path for p in _patches(repo, base) if p.is_rename}


def touched_paths(root: Path, ref: str) -> list[str]:
    """Every path the working tree changed since the merge base with `ref`: added, modified,
    deleted, both names of a move, untracked (what an incremental diff scan starts from)."""
    repo = repo_at(root)
    base = merge_base(repo, ref)
    paths = set(repo.untracked_files)
    for patched in _patches(repo, base):
        paths.add(patched.path)
        paths.add(patched.source_file.removeprefix("a/"))
        paths.add(patched.target_file.removeprefix("b/"))
    paths.discard("/dev/null")
    return sorted(paths)


def changed_lines(repo: git.Repo, base: str) -> dict[str, frozenset[int] | None]:
    """Lines added or modified in the working tree since `base`, and untracked files."""
    changed: dict[str, frozenset[int] | None] = {}
    for patched in _patches(repo, base):
        if patched.is_removed_file:
            continue
        if patched.is_added_file:
            changed[patched.path] = None
            continue
        lines: set[int] = set()
        for hunk in patched:
            added = [ln.target_line_no for ln in hunk if ln.is_added and ln.target_line_no]
            # A pure deletion changes the element around it: mark the lines on either side.
            lines.update(added or (max(1, hunk.target_start), hunk.target_start + 1))
        changed[patched.path] = frozenset(lines)
    for path in repo.untracked_files:
        changed[path] = None
    return changed


def base_state(
    root: Path, ref: str, paths: Sequence[Path], scan_at: Callable[[list[Path]], Sequence[Finding]]
) -> BaseState:
    """Scan the merge-base tree (same relative paths) in a temporary worktree."""
    repo = repo_at(root)
    sha = merge_base(repo, ref)
    top = Path(repo.working_tree_dir or root).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="mlcomply-base-"))
    tree = tmp / "tree"
    try:
        # The checkout runs no hook, filter or fsmonitor of the repository, and fetches no LFS object.
        repo.git.worktree("add", "--detach", "--quiet", str(tree), sha)
        # Moved files are moved at the base too, so their findings keep their fingerprints
        # (which contain the path) and a rename alone adds nothing.
        base_repo = safegit.repo(tree)
        for old, new in renames(repo, sha).items():
            if (tree / old).exists():
                (tree / new).parent.mkdir(parents=True, exist_ok=True)
                base_repo.git.mv("-f", old, new)
        rels = [p.resolve().relative_to(top) for p in paths]
        at_base = [tree / r for r in rels if (tree / r).exists()]
        findings = scan_at(at_base) if at_base else []
    finally:
        try:
            repo.git.worktree("remove", "--force", str(tree))
        except git.GitCommandError:
            repo.git.worktree("prune")
        shutil.rmtree(tmp, ignore_errors=True)
    return BaseState(ref, sha, frozenset(f.fingerprint for f in findings), changed_lines(repo, sha))


def _touches(span: Span, changed: ChangedLines) -> bool:
    if span.path not in changed:
        return False
    lines = changed[span.path]
    return lines is None or any(span.line <= n <= span.end_line for n in lines)


def is_new(f: Finding, state: BaseState, docs: Sequence[Document]) -> bool:
    unjudged = state.judged is not None and not judged_at_base(state.judged, f.path, f.properties)
    at_base = f.fingerprint in state.fingerprints or unjudged
    if not at_base:
        return True
    spans = [Span(f.path, f.start_line, f.end_line)]
    if f.address is not None:
        spans += [d.addresses[f.address] for d in docs if f.address in d.addresses]
    return any(_touches(s, state.changed) for s in spans)


def apply(findings: Sequence[Finding], state: BaseState, docs: Sequence[Document]) -> list[Finding]:
    why = f"present at the merge base {state.sha[:12]} with {state.ref} and not on a changed line"
    return [
        f.suppressed(Suppression("diff-base", why, state.ref))
        if f.suppression is None and not is_new(f, state, docs)
        else f
        for f in findings
    ]
