"""Which Terraform files an incremental scan loads for a changed `.tf` file.

The findings on a file of module folder F come from the root modules whose calls reach F, and
each of those views reads every folder the root reaches. Whether a folder is a root at all
depends on who calls it. So the context of F is: F's ancestors in the call graph (the roots
among them included), and every folder those reach. Loading that alone gives the roots holding
F the same views (and F's files the same errors) as a whole-repository load, with one exception
handled below: taint keeps sensitivity per folder, marked by every caller (terraform.taint), so a
folder shared with roots outside the context could be marked by them. When a folder outside the
context that reaches into it mentions `sensitive` at all, the context is the whole connected
component of the call graph instead.

The graph is found without parsing: every quoted string of a file that mentions `module` and
reads as a local path (`./x`, `../x`) is taken as a call. That over-approximates the calls the
loader follows (a literal local `source`), and a larger context only costs time. A file this
reading cannot vouch for (a string escape it does not decode, a heredoc `source`) makes the
answer None: the caller then loads every Terraform file.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scanner.terraform.mirror import is_local, local_target

_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_HEREDOC_SOURCE = re.compile(r"\bsource\s*=\s*<<")
_MODULE = re.compile(r"\bmodule\b")


def is_terraform_source(rel: str) -> bool:
    """A file the Terraform loader reads as part of a module folder (not a plan JSON)."""
    return rel.endswith(".tf") or rel.lower().endswith(".tf.json")


def folder(rel: str) -> str:
    return posixpath.dirname(rel) or "."


def local_strings(text: str) -> set[str] | None:
    """Every quoted local-path string of a Terraform file; None when one cannot be decoded."""
    # The substring test first: a regex search with \b over every file of a large repository
    # costs more than the rest of the graph.
    if "module" not in text or not _MODULE.search(text):
        return set()
    if _HEREDOC_SOURCE.search(text):
        return None
    found: set[str] = set()
    for match in _QUOTED.finditer(text):
        raw = match.group(1)
        if "\\" in raw:
            try:
                raw = json.loads(f'"{raw}"')
            except ValueError:
                return None
        if isinstance(raw, str) and is_local(raw):
            found.add(raw)
    return found


_SENSITIVE = re.compile(r"\bsensitive\b")


@dataclass
class CallGraph:
    """Module folders and their (possible) calls, both ways."""

    calls: dict[str, set[str]] = field(default_factory=dict)
    callers: dict[str, set[str]] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)  # folder -> its Terraform files
    sensitive: set[str] = field(default_factory=set)  # folders mentioning `sensitive`

    def add(self, here: str, target: str) -> None:
        self.calls.setdefault(here, set()).add(target)
        self.callers.setdefault(target, set()).add(here)

    def closure(self, start: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
        seen, stack = set(start), list(start)
        while stack:
            for nxt in step(stack.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def down(self, folders: Iterable[str]) -> set[str]:
        return self.closure(folders, lambda d: self.calls.get(d, ()))

    def up(self, folders: Iterable[str]) -> set[str]:
        return self.closure(folders, lambda d: self.callers.get(d, ()))

    def connected(self, folders: Iterable[str]) -> set[str]:
        return self.closure(folders, lambda d: [*self.calls.get(d, ()), *self.callers.get(d, ())])


def graph(sources: Iterable[str], read: Callable[[str], str]) -> CallGraph | None:
    """The call graph of the Terraform files `sources`; `read(rel) -> str` gives a file's text.
    None when some file cannot be vouched for (see the module docstring)."""
    g = CallGraph()
    for rel in sources:
        here = folder(rel)
        g.files.setdefault(here, []).append(rel)
        try:
            text = read(rel)
        except (OSError, UnicodeDecodeError):
            continue  # unreadable: the loader reports it, and it calls nothing
        if "sensitive" in text and _SENSITIVE.search(text):
            g.sensitive.add(here)
        strings = local_strings(text)
        if strings is None:
            return None
        for source in strings:
            target = local_target(here, source)
            if target is not None:
                g.add(here, target)
    return g


def context(g: CallGraph, changed: Iterable[str]) -> set[str]:
    """The module folders to load for the findings of the files `changed`."""
    named = {folder(rel) for rel in changed if is_terraform_source(rel)}
    if not named:
        return set()
    needed = g.down(g.up(named))
    # Folders outside that call into it: they may mark a shared folder sensitive.
    outside = g.up(needed) - needed
    if any(d in g.sensitive for d in outside):
        return g.connected(named)
    return needed


def affected(g: CallGraph, changed: Iterable[str]) -> set[str]:
    """The module folders whose root views a change to the files `changed` may change (their
    roots' documents change, so every finding of them is judged again), which is also what
    they read: the callers of the changed folders, and all they reach. A change anywhere in a
    component where some folder mentions `sensitive` may move marks into any folder of it."""
    named = {folder(rel) for rel in changed if is_terraform_source(rel) or is_var_file(rel)}
    if not named:
        return set()
    whole = g.connected(named)
    return whole if any(d in g.sensitive for d in whole) else g.down(g.up(named))


def is_var_file(rel: str) -> bool:
    """terraform.tfvars(.json) or *.auto.tfvars(.json): read when the folder's root is evaluated."""
    return rel.endswith((".tfvars", ".tfvars.json"))


def component(
    sources: list[str], changed: Iterable[str], read: Callable[[str], str], diff: bool = False
) -> set[str] | None:
    """The Terraform files to load so that the module folders of `changed` get the views (and
    errors) a whole load gives them (`diff`: so that every view they may change is rebuilt);
    None: load every Terraform file."""
    changed = list(changed)
    if not any(is_terraform_source(rel) or (diff and is_var_file(rel)) for rel in changed):
        return set()
    g = graph(sources, read)
    if g is None:
        return None
    folders = affected(g, changed) if diff else context(g, changed)
    return {rel for d in folders for rel in g.files.get(d, ())}
