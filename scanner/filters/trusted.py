"""What a diff scan trusts: the config, ignore file and baseline as they are at the merge base.

With `--diff-base` the working tree is the change being judged, so whatever in it can loosen the
gate (the config, the ignore file, the baseline, rule folders a config names) is read from the
merge base in git's object store instead; files outside the checkout (a config the runner
provides) are read as they are. A file the change adds is not there at the merge base: a config
or baseline that only the change has is not read (the defaults apply, with a note).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from scanner.config import Config, load_config, parse_config
from scanner.errors import FatalError
from scanner.vcs import safegit
from scanner.walk import git_toplevel

_REGULAR = (b"100644", b"100755")  # blobs only: a link or submodule at the base is not followed


@dataclass(frozen=True)
class BaseTree:
    top: Path  # the checkout's top level, resolved
    ref: str
    sha: str  # the merge base of HEAD and `ref`

    def rel(self, path: Path) -> str | None:
        """`path` relative to the checkout when it lies inside it (then the change controls
        it). Links in the working tree are not resolved: a link is the change's too."""
        for candidate in (Path(os.path.abspath(path)), path.absolute().parent.resolve() / path.name):
            if candidate.is_relative_to(self.top):
                return candidate.relative_to(self.top).as_posix()
        return None

    def _blobs(self, rel: str, recursive: bool) -> list[tuple[str, str]]:
        """(path, object id) of the regular files at `rel` in the merge-base tree."""
        args = ["--literal-pathspecs", "ls-tree", "-z", *(["-r"] if recursive else []), self.sha, "--", rel]
        out = safegit.run(self.top, *args)
        if out.returncode != 0:
            raise FatalError(f"read {rel} at the merge base {self.sha[:12]}: git ls-tree failed")
        blobs = []
        for item in out.stdout.split(b"\0"):
            meta, _, name = item.partition(b"\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == b"blob" and fields[0] in _REGULAR:
                blobs.append((name.decode("utf-8", "surrogateescape"), fields[2].decode()))
        return blobs

    def _blob(self, oid: str) -> bytes:
        out = safegit.run(self.top, "cat-file", "blob", oid)
        if out.returncode != 0:
            raise FatalError(f"read object {oid} at the merge base {self.sha[:12]}: git cat-file failed")
        return bytes(out.stdout)

    def read(self, rel: str) -> str | None:
        """The text of the file `rel` at the merge base; None when it is not a file there."""
        found = [oid for name, oid in self._blobs(rel, recursive=False) if name == rel]
        return self._blob(found[0]).decode("utf-8-sig", "replace") if found else None

    def exists(self, rel: str) -> bool:
        """Whether `rel` is a file, or a folder holding files, at the merge base."""
        return bool(self._blobs(rel, recursive=True))

    def export(self, rel: str) -> Path:
        """A copy of the file or folder `rel` as it is at the merge base, in a temporary folder
        removed at exit: rule folders of a trusted config run as the base has them."""
        blobs = self._blobs(rel, recursive=True)
        if not blobs:
            raise FatalError(f"read rule folder {rel}: not in the merge base {self.sha[:12]}")
        dest = Path(tempfile.mkdtemp(prefix="mlcomply-base-rules-"))
        atexit.register(shutil.rmtree, dest, True)
        for name, oid in blobs:
            target = dest / PurePosixPath(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self._blob(oid))
        return dest / PurePosixPath(rel)


def open_base(root: Path, ref: str) -> BaseTree:
    from scanner.filters import diffgate

    top = git_toplevel(root.resolve())
    if top is None:
        raise FatalError(f"diff base: {root} is not inside a git checkout")
    return BaseTree(top, ref, diffgate.merge_base(diffgate.repo_at(top), ref))


def config(path: Path | None, base: BaseTree | None, notes: list[str], root: Path | None = None) -> Config:
    """The config a scan runs with: from the merge base when it lies in the scanned checkout;
    else from disk, through the guarded open when `root` (the scan root) is given."""
    rel = None if path is None or base is None else base.rel(path)
    if base is None or path is None or rel is None:
        return load_config(path, root)
    text = base.read(rel)
    if text is None:
        notes.append(
            f"config {path}: not in the merge base {base.sha[:12]}; a config only this change has is "
            "not trusted in a diff scan, so the defaults apply"
        )
        return Config()
    parsed = parse_config(text, f"{path} (at the merge base)", base.top / PurePosixPath(rel).parent)

    def trusted_dir(d: Path) -> Path:
        inside = base.rel(d)
        return d if inside is None else base.export(inside)

    return replace(
        parsed,
        policy_dirs=[trusted_dir(d) for d in parsed.policy_dirs],
        rules_dirs=[trusted_dir(d) for d in parsed.rules_dirs],
    )
