"""Terraform files split into units that load independently: one per root module, holding the
folders it reaches, so that each root can go to its own worker process and its own cache entry.

Module calls are known only after parsing, so the split over-approximates them from the text:
any `source` set to a quoted string starting with `./` or `../` (and any `Dir` of a
`.terraform/modules` manifest) links the file's folder to the folder it names. A call Terraform
follows is always such a literal (a templated or absolute source is refused by load, never
followed), so a unit never misses a folder its root reaches; an extra link (an `aws_s3_object`
source naming a folder of `.tf` files) makes a unit larger, and can make a folder look like a
root in a unit without its real caller: the merge keeps a root's document only when every unit
holding the folder found it a root. A folder that no
link reaches starts a unit; so does, in name order, any folder left out of every unit (a loop
of links). A module folder shared by several roots is in each of their units: `load_modules`
parses it once per unit, and the merge (terraform.spread) keeps each file's errors from one
unit, its owner, the first unit holding it. Plan JSON files load one by one and stay out.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.terraform import plan as terraform_plan
from scanner.terraform.mirror import local_target
from scanner.walk import FileEntry, TreeReader, open_in_root

# A `source` set to a quoted relative path, in HCL or JSON syntax (mirror neutralises every other
# source); escapes are kept, so a link can only be extra.
_SOURCE = re.compile(rb'(?<![\w-])(?:source\s*=|"source"\s*:)\s*"(\.\.?/(?:[^"\\\n]|\\.)*)"')
MAX_MANIFEST_BYTES = 4 << 20


@dataclass(frozen=True)
class Unit:
    entries: tuple[FileEntry, ...]
    folders: tuple[str, ...]  # sorted; every folder of `entries`
    downloads: bool = False  # some folder holds a .terraform manifest: not content-addressable


def split(root: Path, entries: Sequence[FileEntry]) -> tuple[list[FileEntry], list[Unit]]:
    """(plan files, units in a stable order: by the folder that starts them)."""
    plans = [e for e in entries if terraform_plan.is_plan_entry(e)]
    plan_rels = {e.rel for e in plans}
    by_folder: dict[str, list[FileEntry]] = {}
    for entry in entries:
        if entry.rel not in plan_rels:
            by_folder.setdefault(posixpath.dirname(entry.rel) or ".", []).append(entry)
    links: dict[str, set[str]] = {}
    downloads: set[str] = set()
    reader = TreeReader(root)  # the files in listing order: one open each, not one per folder
    try:
        for folder, files in by_folder.items():
            targets = {t for e in files for t in _linked(reader, e, folder)}
            manifest = _manifest_dirs(root, folder)
            if manifest is not None:
                downloads.add(folder)
                targets |= manifest
            links[folder] = {t for t in targets if t in by_folder and t != folder}
    finally:
        reader.close()
    reached = {t for targets in links.values() for t in targets}
    starts = sorted(f for f in by_folder if f not in reached)
    covered: set[str] = set()
    units: list[Unit] = []
    while True:
        if not starts:
            left = sorted(set(by_folder) - covered)
            if not left:
                break
            starts = left[:1]
        folders = _closure(starts.pop(0), links)
        covered |= folders
        ordered = tuple(sorted(folders))
        files = tuple(e for f in ordered for e in by_folder[f])
        units.append(Unit(files, ordered, downloads=bool(downloads & folders)))
    return plans, units


def combine(parts: Sequence[Unit], groups: int) -> list[Unit]:
    """`parts` joined into at most `groups` units of consecutive parts: each loads in one call,
    so the modules they share are parsed once and one mirror serves them (a union of units is
    still closed under links, so it is a unit)."""
    if not parts:
        return []
    size = -(-len(parts) // max(1, groups))
    out = []
    for start in range(0, len(parts), size):
        chunk = parts[start : start + size]
        folders = tuple(sorted({f for u in chunk for f in u.folders}))
        seen: dict[str, FileEntry] = {}
        for unit in chunk:
            for entry in unit.entries:
                seen.setdefault(entry.rel, entry)
        by_folder: dict[str, list[FileEntry]] = {}
        for entry in seen.values():
            by_folder.setdefault(posixpath.dirname(entry.rel) or ".", []).append(entry)
        files = tuple(e for f in folders for e in by_folder.get(f, ()))
        out.append(Unit(files, folders, downloads=any(u.downloads for u in chunk)))
    return out


def _closure(start: str, links: dict[str, set[str]]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in links[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _linked(reader: TreeReader, entry: FileEntry, folder: str) -> set[str]:
    """Folders this file's quoted relative paths name (an unreadable file links nothing: load
    reports it and reads nothing from it)."""
    try:
        data = reader.read(entry.rel)
    except OSError:
        return set()
    out = set()
    for match in _SOURCE.finditer(data):
        target = local_target(folder, match.group(1).decode("utf-8", "replace"))
        if target is not None:
            out.add(target)
    return out


def _manifest_dirs(root: Path, folder: str) -> set[str] | None:
    """The folders a `.terraform/modules` manifest in `folder` names, or None without one. A
    manifest that cannot be read names none (load reports it and reads nothing through it)."""
    rel = posixpath.join(folder, ".terraform", "modules", "modules.json")
    try:
        with open_in_root(root, rel) as fh:
            data = json.loads(fh.read(MAX_MANIFEST_BYTES))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError, RecursionError):
        return set()
    modules = data.get("Modules") if isinstance(data, dict) else None
    out = set()
    for module in modules if isinstance(modules, list) else ():
        where = module.get("Dir") if isinstance(module, dict) else None
        target = local_target(folder, where) if isinstance(where, str) else None
        if target is not None:
            out.add(target)
    return out
