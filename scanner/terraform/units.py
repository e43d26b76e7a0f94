"""Terraform files split into units that load independently: one per group of folders joined
by module calls, so that each unit can go to its own worker process and its own cache entry.

A unit must hold every folder a root module of it reaches and every folder that calls one of
its folders (a called folder is no root). Module calls are known only after parsing, so the
split over-approximates them from the text: any quoted string starting with `./` or `../`
joins the file's folder with the folder it names. A call Terraform follows is always such a
literal (a templated or absolute source is refused by load, never followed), so no call is
missed; an extra link only makes a unit larger. A folder holding a `.terraform/modules`
manifest reads downloaded modules the listing does not show: every such folder goes into one
unit with everything linked to it. Plan JSON files load one by one and stay out of units.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.terraform import plan as terraform_plan
from scanner.terraform.mirror import local_target
from scanner.walk import FileEntry, lstat_in_root

# A quoted relative path, in HCL or JSON syntax; escapes are kept, so a link can only be extra.
_RELATIVE = re.compile(rb'"(\.\.?/(?:[^"\\\n]|\\.)*)"')
_DOWNLOADED = "downloaded"  # the key of the one unit every folder with a manifest joins


@dataclass(frozen=True)
class Unit:
    entries: tuple[FileEntry, ...]
    folders: tuple[str, ...]  # sorted; every folder of `entries`
    downloads: bool = False  # some folder holds a .terraform manifest: not content-addressable


def split(root: Path, entries: Sequence[FileEntry]) -> tuple[list[FileEntry], list[Unit]]:
    """(plan files, units in a stable order: by their first folder)."""
    plans = [e for e in entries if terraform_plan.is_plan_entry(e)]
    plan_rels = {e.rel for e in plans}
    by_folder: dict[str, list[FileEntry]] = {}
    for entry in entries:
        if entry.rel not in plan_rels:
            by_folder.setdefault(posixpath.dirname(entry.rel) or ".", []).append(entry)
    parent = {folder: folder for folder in by_folder}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    downloads: set[str] = set()
    for folder, files in by_folder.items():
        if _has_manifest(root, folder):
            downloads.add(folder)
        for entry in files:
            for target in _linked(entry, folder):
                if target in by_folder:
                    join(folder, target)
    if downloads:
        first = min(downloads)
        for folder in downloads:
            join(first, folder)
    groups: dict[str, list[str]] = {}
    for folder in by_folder:
        groups.setdefault(find(folder), []).append(folder)
    units = []
    for folders in sorted(groups.values(), key=min):
        folders.sort()
        files = tuple(e for f in folders for e in by_folder[f])
        units.append(Unit(files, tuple(folders), downloads=bool(downloads.intersection(folders))))
    return plans, units


def _linked(entry: FileEntry, folder: str) -> set[str]:
    """Folders this file's quoted relative paths name (an unreadable file links nothing: load
    reports it and reads nothing from it)."""
    try:
        with entry.open() as fh:
            data = fh.read()
    except OSError:
        return set()
    out = set()
    for match in _RELATIVE.finditer(data):
        target = local_target(folder, match.group(1).decode("utf-8", "replace"))
        if target is not None:
            out.add(target)
    return out


def _has_manifest(root: Path, folder: str) -> bool:
    try:
        lstat_in_root(root, posixpath.join(folder, ".terraform", "modules", "modules.json"))
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # a link or unreadable: load reports it; the unit stays uncached
    return True
