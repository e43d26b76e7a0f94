"""One large root module evaluated by several tfparse processes at once, each on part of its files.

tfparse evaluates a root module on one core: 2.2 s for one of 10,000 resources, while the other
cores wait. A block's evaluated value depends only on the blocks its expressions reference
(variables, locals, resources, data sources, module calls), and on theirs in turn. So the root's
files are shared out between `lanes` parts: each part owns some files, and its folder holds them
and every file they reach through references (a `variables.tf` may be in every part). Each part
is evaluated in its own tfparse process, and `merge` keeps each block from the part that owns
its file (a module instance's blocks: the file of its call). The blocks a part holds only to
resolve references are dropped, but their ids still name their addresses (`ids`).

The references are read from the text, not from a parse: every `word.word` anywhere in a file,
comments and strings included, so a file can only reach more files than it needs, never fewer.
The definitions are read from block headers in the text too, with every `name =` of a file that
has a `locals` block taken as a local's name; where a parse is known, its names are added (see
`plan`). Roots with JSON files or override files (which change blocks of other files) are never
split; nor are small roots, where a second process's start costs more than it saves.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.cores import usable_cores
from scanner.terraform.mirror import Mirror
from scanner.terraform.worker import Crashed, EvaluationError, GaveUp, TfparseWorker

# Below this many bytes (a root's files and the modules they call) tfparse takes about 0.7 s at
# most: a second process's start (~70 ms) and the overlap lost to it eat most of the gain.
MIN_BYTES = 512 * 1024
# tfparse processes one root module may use at once, whatever the cores.
MAX_LANES = 4
# A split whose largest part holds more than this share of the root's bytes is not worth it.
MAX_SHARE = 0.75
# Steps (a file reached from another) the plan may take: a root whose files reach each other in
# long chains would take time quadratic in its files; it is evaluated in one piece instead.
MAX_STEPS = 500_000

# An HCL identifier: a Unicode letter or `_`, then letters, digits, `_` and `-`.
_WORD = r"[^\W\d][\w-]*"
_LABEL = rf'"?({_WORD})"?'
# Block headers, found by their keyword anywhere (a false match only adds a definition).
_KEYWORD = re.compile(r"resource|data|module|variable|locals")
_HEADER = re.compile(rf"(?:(resource|data)\s+{_LABEL}\s+{_LABEL}|(module|variable)\s+{_LABEL}|(locals)\s*\{{)")
_ASSIGNED = re.compile(rf"({_WORD})\s*=(?!=)")
_HEAD = re.compile(_WORD)
_TAIL_REVERSED = re.compile(r"[\w-]*[^\W\d]")  # a word at the end of a text, read backwards

Key = tuple[str, ...]


@dataclass(frozen=True)
class Part:
    owned: frozenset[str]  # the root's files whose blocks this part's answer gives
    files: tuple[str, ...]  # what its folder holds: those and every file they reach, sorted


def lanes() -> int:
    """tfparse processes a large root module gets: one per usable core, at most MAX_LANES."""
    return min(usable_cores(), MAX_LANES)


@functools.lru_cache(maxsize=4096)  # the early step and the usual path read the same texts
def _analysis(text: str) -> tuple[frozenset[Key], frozenset[Key]]:
    return frozenset(defines(text)), frozenset(references(text))


def defines(text: str) -> set[Key]:
    """What a file may define, read from its text (a superset of what it does define)."""
    out: set[Key] = set()
    has_locals = False
    for hit in _KEYWORD.finditer(text):
        header = _HEADER.match(text, hit.start())
        if header is None:
            continue
        mode, kind, name, named, label, local = header.groups()
        if mode:
            out.add(("data", kind, name) if mode == "data" else ("resource", kind, name))
        elif named:
            out.add(("module" if named == "module" else "var", label))
        elif local:
            has_locals = True
    if has_locals:
        out.update(("local", name) for name in _ASSIGNED.findall(text))
    return out


def parsed_defines(raw: Mapping[str, Any]) -> set[Key]:
    """What a parsed file (pygohcl's blocks, normalised) defines."""
    out: set[Key] = set()
    for mode in ("resource", "data"):
        for kind, named in _items(raw.get(mode)):
            out.update((mode, kind, name) for name, _ in _items(named))
    out.update(("module", name) for name, _ in _items(raw.get("module")))
    out.update(("var", name) for name, _ in _items(raw.get("variable")))
    locals_ = raw.get("locals")
    for body in locals_ if isinstance(locals_, list) else [locals_]:
        out.update(("local", name) for name, _ in _items(body))
    return out


def _items(value: Any) -> Iterable[tuple[str, Any]]:
    return value.items() if isinstance(value, dict) else ()


def references(text: str) -> set[Key]:
    """Every definition a file's text could refer to: each `a.b` (`data.t.n`), spaces around the
    dot allowed, wherever it is. Read around each dot, which is faster than a pattern that
    would be tried at every character."""
    pieces = text.split(".")
    out: set[Key] = set()
    # After dot i: the word that starts piece i+1, and whether that word is all of it.
    after: list[tuple[str, bool] | None] = []
    for piece in pieces[1:]:
        stripped = piece.lstrip()
        word = _HEAD.match(stripped)
        after.append(None if word is None else (word.group(), stripped[word.end() :].strip() == ""))
    for i, piece in enumerate(pieces[:-1]):
        nxt = after[i]
        if nxt is None:
            continue
        tail = _TAIL_REVERSED.match(piece.rstrip()[::-1])
        if tail is None:
            continue
        first, second = tail.group()[::-1], nxt[0]
        if first == "data":
            third = after[i + 1] if nxt[1] and i + 1 < len(after) else None
            if third is not None:
                out.add(("data", second, third[0]))
        elif first in ("local", "var", "module"):
            out.add((first, second))
        else:
            out.add(("resource", first, second))
    return out


def splittable(rel: str) -> bool:
    """Whether a root file allows splitting: JSON files and override files do not."""
    name = posixpath.basename(rel)
    return not (name.endswith(".json") or name in ("override.tf",) or name.endswith("_override.tf"))


@dataclass(frozen=True)
class Plan:
    parts: tuple[Part, ...]
    calls: Mapping[str, frozenset[str]]  # root file -> the module calls it holds (by its parse)


def plan_root(
    directory: str,
    texts: Mapping[str, str],
    calls: Mapping[str, Mapping[str, str]],
    parsed: Mapping[str, Mapping[str, Any]],
    count: int,
) -> Plan | None:
    """How a root module is evaluated in `count` parts, or None: in one piece. `texts`: rel ->
    text for the files of the root and its modules; `calls`: folder -> call name -> folder;
    `parsed`: rel -> normalised blocks, for every file of the root that holds a module call."""
    if count < 2:
        return None
    own = {  # what tfparse reads of the folder (variable files are named in the request)
        rel: text
        for rel, text in texts.items()
        if (posixpath.dirname(rel) or ".") == directory and rel.endswith((".tf", ".tf.json"))
    }
    by_file: dict[str, frozenset[str]] = {}
    callers: dict[str, str] = {}
    for rel in own:
        names = frozenset(name for name, _ in _items((parsed.get(rel) or {}).get("module")))
        for name in names:
            if callers.setdefault(name, rel) != rel:
                return None  # one call in two files: Terraform rejects it
        by_file[rel] = names
    sizes: dict[str, int] = {}
    for rel, text in texts.items():
        folder = posixpath.dirname(rel) or "."
        sizes[folder] = sizes.get(folder, 0) + len(text)
    mine = calls.get(directory, {})
    module_bytes: dict[str, int] = {}
    costs = {
        rel: len(text)
        + sum(_module_bytes(mine[name], sizes, calls, module_bytes) for name in by_file[rel] if name in mine)
        for rel, text in own.items()
    }
    extra = {rel: parsed_defines(parsed[rel]) for rel in own if rel in parsed}
    parts = plan(own, costs, count, extra)
    return None if parts is None else Plan(tuple(parts), by_file)


def _module_bytes(
    folder: str, sizes: Mapping[str, int], calls: Mapping[str, Mapping[str, str]], known: dict[str, int]
) -> int:
    """The bytes tfparse evaluates for one call of the module in `folder`, its own calls' too (a
    module called twice counts twice). Each folder is counted once (`known`), so that modules
    calling each other several times over cost a step per call, not one per instance; with a
    stack of its own, so that no chain of modules runs this out of Python's recursion."""
    stack = [(folder, False)]
    while stack:
        here, children_done = stack.pop()
        targets = calls.get(here, {}).values()
        if children_done:
            known[here] = sizes.get(here, 0) + sum(known[t] for t in targets)
        elif here not in known:
            known[here] = 0  # until counted: a cycle (reported, never evaluated) adds nothing
            stack.append((here, True))
            stack.extend((t, False) for t in targets if t not in known)
    return known[folder]


def plan(
    files: Mapping[str, str],
    costs: Mapping[str, int],
    count: int,
    extra_defines: Mapping[str, set[Key]] | None = None,
) -> list[Part] | None:
    """The parts a root module's files (rel -> text) are evaluated in, or None when it is not
    worth it or not safe. `costs`: each file's bytes with those of the modules it calls;
    `extra_defines`: rel -> what its parse defines (added to what its text shows)."""
    if count < 2 or sum(costs.values()) < MIN_BYTES or not all(splittable(rel) for rel in files):
        return None
    definers: dict[Key, set[str]] = {}
    analysed = {rel: _analysis(text) for rel, text in files.items()}
    for rel, (defined, _) in analysed.items():
        for key in defined | (extra_defines or {}).get(rel, set()):
            definers.setdefault(key, set()).add(rel)
    needs = {rel: {d for key in refs for d in definers.get(key, ())} for rel, (_, refs) in analysed.items()}
    steps = [MAX_STEPS]
    reach = {rel: _closure(rel, needs, steps) for rel in files}
    if steps[0] < 0:
        return None
    total = sum(costs.values())
    held: list[set[str]] = [set() for _ in range(count)]
    held_cost = [0] * count
    owned: list[set[str]] = [set() for _ in range(count)]
    # Largest first, each to the part it makes least costly (ties: the first).
    for rel in sorted(files, key=lambda r: (-costs[r], r)):
        added = [sum(costs[f] for f in reach[rel] if f not in held[i]) for i in range(count)]
        best = min(range(count), key=lambda i: held_cost[i] + added[i])
        held[best] |= reach[rel]
        held_cost[best] += added[best]
        owned[best].add(rel)
    parts = [Part(frozenset(o), tuple(sorted(h))) for o, h in zip(owned, held, strict=True) if o]
    largest = max(held_cost)
    if len(parts) < 2 or largest > total * MAX_SHARE:
        return None  # the references tie most of the module together
    return parts


def _closure(start: str, needs: Mapping[str, set[str]], steps: list[int]) -> set[str]:
    """The files `start` reaches; each reference followed takes a step from `steps[0]` (below 0:
    the plan gives up, and what this returns is not used)."""
    seen, stack = {start}, [start]
    while stack and steps[0] >= 0:
        following = needs[stack.pop()]
        steps[0] -= len(following)
        for nxt in following:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class Unmerged(Exception):
    """An answer holds a block whose owning file cannot be told: the root is evaluated whole."""


def merge(
    answers: list[dict[str, Any]], parts: list[Part], directory: str, calls_by_file: Mapping[str, frozenset[str]]
) -> tuple[dict[str, Any], dict[str, str]]:
    """One answer as tfparse gives for the whole root (each block once, from the part owning it),
    and the ids of every resource and data source block of every answer (id -> address): a kept
    block may refer to another through the id of a copy its part held."""
    owner_of_call = {}
    for rel, names in calls_by_file.items():
        for name in names:
            if name in owner_of_call:
                raise Unmerged(f"module {name} is called from two files")
            owner_of_call[name] = rel
    merged: dict[str, Any] = {}
    ids: dict[str, str] = {}
    every = frozenset().union(*(part.owned for part in parts))
    for answer, part in zip(answers, parts, strict=True):
        for type_name, blocks in answer.items():
            kept = merged.setdefault(type_name, [])
            for block in blocks:
                meta = block.get("__tfmeta") if isinstance(block, dict) else None
                if not isinstance(meta, dict):
                    raise Unmerged(f"a {type_name} block without its place")
                if meta.get("type") in ("resource", "data") and "path" in meta and "id" in block:
                    ids[block["id"]] = meta["path"]
                owner = _owner(meta, directory, owner_of_call)
                if owner not in every:
                    raise Unmerged(f"a block of {owner}, which no part owns")
                if owner in part.owned:
                    kept.append(block)
    return {name: blocks for name, blocks in merged.items() if blocks}, ids


def _owner(meta: Mapping[str, Any], directory: str, owner_of_call: Mapping[str, str]) -> str:
    """The root file a block comes from: for a module call, its instances and everything in
    them, the file holding the call."""
    path = meta.get("path")
    if isinstance(path, str) and path.startswith("module."):
        name = re.match(rf"module\.({_WORD})", path)
        if name is None or name.group(1) not in owner_of_call:
            raise Unmerged(f"no call for {path}")
        return owner_of_call[name.group(1)]
    filename = meta.get("filename")
    if not isinstance(filename, str) or "/" in filename or "\\" in filename:
        raise Unmerged(f"a block in {filename!r}, outside the root's files")
    return filename if directory == "." else posixpath.join(directory, filename)


class Helpers:
    """The tfparse processes beside the main one (lane 0), each started when first needed;
    `lanes`: how many a large root module may use in all (see lanes)."""

    def __init__(self, lanes: int) -> None:
        self.lanes = lanes
        self._workers: list[TfparseWorker] = []

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            worker.__exit__(*exc)

    def lane(self, k: int) -> TfparseWorker:
        """Lane k's worker, k >= 1."""
        while len(self._workers) < k:
            self._workers.append(TfparseWorker())
        return self._workers[k - 1]

    def abandon(self) -> None:
        for worker in self._workers:
            worker.abandon()

    def withdraw(self, sent: Sequence[Sent | None]) -> None:
        """Forget the helpers' requests of these split roots, the newest ones each helper had."""
        for k, worker in enumerate(self._workers, start=1):
            count = sum(1 for s in sent if s is not None and len(s.plan.parts) > k)
            if count:
                worker.withdraw(count)


@dataclass(frozen=True)
class Sent:
    """A root module's parts, sent: part k to lane k."""

    directory: str
    plan: Plan
    whole: tuple[str, list[str]]  # its mirrored folder and variable files: to evaluate it in one piece


def send(
    worker: TfparseWorker, helpers: Helpers, tree: Mirror, directory: str, plan: Plan, var_paths: list[str]
) -> Sent | None:
    """Ask each lane for its part; None (nothing asked) when a worker cannot be reached or the
    parts' folders cannot be made (links refused): the root is then asked for in one piece."""
    here = tree.tree / directory
    try:
        folders = [tree.view(directory, part.files) for part in plan.parts]
    except OSError:
        return None
    lanes = [worker, *(helpers.lane(k) for k in range(1, len(plan.parts)))]
    asked: list[TfparseWorker] = []
    try:
        for lane, folder in zip(lanes, folders, strict=True):
            lane.submit(str(folder), [_relative(here, path, folder) for path in var_paths])
            asked.append(lane)
    except (Crashed, OSError):  # a worker died at once, or none could be started
        for lane in asked:
            lane.withdraw(1)
        return None
    return Sent(directory, plan, (str(here), var_paths))


def _relative(here: Path, path: str, folder: Path) -> str:
    return os.path.relpath(os.path.normpath(here / path), folder)


def receive(
    worker: TfparseWorker, helpers: Helpers, sent: Sent, seconds: float
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answer for the whole root and the ids of the blocks its parts held (see merge). Every
    lane's answer is taken, whatever happens, so the next roots' answers stay in step. When a part
    fails, or an answer cannot be merged, the root is evaluated in one piece, and its own outcome
    (an answer, or an error) is the root's: a part alone may fail where the whole would not."""
    started = time.monotonic()
    answers: list[dict[str, Any]] = []
    failures: list[Exception] = []
    for k in range(len(sent.plan.parts)):
        lane = worker if k == 0 else helpers.lane(k)
        left = seconds - (time.monotonic() - started)
        try:
            # An answer already there is taken even once the time is spent.
            answers.append(lane.receive(max(left, 0.01)))
        except Exception as exc:  # the next lanes' answers are still taken
            failures.append(exc)
    if any(isinstance(exc, GaveUp) for exc in failures):
        raise GaveUp(f"gave up after {seconds:g} s")  # as for the whole: it is at least as slow
    unknown = [exc for exc in failures if not isinstance(exc, (EvaluationError, Crashed))]
    if unknown:
        raise unknown[0]
    if not failures:
        try:
            return merge(answers, list(sent.plan.parts), sent.directory, sent.plan.calls)
        except Unmerged:
            pass
    left = seconds - (time.monotonic() - started)
    if left <= 0:
        raise GaveUp(f"gave up after {seconds:g} s")
    with TfparseWorker() as whole:
        return whole.load(*sent.whole, timeout=left), {}
