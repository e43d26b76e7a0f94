"""Terraform root modules → a resource view (address, type, file, lines, evaluated config).

pygohcl (HashiCorp's own parser) checks every file's syntax and gives each attribute's source
expression; tfparse evaluates variables, tfvars, locals, modules, count and for_each. tfparse
drops a file it cannot parse without a word, so syntax is always checked first and reported.
tfparse never fetches a remote module source (`allow_downloads` stays off): calls to git or
registry modules are left out of the view (one `note` per call), unless `terraform init` already
downloaded them into the root's `.terraform/modules` (see downloaded). tfparse never reads the repository either: it
evaluates a private mirror of the listed Terraform files (see mirror), and a module call whose
source leaves the scan root (or is absolute, a template, or behind a link) is a `refused` error.

Every file is checked against the budgets (size, nesting) before any parser sees it, and
pygohcl runs in a worker process too: a file over a budget, or one that aborts the parser, is a
`limit` error and stays out of the mirror, so its module is evaluated without it.

Beside this file: worker (tfparse and pygohcl in time-limited child processes), values (evaluated values
and tfparse's quirks), refs (addresses and references), taint (sensitive and unknown inputs),
unexpanded (resources tfparse drops), plan (`terraform show -json` plans into the same view).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.documents import Document, LoadError, ScanError, Span, internal_error
from scanner.engines.rego import BATCH_SIZE
from scanner.loaders import budgets, json_text
from scanner.loaders import nesting as json_nesting
from scanner.loaders.budgets import BudgetExceeded
from scanner.terraform import blocks, downloaded, duplicates, mirror, providers, split
from scanner.terraform import nesting as hcl_nesting
from scanner.terraform import plan as terraform_plan
from scanner.terraform.refs import (
    ModuleTree,
    Scope,
    address_parts,
    outputs_of,
    strip_keys,
)
from scanner.terraform.taint import propagate, sensitive_seeds, unknown_by_call
from scanner.terraform.unexpanded import unexpanded
from scanner.terraform.values import MAX_DEPTH, UNKNOWN_KEY, Evaluation, config, unknown
from scanner.terraform.worker import Crashed, EvaluationError, GaveUp, HclSyntaxError, TfparseWorker
from scanner.walk import FileEntry, RefusedPath, lstat_in_root, open_in_root, open_named, refused

__all__ = ["UNKNOWN_KEY", "load_modules", "unknown"]

NON_RESOURCE_BLOCKS = frozenset({"locals", "module", "variable", "output", "provider", "terraform"})
# Every top-level block type Terraform accepts (1.10), and "//", the JSON syntax's comment property.
BLOCK_TYPES = NON_RESOURCE_BLOCKS | {"resource", "data", "moved", "import", "check", "removed", "ephemeral", "//"}
_ERROR_POS = re.compile(r":(\d+),(\d+)-")
# HCL parses numbers as arbitrary-precision floats: `x = 1e-99999` (14 bytes) takes pygohcl about a
# minute, in-process and beyond interruption, and a longer exponent longer still. No real
# configuration writes such a literal. Right after a quote it is a string, harmless: not matched.
_HUGE_EXPONENT = re.compile(r'(?<!["\w.])\d+(?:\.\d*)?[eE][+-]?\d{5,}(?![\w.])')
# What every such literal holds, found about 3x faster: the full pattern runs only where it is.
_LONG_EXPONENT = re.compile(r"[eE][+-]?\d{5}")


@dataclass
class _Module:
    directory: str  # repo-relative POSIX directory, "." for the top
    files: list[FileEntry] = field(default_factory=list)
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)  # file rel -> pygohcl output
    texts: dict[str, str] = field(default_factory=dict)  # file rel -> the text parsed (and mirrored)
    # file rel -> blocks with interpolations kept ("${local.p}/x"), for files with module calls
    interpolated: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: dict[str, str] = field(default_factory=dict)  # call name -> directory of a local source
    declared: dict[str, list[duplicates.Declaration]] = field(default_factory=dict)  # address -> where


def unsupported_single_file(entry: FileEntry) -> list[Document]:
    raise LoadError("terraform files are loaded per module directory")


def _parse_error(rel: str, exc: Exception) -> ScanError:
    text = str(exc)
    pos = _ERROR_POS.search(text)
    detail = text.split(": ", 2)[-1] if pos else text
    line, col = (int(pos.group(1)), int(pos.group(2))) if pos else (None, None)
    return ScanError(rel, f"invalid HCL: {detail}", line=line, column=col)


class _Stage:
    """The Terraform stage's budgets: its deadline, and the parser worker every file goes to."""

    def __init__(self, parser: TfparseWorker, module_seconds: float | None, memo: bool = False) -> None:
        b = budgets.current()
        self.parser = parser
        self.module_seconds = b.terraform_module_seconds if module_seconds is None else module_seconds
        self.deadline = time.monotonic() + b.terraform_seconds
        # With several groups of files (load_groups), a file two groups share is read and parsed
        # once: rel -> its raw blocks and text, or what reading or parsing it raised.
        self.files: dict[str, tuple[dict[str, Any], str] | Exception] | None = {} if memo else None
        self._seen: dict[str, dict[str, Any]] = {}  # rel -> `interpolated`'s answer
        # What the early step (terraform.early) already read or parsed, taken once by _modules.
        self.early: dict[str, tuple[dict[str, Any], str]] = {}  # rel -> raw blocks and text
        self.read_ahead: dict[str, tuple[bytes, str]] = {}  # rel -> the bytes read, their checked text

    def timeout(self) -> tuple[float, str]:
        """Seconds the next request may take, and the budget that sets it."""
        left = self.deadline - time.monotonic()
        if left < self.module_seconds:
            return max(left, 0.0), "terraform_seconds"
        return self.module_seconds, "terraform_module_seconds"

    def parse(self, data: bytes, rel: str) -> tuple[dict[str, Any], str]:
        """One file's raw blocks (pygohcl, or JSON for .tf.json and .tfvars.json) and its text;
        _Bad on bad syntax or a budget hit."""
        text = self.text(data, rel)
        return (_json(text, rel) if rel.endswith(".json") else self._hcl(text, rel)), text

    def text(self, data: bytes, rel: str) -> str:
        max_bytes = budgets.current().max_hcl_bytes
        if not rel.endswith(".json") and len(data) > max_bytes:
            message = f"parse HCL: {len(data)} bytes, larger than {max_bytes}; not parsed"
            raise _limit(rel, f"{message} ({budgets.named('max_hcl_bytes')})")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _Bad(ScanError(rel, f"invalid UTF-8 at byte {exc.start}")) from None

    def queue(self, data: bytes, rel: str, checked: str | None = None) -> str | None:
        """Send an HCL file's parse to the worker and return its text, when it can be parsed
        while the next files are read: its answer is then `received`, in order. None: parse it
        with `parse` (JSON, module calls, which need a second parse, or the budget is spent);
        _Bad when a check fails, as `parse` would raise. `checked`: its text, already checked."""
        if rel.endswith(".json") or b"module" in data:
            return None
        text = checked
        if text is None:
            text = self.text(data, rel)
            _check_hcl(text, rel)
        if self.timeout()[0] <= 0:
            return None
        try:
            self.parser.submit_line(self.parser.hcl_line(text))
        except Crashed:  # it died between requests: `parse` starts another
            return None
        return text

    def received(self, text: str, rel: str) -> dict[str, Any]:
        """The raw blocks of the oldest queued file, as `parse` gives them."""
        seconds, budget = self.timeout()
        if seconds <= 0:
            self.parser.abandon()  # the queued files are out of time too
            raise _limit(rel, f"parse HCL: the Terraform time budget is spent; not parsed ({budgets.named(budget)})")
        return self._parsed(text, rel, seconds, budget, lambda: self.parser.receive_hcl(seconds))

    def _hcl(self, text: str, rel: str) -> dict[str, Any]:
        _check_hcl(text, rel)
        seconds, budget = self.timeout()
        if seconds <= 0:
            raise _limit(rel, f"parse HCL: the Terraform time budget is spent; not parsed ({budgets.named(budget)})")
        return self._parsed(text, rel, seconds, budget, lambda: self.parser.parse_hcl(text, seconds))

    def _parsed(
        self, text: str, rel: str, seconds: float, budget: str, parse: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        try:
            data = parse()
        except HclSyntaxError as exc:
            raise _Bad(_parse_error(rel, exc)) from None
        except GaveUp:
            message = f"parse HCL: gave up after {seconds:g} s; not parsed ({budgets.named(budget)})"
            raise _limit(rel, message) from None
        except Crashed:
            message = "parse HCL: the parser aborted (out of stack or memory: nested too deeply?); not parsed"
            raise _limit(rel, message) from None
        except EvaluationError as exc:
            raise _Bad(ScanError(rel, f"parse HCL: {exc}")) from None
        return _known_blocks(rel, text, data, json_syntax=False)

    def interpolated(self, rel: str, raw: dict[str, Any], text: str) -> dict[str, Any]:
        """Without kept interpolations pygohcl renders "${local.p}/x" as "local.p/x": a template
        would pass for a registry address, while tfparse evaluates it to a path."""
        if rel.endswith(".json"):
            return raw  # JSON strings are what tfparse sees
        if rel in self._seen:  # a file of several groups, or one the early step parsed
            return self._seen[rel]
        seconds, _ = self.timeout()
        try:
            seen = self.parser.parse_hcl(text, seconds, keep_interpolations=True)
        except (HclSyntaxError, EvaluationError):  # parsed a moment ago; the mirror's own check still applies
            seen = raw
        self._seen[rel] = seen
        return seen

    def remember(self, rel: str, outcome: tuple[dict[str, Any], str] | Exception) -> None:
        if self.files is not None:
            self.files[rel] = outcome

    def recall(self, rel: str) -> tuple[dict[str, Any], str] | Exception | None:
        """A file's outcome from an earlier group, or from the early step; None: not known."""
        if self.files is not None and rel in self.files:
            return self.files[rel]
        return self.early.pop(rel, None)


def _check_hcl(text: str, rel: str) -> None:
    """The checks before pygohcl sees a file: _Bad (a limit) for what would hang or crash it."""
    huge = _HUGE_EXPONENT.search(text) if _LONG_EXPONENT.search(text) else None
    if huge is not None:
        line = text.count("\n", 0, huge.start()) + 1
        message = "parse HCL: a number with an exponent of 5 or more digits (parsing it takes minutes); not parsed"
        raise _limit(rel, message, line)
    limit = budgets.current().max_nesting_depth
    line = hcl_nesting.deeper_than(text, limit)
    if line is not None:
        message = f"parse HCL: nested deeper than {limit} levels; not parsed"
        raise _limit(rel, f"{message} ({budgets.named('max_nesting_depth')})", line)


def _json(text: str, rel: str) -> dict[str, Any]:
    try:
        json_nesting.check(text, "Terraform JSON")
    except BudgetExceeded as exc:
        raise _limit(rel, exc.message, exc.line) from None
    try:
        data = json_text.loads(text)
    except json.JSONDecodeError as exc:
        error = ScanError(rel, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
        raise _Bad(error) from None
    if not isinstance(data, dict):
        raise _Bad(ScanError(rel, "invalid Terraform JSON: the top level must be an object"))
    return _known_blocks(rel, text, data, json_syntax=True)


def _limit(rel: str, message: str, line: int | None = None) -> _Bad:
    return _Bad(ScanError(rel, message, line=line, kind="limit"))


def _known_blocks(rel: str, text: str, data: dict[str, Any], json_syntax: bool) -> dict[str, Any]:
    """Terraform refuses a whole module for one unknown top-level block type (or .tf.json
    property), and tfparse then answers {} without a word: name the file instead."""
    unknown = [key for key in data if key not in BLOCK_TYPES]
    if not unknown or not rel.endswith((".tf", ".tf.json")):  # variable files hold attributes
        return data
    # The line of the first one; its name stays out of the message (it comes from the file).
    name = re.escape(json.dumps(unknown[0]) if json_syntax else unknown[0])
    at = re.search(name if json_syntax else rf"^[ \t]*{name}\b", text, re.MULTILINE)
    line = text.count("\n", 0, at.start()) + 1 if at else None
    what = "a top-level property" if json_syntax else "a top-level block or argument"
    syntax = "Terraform JSON" if json_syntax else "Terraform"
    raise _Bad(ScanError(rel, f"invalid {syntax}: {what} is not a Terraform block type; {REJECTED}", line=line))


class _Bad(Exception):
    def __init__(self, error: ScanError) -> None:
        super().__init__(error.message)
        self.error = error


def _modules(
    root: Path,
    entries: Iterable[FileEntry],
    stage: _Stage,
    errors: list[ScanError],
    fetched: Mapping[tuple[str, str], str],
) -> dict[str, _Module]:
    mods: dict[str, _Module] = {}
    # HCL files whose parse is in the worker's queue, oldest first: each is finished before any
    # later file's result or error is recorded, so the order is that of one file at a time.
    queued: deque[tuple[FileEntry, _Module, str]] = deque()

    def failed(rel: str, exc: Exception) -> None:
        stage.remember(rel, exc)
        errors.append(_file_error(rel, exc))

    def parsed(mod: _Module, rel: str, raw: dict[str, Any], text: str) -> None:
        stage.remember(rel, (raw, text))
        _add(root, mod, rel, raw, text, stage, errors, fetched)

    def settle(keep: int, room: int = 0) -> None:
        """Finish queued files until `keep` are left and `room` more bytes fit the queue."""
        while queued and (len(queued) > keep or not stage.parser.fits(room)):
            entry, mod, text = queued.popleft()
            try:
                raw = stage.received(text, entry.rel)
            except Exception as exc:
                failed(entry.rel, exc)
                continue
            parsed(mod, entry.rel, raw, text)

    for entry in entries:
        directory = PurePosixPath(entry.rel).parent.as_posix()
        mod = mods.setdefault(directory, _Module(directory))
        mod.files.append(entry)
        known = stage.recall(entry.rel)
        if known is not None:  # an earlier group's file, or the early step's: its outcome, in its turn
            settle(0)
            stage.remember(entry.rel, known)
            if isinstance(known, Exception):
                errors.append(_file_error(entry.rel, known))
            else:
                _add(root, mod, entry.rel, *known, stage, errors, fetched)
            continue
        data, checked = stage.read_ahead.pop(entry.rel, (None, None))
        if data is None:
            try:
                with entry.open() as fh:
                    data = fh.read()
            except Exception as exc:
                settle(0)
                failed(entry.rel, exc)
                continue
        settle(QUEUED_HCL_FILES - 1, 6 * len(data) + 64)  # room for its request (JSON: at most 6x)
        try:
            text = stage.queue(data, entry.rel, checked)
        except Exception as exc:
            settle(0)
            failed(entry.rel, exc)
            continue
        if text is not None:
            queued.append((entry, mod, text))
            continue
        settle(0)
        try:
            raw, text = stage.parse(data, entry.rel)
        except Exception as exc:
            failed(entry.rel, exc)
            continue
        parsed(mod, entry.rel, raw, text)
    settle(0)
    for mod in mods.values():
        errors.extend(duplicates.errors(mod.declared, mod.texts))
    return mods


def _file_error(rel: str, exc: Exception) -> ScanError:
    """What reading and parsing one file raised, as its scan error."""
    if isinstance(exc, _Bad):
        return exc.error
    if isinstance(exc, RefusedPath):
        return refused(rel, exc)
    if isinstance(exc, OSError):
        return ScanError(rel, f"cannot read: {exc.strerror}", kind="skipped")
    return internal_error(rel, exc)  # a parser bug on one file costs that file only


def _add(
    root: Path,
    mod: _Module,
    rel: str,
    raw: dict[str, Any],
    text: str,
    stage: _Stage,
    errors: list[ScanError],
    fetched: Mapping[tuple[str, str], str],
) -> None:
    """One parsed file into its module: declarations, blocks, and module calls."""
    for address, declaration in duplicates.declarations(rel, raw):
        mod.declared.setdefault(address, []).append(declaration)
    raw = blocks.normalise(raw)
    mod.raw[rel], mod.texts[rel] = raw, text
    if raw.get("module"):
        seen = mod.interpolated[rel] = stage.interpolated(rel, raw, text)
        mod.calls.update(_calls(root, rel, seen, text, errors, fetched))


def _calls(
    root: Path,
    rel: str,
    seen: dict[str, Any],
    text: str,
    errors: list[ScanError],
    fetched: Mapping[tuple[str, str], str],
) -> dict[str, str]:
    """The module calls of one file whose source is a folder inside the root, or a module
    `terraform init` downloaded (`fetched`, see downloaded): call -> folder. A call tfparse
    must not follow is one `refused` error naming the file, line and call."""
    directory = posixpath.dirname(rel) or "."
    out = {}
    for name, source in mirror.module_sources(seen):
        reason = mirror.refusal(directory, source)
        target = mirror.local_target(directory, source) if reason is None and isinstance(source, str) else None
        if target is not None and mirror.is_local(source):
            try:
                lstat_in_root(root, target)
            except RefusedPath:
                reason = "has a symbolic link on its path"
            except OSError:
                pass  # a missing folder: tfparse loads nothing from it either
        if reason is not None:
            line = _call_line(text, name)
            errors.append(ScanError(rel, f"module {name}: source {reason}; not read", line=line, kind="refused"))
        elif target is not None and mirror.is_local(source):
            out[name] = target
        elif isinstance(source, str) and (directory, name) in fetched:
            out[name] = fetched[(directory, name)]
        elif isinstance(source, str):
            # A registry or git module: a note, without the source (a git URL can carry a token).
            message = f"module {name}: its source is not a local path; not read (mlcomply never downloads modules)"
            errors.append(ScanError(rel, message, line=_call_line(text, name), kind="note"))
    return out


def _call_line(text: str, name: str) -> int | None:
    match = re.search(rf'(?m)^\s*module\s+"?{re.escape(name)}"?\s*\{{|"{re.escape(name)}"\s*:', text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _cycle_from(start: str, mods: dict[str, _Module]) -> list[str] | None:
    """A module call path that returns to a directory already on it, if any."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    while stack:
        here, trail = stack.pop()
        for nxt in sorted(set(mods[here].calls.values()) if here in mods else ()):
            if nxt in trail:
                return [*trail, nxt]
            stack.append((nxt, [*trail, nxt]))
    return None


def _report_cycles(mods: dict[str, _Module], roots: list[str], errors: list[ScanError]) -> set[str]:
    """Roots whose module calls loop, plus loops no root reaches (a module calling itself)."""
    bad_roots: set[str] = set()
    seen: set[str] = set()
    for directory in [*roots, *sorted(d for d in mods if d not in roots)]:
        if directory in seen:
            continue
        cycle = _cycle_from(directory, mods)
        if cycle is None or (directory not in roots and seen & set(cycle)):
            continue
        seen |= set(cycle)
        if directory in roots:
            bad_roots.add(directory)
        message = "module sources form a cycle: " + " -> ".join(cycle) + "; module not evaluated"
        errors.append(ScanError(mods[directory].files[0].rel, message))
    return bad_roots


def load_modules(
    root: Path,
    entries: Sequence[FileEntry],
    var_files: Sequence[Path] = (),
    timeout: float | None = None,
    built: Callable[[Document], None] | None = None,
    idle: Callable[[], bool] | None = None,
) -> tuple[list[Document], list[ScanError]]:
    """Every root module under `root` as a document; plan JSON files (see kind_for) too.

    `timeout` is the limit per module (default: the terraform_module_seconds budget); the
    whole stage stops at the terraform_seconds budget, and the modules left are reported.
    `built` is called with each root module's document as soon as it is built, while tfparse
    evaluates the next ones (scan.evaluate's Rego step runs there: see terraform.overlap).
    `idle` is called, a step at a time, while this process waits for tfparse (see
    TfparseWorker.idle)."""
    [(docs, errors)] = load_groups(root, [entries], var_files, timeout, built, idle)
    return docs, errors


def load_groups(
    root: Path,
    groups: Sequence[Sequence[FileEntry]],
    var_files: Sequence[Path] = (),
    timeout: float | None = None,
    built: Callable[[Document], None] | None = None,
    idle: Callable[[], bool] | None = None,
) -> list[tuple[list[Document], list[ScanError]]]:
    """load_modules on each group of files, as one call per group gives them (each group's
    modules, roots and errors its own), in one pass: the parser processes, the mirror and
    tfparse's queue serve every group, so tfparse evaluates the next group's roots while this
    process builds the documents of the last, and a file several groups hold (a shared module)
    is read and parsed once. Groups are units (terraform.units): closed under module calls, so
    a root's evaluation never reads another group's folders in the shared mirror."""
    from scanner.terraform import early  # it builds on this module's parts

    out: list[tuple[list[Document], list[ScanError]]] = []
    size = sum(e.size for entries in groups for e in entries)
    with (
        TfparseWorker() as worker,
        split.Helpers(split.lanes()) as helpers,
        mirror.Mirror(size) as tree,
    ):
        # Requests go AHEAD roots in advance: tfparse evaluates the next roots while this
        # process builds (and, with `built`, evaluates) the documents of those it answered.
        queued: deque[tuple[_Queued, dict[str, _Module], _Shared, list[Document], list[ScanError]]] = deque()
        with TfparseWorker(role="hcl") as parser:
            stage = _Stage(parser, timeout, memo=len(groups) > 1)
            worker.idle = None if idle is None else _off_the_clock(stage, idle)
            mirrored: dict[str, str | None] = {}

            def finish_one() -> None:
                item, mods, shared, docs, errors = queued.popleft()
                _finish(item, mods, shared, stage, worker, helpers, docs, errors, built)

            for entries in groups:
                errors: list[ScanError] = []
                plans = [e for e in entries if terraform_plan.is_plan_entry(e)]
                docs = [doc for e in plans for doc in _plan_document(e, errors)]
                out.append((docs, errors))
                plan_rels = {e.rel for e in plans}
                tf_entries = [e for e in entries if e.rel not in plan_rels]
                if tf_entries:
                    worker.start()  # the evaluator imports tfparse while the files are parsed
                fetched = downloaded.find(root, (posixpath.dirname(e.rel) or "." for e in tf_entries), errors)
                plain = not (var_files or fetched.entries or fetched.calls or fetched.manifests or fetched.folders)
                ahead = early.submit(root, tf_entries, stage, tree, worker, helpers, mirrored) if plain else None
                mods = _modules(root, [*tf_entries, *fetched.entries], stage, errors, fetched.calls)
                _fill_mirror(tree, mods, errors, mirrored, None if ahead is None else ahead.written)
                for rel, text in fetched.manifests.items():
                    tree.add(rel, text)  # tfparse finds downloaded modules through it
                called = {c for m in mods.values() for c in m.calls.values()}
                roots = [d for d in sorted(mods) if d not in called and d not in fetched.folders and mods[d].raw]
                # tfparse never returns on a recursive module: such roots are reported, not evaluated.
                cyclic = _report_cycles(mods, roots, errors)
                extra = _extra_var_files(root, tree, var_files, stage, errors)
                shared = _shared(mods)
                sent = (
                    {}
                    if ahead is None
                    else early.confirmed(ahead, mods, roots, cyclic, mirrored, tree, worker, helpers)
                )
                lanes = helpers.lanes if plain else 1  # as for the early step: no --var-file, no downloads
                for directory in roots:
                    mod = mods[directory]
                    if directory in cyclic or not (tree.tree / directory).is_dir():
                        continue  # cyclic, or every file of it was left out of the mirror (both reported)
                    item = sent.get(directory) or _submit(
                        root, tree, mod, extra, stage, worker, helpers, split_plan(directory, mods, lanes)
                    )
                    queued.append((item, mods, shared, docs, errors))
                    if len(queued) > AHEAD:
                        finish_one()
        # Every file is parsed: the parser process ends here (or waits as a spare for the next
        # load), not after the last roots' evaluations, which are when memory peaks.
        while queued:
            finish_one()
    return out


def _off_the_clock(stage: _Stage, idle: Callable[[], bool]) -> Callable[[], bool]:
    """`idle` with its time given back to the stage's budget, which is for Terraform work only
    (as for `built`): loading a large dataset in a wait must not run the modules out of time.
    A step that fails ends the idle work, never the stage: that work is done again later, where
    its failure is reported."""

    def step() -> bool:
        started = time.monotonic()
        try:
            return idle()
        except Exception:
            return False
        finally:
            stage.deadline += time.monotonic() - started

    return step


# HCL files whose parse waits in the pygohcl worker's queue, at most (their size is bounded by
# the request pipe: see TfparseWorker.fits).
QUEUED_HCL_FILES = 64

# Root modules whose tfparse requests wait in the worker's queue beyond the one being answered:
# enough to keep tfparse busy while this process evaluates a batch of documents.
AHEAD = 2 * BATCH_SIZE


@dataclass
class _Queued:
    """A root module on its way: its variable files' errors so far, and whether it was sent."""

    mod: _Module
    errors: list[ScanError]
    var_names: set[str] = field(default_factory=set)
    sent: bool = False
    failure: Exception | None = None  # raised while preparing it: one internal error, in order
    parts: split.Sent | None = None  # its parts, when several tfparse processes evaluate it


def _submit(
    root: Path,
    tree: mirror.Mirror,
    mod: _Module,
    extra: Sequence[tuple[Path, set[str]]],
    stage: _Stage,
    worker: TfparseWorker,
    helpers: split.Helpers,
    plan: split.Plan | None,
) -> _Queued:
    """Send a root module's request to tfparse unless the stage's time is spent (then _finish
    reports it): one request, or one per part of `plan` (terraform.split). Its errors wait in
    order for _finish, so that they land where one request at a time put them."""
    queued = _Queued(mod, [])
    if stage.timeout()[0] <= 0:
        return queued
    try:
        var_paths, queued.var_names = _var_files(root, tree, mod, extra, stage, queued.errors)
        if plan is not None:
            queued.parts = split.send(worker, helpers, tree, mod.directory, plan, var_paths)
        if queued.parts is None:
            worker.submit(str(tree.tree / mod.directory), var_paths)
        queued.sent = True
    except Exception as exc:  # one root module's failure costs that module only
        queued.failure = exc
    return queued


def _finish(
    queued: _Queued,
    mods: dict[str, _Module],
    shared: _Shared,
    stage: _Stage,
    worker: TfparseWorker,
    helpers: split.Helpers,
    docs: list[Document],
    errors: list[ScanError],
    built: Callable[[Document], None] | None,
) -> None:
    """The answer to a root module's request: its document, or its error, after its variable
    files' errors. `timeout` runs from here, as when requests went one at a time."""
    mod = queued.mod
    where = f"evaluate terraform module {mod.directory}"
    seconds, budget = stage.timeout()
    if seconds <= 0:  # checked before its variable files, as when requests went one at a time
        if queued.sent:
            worker.abandon()  # its answer (and those of the next ones, also out of time) never comes
            helpers.abandon()
        message = f"{where}: not evaluated: the Terraform time budget is spent ({budgets.named(budget)})"
        errors.append(ScanError(mod.files[0].rel, message, kind="limit"))
        return
    errors.extend(queued.errors)
    try:
        if queued.failure is not None:
            raise queued.failure
        if queued.parts is not None:
            parsed, ids = split.receive(worker, helpers, queued.parts, seconds)
        else:
            parsed, ids = worker.receive(seconds), {}
        doc = _root_document(mod, mods, shared, parsed, queued.var_names, errors, ids)
    except GaveUp as exc:
        message = f"{where}: {exc} (count or for_each too large?) ({budgets.named(budget)})"
        errors.append(ScanError(mod.files[0].rel, message, kind="limit"))
        return
    except EvaluationError as exc:
        errors.append(ScanError(mod.files[0].rel, f"{where}: {exc}", kind=exc.kind))
        return
    except Exception as exc:  # one root module's failure costs that module only
        errors.append(internal_error(mod.files[0].rel, exc))
        return
    docs.append(doc)
    if built is not None:
        started = time.monotonic()
        built(doc)
        stage.deadline += time.monotonic() - started  # the stage's budget is for Terraform work only


# tfparse answers {} for such a module, as for one whose only resource has `count = 0`: only the
# file check in _known_blocks can tell them apart.
REJECTED = "Terraform rejects the module (and any module calling it), so none of their resources were evaluated"


def split_plan(directory: str, mods: Mapping[str, _Module], lanes: int) -> split.Plan | None:
    """How the root module in `directory` is evaluated in `lanes` parts (terraform.split), from
    the files of the modules it reaches; None: in one piece."""
    if lanes < 2:
        return None
    reached = [mods[d] for d in _reachable(directory, mods)]
    texts = {rel: text for m in reached for rel, text in m.texts.items()}
    if sum(len(text) for text in texts.values()) < split.MIN_BYTES:
        return None
    calls = {m.directory: m.calls for m in reached}
    return split.plan_root(directory, texts, calls, mods[directory].raw, lanes)


def _plan_document(entry: FileEntry, errors: list[ScanError]) -> list[Document]:
    try:
        return [terraform_plan.load(entry)]
    except BudgetExceeded as exc:
        errors.append(ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind="limit"))
    except LoadError as exc:
        errors.append(ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind=exc.kind))
    except OSError as exc:
        errors.append(ScanError(entry.rel, f"cannot read: {exc.strerror}", kind="skipped"))
    except Exception as exc:
        errors.append(internal_error(entry.rel, exc))
    return []


def _fill_mirror(
    tree: mirror.Mirror,
    mods: dict[str, _Module],
    errors: list[ScanError],
    mirrored: dict[str, str | None],
    present: Mapping[str, tuple[str, str]] | None = None,
) -> None:
    """Every parsed file into the mirror tfparse reads, without its ways out of the root.
    `mirrored`: rel -> what an earlier group wrote of it (None: nothing, it was refused);
    `present`: rel -> the text the early step read and what it wrote of it (the same text is
    neutralised alike, and never written again: tfparse may be reading it)."""
    present = present or {}
    for mod in mods.values():
        for rel, text in mod.texts.items():
            if rel in mirrored:
                safe = mirrored[rel]
            elif rel in present and present[rel][0] == text:
                safe = mirrored[rel] = present[rel][1]
            else:
                safe = mirrored[rel] = mirror.neutralise(rel, text, mod.interpolated.get(rel))
                if safe is not None:
                    tree.add(rel, safe)
            if safe is None:
                message = "a module source or file function could not be confined to the scan root; not evaluated"
                errors.append(ScanError(rel, message, kind="refused"))


def _read_var_file(root: Path, path: Path, shown: str, stage: _Stage) -> tuple[dict[str, Any], str]:
    with open_named(root, path) as fh:
        return stage.parse(fh.read(), shown)


def _extra_var_files(
    root: Path, tree: mirror.Mirror, var_files: Sequence[Path], stage: _Stage, errors: list[ScanError]
) -> list[tuple[Path, set[str]]]:
    """--var-file files, read once (through the guarded open when inside the scan root) and
    copied beside the mirror: (mirrored path, variable names)."""
    out = []
    for path in var_files:
        shown = _shown(root, path)
        try:
            raw, text = _read_var_file(root, path, shown, stage)
        except _Bad as bad:
            errors.append(bad.error)
            continue
        except RefusedPath as exc:
            errors.append(refused(shown, exc))
            continue
        except OSError as exc:
            errors.append(ScanError(shown, f"read variable file: {exc.strerror}", kind="skipped"))
            continue
        safe = mirror.neutralise(shown, text, None)
        if safe is None:
            errors.append(ScanError(shown, "read variable file: a file function could not be removed", kind="refused"))
            continue
        out.append((tree.add_var_file(safe, path.name.endswith(".json")), set(raw)))
    return out


def _auto_var_files(root: Path, directory: str) -> list[str]:
    """terraform.tfvars(.json), then *.auto.tfvars(.json) in name order, as repo-relative paths."""
    try:
        names = sorted(e.name for e in os.scandir(root / directory) if e.is_file(follow_symlinks=False))
    except OSError:
        return []
    auto = [n for n in ("terraform.tfvars", "terraform.tfvars.json") if n in names]
    auto += [n for n in names if ".auto.tfvars" in n and n.endswith((".tfvars", ".tfvars.json"))]
    return [posixpath.join(directory, n) if directory != "." else n for n in auto]


def _var_files(
    root: Path,
    tree: mirror.Mirror,
    mod: _Module,
    extra: Sequence[tuple[Path, set[str]]],
    stage: _Stage,
    errors: list[ScanError],
) -> tuple[list[str], set[str]]:
    """Variable files in Terraform's precedence order, relative to the module's mirrored folder
    (as tfparse wants them): terraform.tfvars(.json), *.auto.tfvars(.json), then --var-file."""
    here = tree.tree / mod.directory
    out, names = [], set()
    for rel in _auto_var_files(root, mod.directory):
        try:
            with open_in_root(root, rel) as fh:
                raw, text = stage.parse(fh.read(), rel)
        except _Bad as bad:
            errors.append(bad.error)
            continue
        except OSError:
            continue  # a link (the walk reports it) or gone: never followed
        safe = mirror.neutralise(rel, text, None)
        if safe is None:
            errors.append(ScanError(rel, "read variable file: a file function could not be removed", kind="refused"))
            continue
        tree.add(rel, safe)
        names.update(raw)
        out.append(os.path.relpath(tree.tree / rel, here))
    for mirrored, var_names in extra:
        names.update(var_names)
        out.append(os.path.relpath(mirrored, here))
    return out, names


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _Shared:
    """What every root module's view reads of the whole module tree, built once per scan (a
    root's cost must not grow with the number of other roots). Sensitivity is per directory,
    marked where any call marks it, so it is the same whichever root asks."""

    raw_by_dir: dict[str, list[dict[str, Any]]]
    calls: dict[str, dict[str, str]]
    outputs: dict[str, dict[str, Any]]
    sensitive: dict[str, set[str]]
    raw_index: dict[tuple[str, str, str, str], dict[str, Any]]


def _shared(mods: dict[str, _Module]) -> _Shared:
    raw_by_dir = {d: list(m.raw.values()) for d, m in mods.items()}
    calls = {d: dict(m.calls) for d, m in mods.items()}
    return _Shared(
        raw_by_dir=raw_by_dir,
        calls=calls,
        outputs={d: outputs_of(m.raw) for d, m in mods.items()},
        sensitive=propagate(raw_by_dir, calls, sensitive_seeds(raw_by_dir)),
        raw_index=_raw_blocks(mods),
    )


def _tree(shared: _Shared, declared: set[str], top: str, var_names: set[str]) -> ModuleTree:
    return ModuleTree(
        calls=shared.calls,
        outputs=shared.outputs,
        declared=declared,
        sensitive=shared.sensitive,
        unknown_inputs=unknown_by_call(shared.raw_by_dir, shared.calls, top, var_names, lambda t: "data." in t),
    )


def _root_document(
    mod: _Module,
    mods: dict[str, _Module],
    shared: _Shared,
    parsed: dict[str, Any],
    var_names: set[str],
    errors: list[ScanError],
    held: Mapping[str, str],
) -> Document:
    """`held`: ids of blocks the answer's parts held besides its own (terraform.split.merge)."""
    ids: dict[str, str] = dict(held)
    blocks: list[tuple[str, dict[str, Any]]] = []
    for type_name, items in parsed.items():
        if type_name in NON_RESOURCE_BLOCKS:
            continue
        for block in items:
            meta = block.get("__tfmeta", {})
            if meta.get("type") in ("resource", "data") and "path" in meta:
                blocks.append((type_name, block))
                if "id" in block:
                    ids[block["id"]] = meta["path"]
    tree = _tree(shared, {strip_keys(b["__tfmeta"]["path"]) for _, b in blocks}, mod.directory, var_names)
    raw_index = shared.raw_index
    resources, addresses = [], {}
    rels: dict[str, str] = {}
    scopes: dict[tuple[str, str | None], Scope] = {}
    for type_name, block in blocks:
        meta = block["__tfmeta"]
        address = meta["path"]
        module, name, key = address_parts(address)
        # tfparse names files relative to the root module, with `..` for modules beside it.
        filename = meta["filename"]
        rel = rels.get(filename)
        if rel is None:
            rel = rels[filename] = posixpath.normpath(posixpath.join(mod.directory, filename))
        raw = raw_index.get((rel, meta["type"], type_name, name), {})
        scope = scopes.get((module, key))
        if scope is None:
            scope = scopes[module, key] = Scope(tree, mod.directory, module, key)
        line, end = meta.get("line_start", 1), meta.get("line_end", meta.get("line_start", 1))
        ev = Evaluation(scope, ids)
        resources.append(
            {
                "address": address,
                "type": type_name,
                "name": name,
                "mode": "managed" if meta["type"] == "resource" else "data",
                "module": module,
                "file": rel,
                "line": line,
                "end_line": end,
                "config": config(block, raw, ev),
            }
        )
        if ev.cut:
            message = f"terraform resource {address}: values nested deeper than {MAX_DEPTH} levels are unknown"
            errors.append(ScanError(rel, message, line=line, kind="limit"))
        addresses[address] = Span(rel, line, end)
    for extra in _unexpanded(mod, mods, parsed, tree, ids, resources, var_names):
        resources.append(extra)
        addresses[extra["address"]] = Span(extra["file"], extra["line"], extra["end_line"])
    resources.sort(key=lambda r: r["address"])
    # Provider defaults that changed between major versions depend on every module's constraints.
    raws = [raw for d in _reachable(mod.directory, mods) for raw in mods[d].raw.values()]
    data = {"resources": resources, "providers": providers.view(raws)}
    return Document(kind="terraform", path=mod.directory, data=data, addresses=addresses)


def _reachable(top: str, mods: Mapping[str, _Module]) -> list[str]:
    """`top` and every module folder its calls reach, in a stable order."""
    seen, stack = {top}, [top]
    while stack:
        for nxt in mods[stack.pop()].calls.values():
            if nxt in mods and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return sorted(seen)


def _unexpanded(
    mod: _Module,
    mods: dict[str, _Module],
    parsed: dict[str, Any],
    tree: ModuleTree,
    ids: dict[str, str],
    resources: list[dict[str, Any]],
    var_names: set[str],
) -> list[dict[str, Any]]:
    prefixes = {""} | {b["__tfmeta"]["path"] for b in parsed.get("module") or [] if "path" in b.get("__tfmeta", {})}
    directory_of = {p: d for p in prefixes if (d := tree.directory_of(mod.directory, p)) is not None}
    wanted = set(directory_of.values())
    raw_files = {rel: raw for d in wanted if d in mods for rel, raw in mods[d].raw.items()}
    texts = {rel: text for d in wanted if d in mods for rel, text in mods[d].texts.items()}
    root_vars = {
        name
        for raw in mod.raw.values()
        for name, body in (raw.get("variable") or {}).items()
        if not (isinstance(body, dict) and "default" in body)
    }
    return list(
        unexpanded(
            prefixes,
            directory_of,
            raw_files,
            texts,
            {strip_keys(r["address"]) for r in resources},
            lambda prefix: Scope(tree, mod.directory, prefix, None),
            ids,
            root_vars - var_names,
        )
    )


def _raw_blocks(mods: dict[str, _Module]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    out: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for mod in mods.values():
        for rel, raw in mod.raw.items():
            for mode in ("resource", "data"):
                by_type = raw.get(mode) or {}
                for type_name, named in by_type.items() if isinstance(by_type, dict) else ():
                    for name, body in (named or {}).items() if isinstance(named, dict) else ():
                        if isinstance(body, dict):
                            out[(rel, mode, type_name, name)] = body
    return out
