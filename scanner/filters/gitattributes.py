"""Which files Git LFS stores: `filter=lfs` patterns from every `.gitattributes` in the scan.

Patterns follow gitignore's wildmatch rules (matched with `pathspec`), relative to the folder
of the `.gitattributes` that declares them; a later `-filter` or `!filter` unsets it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scanner.walk import Listing

if TYPE_CHECKING:
    import pathspec

MAX_BYTES = 1 << 20


def lfs_rules(text: str) -> list[tuple[str, bool]]:
    """(pattern, is_lfs) per line that sets or unsets the `filter` attribute."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        for attr in fields[1:]:
            if attr == "filter=lfs":
                out.append((fields[0], True))
            elif attr in ("-filter", "!filter") or (attr.startswith("filter=") and attr != "filter=lfs"):
                out.append((fields[0], False))
    return out


class LfsMatcher:
    def __init__(self, files: Iterable[tuple[str, str]]) -> None:
        """`files`: (folder of the .gitattributes relative to the root, its text)."""
        import pathspec  # on use: ~40 ms of import that a repository without LFS patterns skips

        # Deeper .gitattributes files override shallower ones, later lines earlier ones.
        self._rules: list[tuple[str, pathspec.PathSpec, bool]] = []
        for folder, text in sorted(files, key=lambda f: f[0].count("/") if f[0] else -1):
            for pattern, is_lfs in lfs_rules(text):
                self._rules.append((folder, pathspec.PathSpec.from_lines("gitignore", [pattern]), is_lfs))

    def is_lfs(self, rel: str) -> bool:
        verdict = False
        for folder, spec, is_lfs in self._rules:
            if folder and not rel.startswith(folder + "/"):
                continue
            if spec.match_file(rel[len(folder) + 1 :] if folder else rel):
                verdict = is_lfs
        return verdict

    @classmethod
    def from_listing(cls, listing: Listing) -> LfsMatcher:
        files = []
        for entry in listing.files:
            if posixpath.basename(entry.rel) == ".gitattributes" and entry.size <= MAX_BYTES:
                try:
                    with entry.open() as fh:
                        text = fh.read().decode("utf-8", errors="replace")
                except OSError:
                    continue  # refused or unreadable: the load stage reports the file itself
                files.append((posixpath.dirname(entry.rel), text))
        return cls(files)


_last: tuple[Listing, LfsMatcher] | None = None


def lfs_matcher(listing: Listing) -> LfsMatcher:
    """One matcher per scan (rules ask once per data file)."""
    global _last
    if _last is None or _last[0] is not listing:
        _last = (listing, LfsMatcher.from_listing(listing))
    return _last[1]
