"""The first root modules of a group go to tfparse before the rest of the group is parsed.

load_groups parses every file of a group (pygohcl, in the parser process) before it writes the
mirror and asks tfparse for the first root module, so tfparse waited for the whole parse: 0.45 s
of a 4 s scan of one root module of 10,000 resources. A file's mirrored text depends on its
parse only through its module calls and through whether it parses at all. So `submit` parses
the files holding module calls first (their sources, as the usual path reads them), reads and
checks every other file (size, UTF-8, nesting, long exponents: what guards the parsers), writes
the mirror as if every file parsed and sends the first root modules; the parse of the rest runs
in the parser process while tfparse evaluates them.

When the group is parsed, `confirmed` compares: if the mirror holds exactly what the usual path
writes and the same folders are root modules, those answers are the usual path's (the same
requests on the same files). Otherwise the early requests are withdrawn (the worker is ended;
older requests go to its successor), what the usual path would not have mirrored is removed,
and the group's roots are sent as usual. tfparse never sees a module call the usual path would
refuse: a file that fails to parse may be evaluated (the same Go parser drops it, and the answer
is thrown away), but its file functions are renamed as in every mirrored text, and a file that
could hold a module call (the bytes `module`) is fully parsed before anything is sent.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scanner.terraform import blocks, mirror, split
from scanner.terraform.load import (
    AHEAD,
    _calls,
    _check_hcl,
    _cycle_from,
    _Module,
    _Queued,
    _Stage,
    _submit,
    split_plan,
)
from scanner.terraform.worker import TfparseWorker
from scanner.walk import FileEntry


@dataclass
class Early:
    written: dict[str, tuple[str, str]] = field(default_factory=dict)  # rel -> the text read, what the mirror got
    roots: list[str] = field(default_factory=list)  # the root module folders sent, in order
    items: list[_Queued] = field(default_factory=list)  # their requests


def submit(
    root: Path,
    entries: Sequence[FileEntry],
    stage: _Stage,
    tree: mirror.Mirror,
    worker: TfparseWorker,
    helpers: split.Helpers,
    mirrored: dict[str, str | None],
) -> Early | None:
    """Send the group's first root modules (at most AHEAD) now; None when nothing was sent
    because something needs the usual path's care (a JSON file, a file that cannot be read or
    fails a check, a module call file that does not parse, a refused source, a cycle)."""
    if any(e.rel.endswith(".json") for e in entries):
        return None
    texts: dict[str, str] = {}
    seen: dict[str, dict] = {}  # rel -> blocks with interpolations kept, for files with module calls
    calls: dict[str, _Module] = {}  # folder -> its module calls, and its files (for split_plan)
    for entry in entries:
        rel = entry.rel
        if rel in stage.early or rel in stage.read_ahead:
            return None
        known = None if stage.files is None else stage.files.get(rel)
        if isinstance(known, Exception):
            return None
        directory = posixpath.dirname(rel) or "."
        folder = calls.get(directory) or calls.setdefault(directory, _Module(directory))
        if known is not None:
            raw, text = known
        else:
            try:
                with entry.open() as fh:
                    data = fh.read()
            except Exception:
                return None  # _modules reads it again and reports it
            if b"module" not in data:
                try:
                    text = stage.text(data, rel)
                    _check_hcl(text, rel)
                except Exception:
                    return None
                stage.read_ahead[rel] = (data, text)
                texts[rel] = folder.texts[rel] = text
                continue
            try:
                raw, text = stage.parse(data, rel)
            except Exception:
                return None
            stage.early[rel] = (raw, text)
        texts[rel] = folder.texts[rel] = text
        normal = folder.raw[rel] = blocks.normalise(raw)
        if normal.get("module"):
            seen[rel] = stage.interpolated(rel, normal, text)
            folder.calls.update(_calls(root, rel, seen[rel], text, [], {}))
    called = {target for mod in calls.values() for target in mod.calls.values()}
    roots = [d for d in sorted(calls) if d not in called]
    if not roots or any(_cycle_from(d, calls) is not None for d in roots):
        return None
    out = Early()
    for rel, text in texts.items():
        safe = mirrored[rel] if rel in mirrored else mirror.neutralise(rel, text, seen.get(rel))
        if safe is None:
            return None
        if rel not in mirrored:
            out.written[rel] = (text, safe)
    for rel, (_, safe) in out.written.items():
        tree.add(rel, safe)
    for directory in roots[:AHEAD]:
        if not worker.fits(1024):
            break
        plan = split_plan(directory, calls, helpers.lanes)
        item = _submit(root, tree, _Module(directory), (), stage, worker, helpers, plan)
        if not item.sent:
            break  # out of time or failed: the usual path reports it
        out.roots.append(directory)
        out.items.append(item)
    return out


def confirmed(
    early: Early,
    mods: dict[str, _Module],
    roots: Sequence[str],
    cyclic: set[str],
    mirrored: dict[str, str | None],
    tree: mirror.Mirror,
    worker: TfparseWorker,
    helpers: split.Helpers,
) -> dict[str, _Queued]:
    """The early requests the usual path would have sent, by root folder; when they are not,
    they are withdrawn, and the mirror is left as the usual path wrote it. A root split in parts
    must be split alike from the parse of every file (which may show a definition its text hid)."""
    same = (
        list(roots[: len(early.roots)]) == early.roots
        and not cyclic.intersection(early.roots)
        and all(mirrored.get(rel) == safe for rel, (_, safe) in early.written.items())
    )
    if same:
        same = all(  # a root sent in one piece (not split, or its parts could not be sent) is right
            item.parts is None or item.parts.plan == split_plan(d, mods, helpers.lanes)
            for d, item in zip(early.roots, early.items, strict=True)
        )
    if same:
        for directory, item in zip(early.roots, early.items, strict=True):
            item.mod = mods[directory]
        return dict(zip(early.roots, early.items, strict=True))
    worker.withdraw(len(early.items))
    helpers.withdraw([item.parts for item in early.items])
    for rel in early.written:
        if mirrored.get(rel) is None:  # it failed to parse, or was refused: never mirrored
            tree.remove(rel)
    return {}
