from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner.errors import FatalError
from scanner.walk import RefusedPath, TreeReader, list_files, open_in_root
from tests.conftest import git, init_repo, write_files


def rels(listing) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rel for f in listing.files]


def test_git_checkout_lists_tracked_and_untracked_not_ignored(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {"a.tf": "", ".gitignore": "ignored.txt\nbuild/\n", "b/c.yaml": "x: 1"})
    write_files(root, {"new.json": "{}", "ignored.txt": "no", "build/out.json": "{}"})
    listing = list_files([root])
    assert rels(listing) == [".gitignore", "a.tf", "b/c.yaml", "new.json"]
    assert listing.git_tracked == frozenset({".gitignore", "a.tf", "b/c.yaml"})


def test_tracked_and_untracked_names_with_spaces_from_one_listing(tmp_path: Path) -> None:
    # The whole checkout's names and tracked set come from one tagged `git ls-files -t`.
    root = init_repo(tmp_path / "r", {"b/has space.tf": "", "? odd.tf": ""})
    write_files(root, {"H new.json": "{}", "sub/un tracked.txt": "x"})
    for listing in (list_files([root]), list_files([root / "b", root / "sub"])):
        assert listing.git_tracked == frozenset({"b/has space.tf", "? odd.tf"})
    assert rels(list_files([root])) == ["? odd.tf", "H new.json", "b/has space.tf", "sub/un tracked.txt"]
    assert listing.root == root.resolve()


def test_subdirectory_of_checkout_keeps_paths_relative_to_top(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {"infra/main.tf": "", "other.tf": ""})
    listing = list_files([root / "infra"])
    assert rels(listing) == ["infra/main.tf"]
    assert listing.root == root.resolve()


@pytest.mark.parametrize(
    "excluded",
    [
        ".terraform/modules/x/main.tf",
        "node_modules/p/index.json",
        "venv/lib/x.py",
        ".venv/x.py",
        "a/__pycache__/m.pyc",
    ],
)
def test_default_excludes_outside_git(tmp_path: Path, excluded: str) -> None:
    write_files(tmp_path, {"keep.tf": "", excluded: "x"})
    assert rels(list_files([tmp_path])) == ["keep.tf"]


def test_default_excludes_apply_to_committed_files_and_named_venvs(tmp_path: Path) -> None:
    root = init_repo(
        tmp_path / "r",
        {"keep.tf": "", "node_modules/p/a.json": "{}", "myenv/pyvenv.cfg": "home=/x", "myenv/lib/a.py": ""},
    )
    assert rels(list_files([root])) == ["keep.tf"]


def test_symlink_out_of_root_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("top secret")
    root = tmp_path / "r"
    write_files(root, {"a.yaml": "a: 1"})
    (root / "passwd").symlink_to("/etc/passwd")
    (root / "secret").symlink_to(outside)
    listing = list_files([root])
    assert rels(listing) == ["a.yaml"]
    notes = {e.path: e.message for e in listing.skipped}
    assert "outside the scan root" in notes["passwd"]
    assert "outside the scan root" in notes["secret"]


def test_symlink_loop_and_directory_links_do_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write_files(root, {"d/a.yaml": "a: 1"})
    (root / "d" / "loop").symlink_to(root / "d")  # directory link back up: never entered
    (root / "x").symlink_to(root / "y")
    (root / "y").symlink_to(root / "x")  # x -> y -> x
    listing = list_files([root])
    assert rels(listing) == ["d/a.yaml"]
    assert any("loops" in e.message for e in listing.skipped if e.path in ("x", "y"))


def test_symlink_in_git_checkout_out_of_root(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {"a.yaml": "a: 1"})
    (root / "passwd").symlink_to("/etc/passwd")
    git(root, "add", "passwd")
    listing = list_files([root])
    assert rels(listing) == ["a.yaml"]
    assert [e.path for e in listing.skipped] == ["passwd"]


def test_binary_detection(tmp_path: Path) -> None:
    write_files(tmp_path, {"model.bin": b"\x80\x04\x95\x00\x00", "text.txt": "hello"})
    by_rel = {f.rel: f for f in list_files([tmp_path]).files}
    assert by_rel["model.bin"].binary and not by_rel["text.txt"].binary


def test_several_files_are_listed_against_their_checkout(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {"a/x.tf": "", "b/y.yaml": "", "c.json": "{}"})
    listing = list_files([root / "b/y.yaml", root / "a/x.tf"])
    assert rels(listing) == ["a/x.tf", "b/y.yaml"]


def test_order_is_deterministic(tmp_path: Path) -> None:
    names = [f"f{i}.yaml" for i in (3, 1, 2, 10)]
    write_files(tmp_path, {n: "" for n in names})
    assert rels(list_files([tmp_path])) == sorted(names)


def test_missing_path_is_a_fatal_error(tmp_path: Path) -> None:
    with pytest.raises(FatalError, match="no such file"):
        list_files([tmp_path / "nope"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file_is_noted(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": "a: 1"})
    (tmp_path / "a.yaml").chmod(0)
    listing = list_files([tmp_path])
    assert rels(listing) == [] and "cannot read" in listing.skipped[0].message


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counting descriptors needs /proc")
def test_the_tree_reader_reads_like_open_in_root_keeping_one_folder_chain_open(tmp_path: Path) -> None:
    files = {f"stacks/s{i}/{name}.tf": f"# {i} {name}\n" for i in range(4) for name in ("main", "vars")}
    files |= {"modules/a/b/c.tf": "deep\n", "top.tf": "top\n"}
    write_files(tmp_path, files)
    before = _open_fds()
    reader = TreeReader(tmp_path)
    for rel in sorted(files):
        with open_in_root(tmp_path, rel) as fh:
            assert reader.read(rel) == fh.read()
        assert _open_fds() - before <= 4  # the root and at most three folders below it
    assert reader.read("modules/a/b/c.tf") == b"deep\n"
    reader.close()
    assert _open_fds() == before


def test_the_tree_reader_refuses_what_open_in_root_refuses(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_files(outside, {"secret.txt": "not ours\n"})
    root = tmp_path / "repo"
    write_files(root, {"ok/main.tf": "ok\n"})
    (root / "linked").symlink_to(outside)
    (root / "ok" / "link.tf").symlink_to(outside / "secret.txt")
    os.mkfifo(root / "ok" / "fifo.tf")
    reader = TreeReader(root)
    for rel in ("linked/secret.txt", "ok/link.tf", "ok/fifo.tf", "../outside/secret.txt", "/etc/passwd", ""):
        with pytest.raises(RefusedPath):
            reader.read(rel)
        assert reader.read("ok/main.tf") == b"ok\n"  # a refusal leaves the reader usable
    reader.close()
