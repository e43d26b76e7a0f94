"""The datasets a scan can see, and their Merkle roots (scanner.integrity.merkle).

A dataset is a file or folder of the scanned tree that a record names as data: a DVC output (a
`.dvc` file's or a stage's `outs`, whose `.dir` listing is the folder), or a provenance entity
whose location is a local path. Every file is read through the guarded open, in 1 MiB chunks;
links are never followed (a link inside a dataset folder is listed as skipped, a link to the
dataset itself is refused). A dataset that is not in the workspace (not pulled) has no root.

`dataset_digests` is the one entry point: the JSON results, the attestation and the BOM writer
call it with the scan's documents; `hash_dataset` recomputes one for `mlcomply verify`.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.documents import Document, ScanError, internal_error
from scanner.dvc import model as dvc_model
from scanner.dvc.hashing import DvcIgnore
from scanner.integrity.merkle import CONSTRUCTION, file_sha256, merkle_root
from scanner.loaders.budgets import Budgets, applied, named
from scanner.provenance.graph import View
from scanner.walk import RefusedPath, lstat_in_root, open_in_root

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_NEVER_DATA = (".git", ".dvc")  # git's and DVC's own folders are not part of a dataset


@dataclass(frozen=True)
class FileDigest:
    path: str  # relative to the dataset folder (a one-file dataset: its name)
    sha256: str
    size: int


@dataclass(frozen=True)
class DatasetDigest:
    path: str  # relative to the scan root
    kind: str  # file | directory
    declared_in: tuple[str, ...]  # the records that name it
    sources: tuple[str, ...]  # dvc | provenance
    files: tuple[FileDigest, ...]
    skipped: tuple[str, ...] = ()  # links and special files inside the folder, not followed

    @property
    def root(self) -> str:
        return merkle_root((f.path, f.sha256) for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "construction": CONSTRUCTION,
            "merkle_root": self.root,
            "file_count": len(self.files),
            "bytes": self.size,
            "declared_in": list(self.declared_in),
            "sources": list(self.sources),
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
            "skipped": list(self.skipped),
        }


class DatasetTooLarge(Exception):
    def __init__(self, budget: str, detail: str) -> None:
        super().__init__(detail)
        self.budget = budget
        self.detail = detail


@dataclass
class _Candidate:
    declared_in: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def local_paths(base: str, location: str) -> list[str]:
    """Repo-relative paths a record's location may name (from the root, then the record's folder)."""
    loc = location.removeprefix("file:")
    if not loc or _SCHEME.match(loc) or loc.startswith("/"):
        return []  # remote (s3://, hf://) or absolute: not the repository's bytes
    out = []
    for b in ("", base):
        rel = posixpath.normpath(posixpath.join(b, loc))
        if rel not in (".", "..") and not rel.startswith("../") and rel not in out:
            out.append(rel)
    return out


def candidates(docs: Iterable[Document]) -> dict[str, _Candidate]:
    """Repo-relative path → who names it as data, from DVC and provenance documents."""
    found: dict[str, _Candidate] = {}
    for doc in docs:
        if doc.kind == "dvc":
            for entry in dvc_model.entries(doc):
                if entry.role == "out" and entry.path:
                    c = found.setdefault(entry.path, _Candidate())
                    c.declared_in.add(doc.path)
                    c.sources.add("dvc")
        elif doc.kind == "provenance" and isinstance(doc.data, dict):
            view = View(doc.data)
            base = str(PurePosixPath(doc.path).parent)
            for iri in view.of_kind("entity"):
                loc = view.location(iri)
                for rel in local_paths(base if base != "." else "", loc) if loc else []:
                    c = found.setdefault(rel, _Candidate())
                    c.declared_in.add(doc.path)
                    c.sources.add("provenance")
    return found


def _files_of(root: Path, rel: str, ignore: DvcIgnore | None) -> tuple[list[str], list[str]]:
    """Regular files under the folder `root/rel` (repo-relative) and the entries left out."""
    files: list[str] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root / rel, followlinks=False):
        here = Path(dirpath).relative_to(root).as_posix()
        keep = []
        for d in dirnames:
            sub = posixpath.join(here, d)
            if d in _NEVER_DATA or (ignore and ignore.ignored(sub, is_dir=True)):
                continue
            if os.path.islink(root / sub):
                skipped.append(sub)  # never followed
                continue
            keep.append(d)
        dirnames[:] = sorted(keep)
        for name in filenames:
            sub = posixpath.join(here, name)
            if ignore and ignore.ignored(sub, is_dir=False):
                continue
            if stat.S_ISREG(os.lstat(root / sub).st_mode):
                files.append(sub)
            else:
                skipped.append(sub)
    return files, skipped


def hash_dataset(root: Path, rel: str, dvc: bool, budgets: Budgets | None = None) -> DatasetDigest | None:
    """The digest of the file or folder `root/rel`; None when it is absent. Raises RefusedPath
    (a link or out of the root) and DatasetTooLarge (a budget)."""
    budgets = budgets or Budgets()
    try:
        st = lstat_in_root(root, rel)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(st.st_mode):
        paths, skipped = _files_of(root, rel, DvcIgnore(root) if dvc else None)
        kind = "directory"
    elif stat.S_ISREG(st.st_mode):
        paths, skipped, kind = [rel], [], "file"
    else:
        raise RefusedPath(errno.EPERM, "not a regular file or folder; not read", rel)
    if len(paths) > budgets.max_dataset_files:
        raise DatasetTooLarge("max_dataset_files", f"more than {budgets.max_dataset_files} files")
    digests = []
    total = 0
    for path in paths:
        with open_in_root(root, path) as fh:
            sha, size = file_sha256(fh)
        total += size
        if total > budgets.max_dataset_bytes:
            raise DatasetTooLarge("max_dataset_bytes", f"more than {budgets.max_dataset_bytes} bytes")
        inner = posixpath.basename(path) if kind == "file" else posixpath.relpath(path, rel)
        digests.append(FileDigest(inner, sha, size))
    digests.sort(key=lambda f: f.path.encode("utf-8", "surrogateescape"))
    return DatasetDigest(rel, kind, (), (), tuple(digests), tuple(posixpath.relpath(s, rel) for s in sorted(skipped)))


def dataset_digests(
    root: Path, docs: Iterable[Document], budgets: Budgets | None = None
) -> tuple[list[DatasetDigest], list[ScanError]]:
    """Every dataset the documents name that is in the tree, by path, with its Merkle root;
    a dataset that cannot be digested is a scan error on the first record that names it."""
    budgets = budgets or Budgets()
    out: list[DatasetDigest] = []
    errors: list[ScanError] = []
    for rel, cand in sorted(candidates(docs).items()):
        where = sorted(cand.declared_in)[0]
        try:
            digest = hash_dataset(root, rel, "dvc" in cand.sources, budgets)
            if digest is None:
                continue
        except DatasetTooLarge as exc:
            with applied(budgets):
                why = named(exc.budget)
            errors.append(ScanError(where, f"digest dataset {rel}: {exc.detail}; no Merkle root ({why})", kind="limit"))
            continue
        except RefusedPath as exc:
            errors.append(ScanError(where, f"digest dataset {rel}: {exc.strerror}", kind="refused"))
            continue
        except OSError as exc:
            errors.append(ScanError(where, f"digest dataset {rel}: cannot read: {exc.strerror}", kind="skipped"))
            continue
        except Exception as exc:  # one dataset's failure costs that dataset only
            errors.append(internal_error(where, exc))
            continue
        out.append(
            DatasetDigest(
                digest.path,
                digest.kind,
                tuple(sorted(cand.declared_in)),
                tuple(sorted(cand.sources)),
                digest.files,
                digest.skipped,
            )
        )
    return out, errors
