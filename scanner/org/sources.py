"""Which repositories an org scan covers, and where each one is on disk (shallow clone cache).

A list file names git URLs or local paths, one a line (`#` starts a comment); a directory means
every git repository under it. Local paths are scanned in place: the checkout the user points at
is what they want reported (no copy, no stale cache), and its commit is still recorded. URLs,
including `file://` ones, are shallow-cloned into the cache and updated (fetch + hard reset) on
later runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import git

from scanner.errors import FatalError
from scanner.vcs import safegit
from scanner.walk import open_in_root

# scheme://... or scp-like user@host:path (what `git clone` accepts besides local paths).
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^[\w.-]+@[\w.-]+:")
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")
_COMMENT = re.compile(r"(^|\s)#.*$")  # at line start or after a space: URLs may hold '#'
_SCP = re.compile(r"^[\w.-]+@([\w.-]+):(.*)$")
# A clone must never wait for a password on a terminal nobody watches.
GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "SSH_ASKPASS": "true"}


@dataclass(frozen=True)
class RepoSpec:
    name: str  # stable identity across runs; never carries credentials
    source: str  # URL or absolute local path
    is_url: bool


def redact(text: str) -> str:
    """Hide credentials embedded in URLs (https://user:token@host) in names and error text."""
    return _USERINFO.sub("***@", text)


def _url_name(url: str) -> str:
    scp = _SCP.match(url)
    name = f"{scp.group(1)}/{scp.group(2)}" if scp else _USERINFO.sub("", url).split("://", 1)[1]
    name = name.rstrip("/")
    return name[: -len(".git")] if name.endswith(".git") else name


def read_list(path: Path) -> list[RepoSpec]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FatalError(f"read repository list {path}: {getattr(exc, 'strerror', None) or exc}") from None
    specs: dict[str, RepoSpec] = {}
    for number, raw in enumerate(lines, 1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        if _URL.match(line):
            spec = RepoSpec(_url_name(line), line, is_url=True)
        else:
            local = (path.parent / Path(line).expanduser()).resolve()
            spec = RepoSpec(line.rstrip("/") or line, str(local), is_url=False)
        if spec.name in specs:
            raise FatalError(f"read repository list {path}: line {number}: {spec.name!r} is listed twice")
        specs[spec.name] = spec
    return list(specs.values())


def find_repos(root: Path) -> list[RepoSpec]:
    """Every git repository under `root` (not descending into one once found; no symlinks)."""
    root = root.resolve()
    if (root / ".git").exists():
        return [RepoSpec(root.name, str(root), is_url=False)]
    found: list[RepoSpec] = []
    for dirpath, dirnames, _ in os.walk(root):
        here = Path(dirpath)
        if (here / ".git").exists():
            found.append(RepoSpec(here.relative_to(root).as_posix(), str(here), is_url=False))
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
    return sorted(found, key=lambda s: s.name)


def load_sources(path: Path) -> list[RepoSpec]:
    if path.is_dir():
        return find_repos(path)
    if not path.exists():
        raise FatalError(f"read repository list {path}: no such file or directory")
    return read_list(path)


KEY_FILE = ".mlcomply-cache-key"


def cache_key(cache_dir: Path) -> bytes:
    """The cache's secret (32 random bytes, made on first use, mode 0600). Folder names are keyed
    with it, so a repository cannot name another one's clone from its URL. Confinement does not
    rest on it (every scan reads only inside its own clone); it takes away the address."""
    path = cache_dir / KEY_FILE
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open_in_root(cache_dir, KEY_FILE) as fh:
            key = fh.read()
        if len(key) == 32:
            return key
        raise FatalError(f"read clone cache key {path}: damaged; delete it (the cache is rebuilt)")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise FatalError(f"read clone cache key {path}: {exc.strerror}") from None
    # Written aside, then linked into place: a parallel worker sees the whole key or none.
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".key.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        with contextlib.suppress(FileExistsError):  # another worker made it first: use theirs
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return cache_key(cache_dir)


def cache_path(cache_dir: Path, spec: RepoSpec) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", spec.name).strip("._")[-60:] or "repo"
    digest = hmac.new(cache_key(cache_dir), spec.source.encode(), hashlib.sha256).hexdigest()[:24]
    return cache_dir / f"{slug}-{digest}"


def checkout(spec: RepoSpec, cache_dir: Path) -> Path:
    """The directory to scan: the local path itself, or an up-to-date shallow clone."""
    if not spec.is_url:
        path = Path(spec.source)
        if not path.is_dir():
            raise FileNotFoundError(f"repository path does not exist: {spec.source}")
        return path
    dest = cache_path(cache_dir, spec)
    if dest.is_dir():
        try:
            repo = safegit.repo(dest)
            with repo.git.custom_environment(**GIT_ENV):
                repo.git.fetch("--depth=1", "origin", "HEAD")
                repo.git.reset("--hard", "FETCH_HEAD")
                repo.git.clean("-ffdxq")
            return dest
        except (git.GitCommandError, git.InvalidGitRepositoryError, git.NoSuchPathError):
            # A damaged cache entry is rebuilt; if the remote is really gone the clone says so.
            shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    cloned = safegit.run(
        None,
        "clone",
        "--quiet",
        "--depth=1",
        "--single-branch",
        "--no-tags",
        "--",
        spec.source,
        str(dest),
        env=GIT_ENV,
        text=True,
    )
    if cloned.returncode != 0:
        # Raised as GitPython would, so callers keep one error type; the URL's credentials are
        # redacted where the message is shown.
        raise git.GitCommandError(["git", "clone"], cloned.returncode, cloned.stderr)
    return dest


def head_commit(path: Path) -> str | None:
    try:
        return safegit.repo(path, search_parent_directories=True).head.commit.hexsha
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return None  # not a git checkout, or a repository without commits


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mlcomply" / "org"
