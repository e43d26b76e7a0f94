from __future__ import annotations

from pathlib import Path

import pytest

from scanner.errors import FatalError
from scanner.org.sources import RepoSpec, cache_path, checkout, find_repos, head_commit, load_sources, read_list, redact
from tests.conftest import git, init_repo, write_files


@pytest.mark.parametrize(
    ("line", "name", "is_url"),
    [
        ("https://github.com/acme/train.git", "github.com/acme/train", True),
        ("https://ci:ghp_s3cr3t@github.com/acme/train", "github.com/acme/train", True),
        ("git@github.com:acme/serve.git", "github.com/acme/serve", True),
        ("ssh://git@gitlab.example/ml/feature-store/", "gitlab.example/ml/feature-store", True),
        ("file:///srv/git/lake.git", "/srv/git/lake", True),
        ("repos/local-one/", "repos/local-one", False),
        ("https://host/a/b.git   # trailing comment", "host/a/b", True),
    ],
)
def test_list_lines(tmp_path: Path, line: str, name: str, is_url: bool) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text(f"# header comment\n\n{line}\n")
    [spec] = read_list(listing)
    assert (spec.name, spec.is_url) == (name, is_url)
    if not is_url:
        assert spec.source == str(tmp_path / "repos" / "local-one")


def test_duplicate_names_the_file_and_line(tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text("https://h/a.git\nhttps://h/b.git\nhttps://token@h/a\n")
    with pytest.raises(FatalError, match=r"repos.txt: line 3: 'h/a' is listed twice"):
        read_list(listing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fatal: unable to access 'https://u:tok@h/x.git/'", "fatal: unable to access 'https://***@h/x.git/'"),
        ("git clone -- https://oauth2:glpat-123@gitlab.com/a b", "git clone -- https://***@gitlab.com/a b"),
        ("git@github.com:acme/x.git", "git@github.com:acme/x.git"),  # a user name, not a secret
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_find_repos_lists_every_git_repository_once(tmp_path: Path) -> None:
    init_repo(tmp_path / "a", {"x.tf": ""})
    init_repo(tmp_path / "team" / "b", {"x.tf": ""})
    init_repo(tmp_path / "a" / "vendored", {"y.tf": ""})  # inside a repository: not listed twice
    write_files(tmp_path, {"team/notes/readme.md": "not a repo"})
    (tmp_path / "link").symlink_to(tmp_path / "team")
    assert [s.name for s in load_sources(tmp_path)] == ["a", "team/b"]
    assert find_repos(tmp_path / "a") == [RepoSpec("a", str(tmp_path / "a"), is_url=False)]


def test_clone_is_shallow_cached_and_updated(tmp_path: Path) -> None:
    upstream = init_repo(tmp_path / "upstream", {"main.tf": "# one\n"})
    write_files(upstream, {"main.tf": "# two\n"})
    git(upstream, "commit", "-qam", "two")
    spec = RepoSpec("upstream", f"file://{upstream}", is_url=True)
    cache = tmp_path / "cache"

    clone = checkout(spec, cache)
    assert clone == cache_path(cache, spec) and clone.parent == cache
    assert git(clone, "rev-list", "--count", "HEAD").strip() == "1"  # shallow
    assert head_commit(clone) == head_commit(upstream)
    (clone / "stray.txt").write_text("left by a previous scan\n")

    write_files(upstream, {"main.tf": "# three\n"})
    git(upstream, "commit", "-qam", "three")
    assert checkout(spec, cache) == clone  # reused, fetched and reset
    assert head_commit(clone) == head_commit(upstream)
    assert (clone / "main.tf").read_text() == "# three\n" and not (clone / "stray.txt").exists()

    git(clone, "remote", "set-url", "origin", str(tmp_path / "gone"))  # a damaged cache entry
    assert checkout(spec, cache) == clone and head_commit(clone) == head_commit(upstream)


def test_local_paths_are_scanned_in_place(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r", {"a.tf": ""})
    assert checkout(RepoSpec("r", str(repo), is_url=False), tmp_path / "cache") == repo
    assert not (tmp_path / "cache").exists()
    with pytest.raises(FileNotFoundError, match="repository path does not exist"):
        checkout(RepoSpec("gone", str(tmp_path / "gone"), is_url=False), tmp_path / "cache")
