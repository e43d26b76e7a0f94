"""The Terraform stage spread over units (see units): each unit from the cache, from a worker
process, or loaded here, and the results merged in the order one `load_modules` call gives.

Used only with `--jobs` above 1 or a cache; otherwise the scan calls `load_modules` once, as
before. Workers also evaluate the Rego rules on the documents they build (the rule set compiled
once per worker), so the parent only turns hits into findings; the cache keeps those hits too.
Workers start only when enough units miss the cache (MIN_UNITS_FOR_POOL): below that, starting
them costs more than the work. The whole stage keeps one deadline (the terraform_seconds budget),
which the workers read off the shared monotonic clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from scanner import formats
from scanner.cache import Cache
from scanner.documents import Document, ScanError
from scanner.engines.rego import RegoEngine, RegoRule
from scanner.findings import Hit
from scanner.loaders import budgets
from scanner.parallel import Crashed, Pool, Setup, can_spawn
from scanner.provenance import vocabulary
from scanner.rulesets import RuleSet
from scanner.terraform import unitcache, units
from scanner.terraform.unitcache import RegoOutcome
from scanner.terraform.unitwork import Result, Task, run_batch, run_local, run_tasks
from scanner.walk import FileEntry, Listing

# Below this many root modules, starting workers costs more than it saves. A worker costs ~1.0 s
# of CPU before its first root (measured at 40 roots: 3.0 s of CPU with --jobs 1, 4.0 s with
# --jobs 2: interpreter, imports, Rego compile, its parser processes) and a root ~40-55 ms, so on
# 2 cores it pays only from a few hundred roots (0.81x the wall time at 800, 1.1x at 200, load
# average 4-6; see scanner/speed.py): re-measure on an idle machine before changing it.
MIN_UNITS_FOR_POOL = 32
POOL_BATCHES = 4  # units per worker without a cache: enough to balance, few enough to share parsing


def takes(entry: FileEntry, max_bytes: int) -> bool:
    """A file this stage loads (Terraform by name, within the size cap); the rest stay with the scan."""
    if not entry.rel.lower().endswith((".tf", ".tf.json")) or entry.size > max_bytes:
        return False
    return formats.kind_for(entry) == "terraform"


class Spread:
    def __init__(
        self,
        ruleset: RuleSet,
        jobs: int,
        cache: Cache | None,
        rule_options: Mapping[str, Any],
        var_files: Sequence[Path],
        detected: dict[str, Any] | None,
    ) -> None:
        self.ruleset = ruleset
        self.jobs = jobs
        self.cache = cache
        self.rule_options = rule_options
        self.var_files = tuple(var_files)
        self._rego: dict[int, RegoOutcome] = {}
        # The secrets rule's memo (secrets.terraform.DETECTED; None when it does not run): the
        # .tf files in which a cached unit's scan found no secret go in as scanned
        # (unitcache.clean_files) before the scan scans any file (scan._secrets_ahead). And the
        # entries of the units loaded this scan, written once the secrets rule has run (store).
        self.detected = detected
        self._unstored: list[tuple[str, Any, units.Unit]] = []

    def start(self, listing: Listing, entries: Sequence[FileEntry]) -> _Running:
        """Look the units up in the cache and send the rest to workers, which run while the
        caller loads the other documents."""
        root = listing.root
        deadline = time.monotonic() + budgets.current().terraform_seconds
        _, parts = units.split(root, entries)  # `entries` holds no plan: those load by content
        pooled = self.jobs > 1 and len(parts) >= MIN_UNITS_FOR_POOL and can_spawn()
        if self.cache is None or self.ruleset.origin is None:
            # Nothing to key per root: a few large units load faster (shared modules parsed once).
            parts = units.combine(parts, self.jobs * POOL_BATCHES if pooled else 1)
        keys: list[str | None] = [None] * len(parts)
        done: dict[int, Result | Crashed] = {}
        local_rego = self.ruleset.rego if self.ruleset.origin is not None else None
        if self.cache is not None and local_rego is not None:
            kept = [r.meta.id for r in self.ruleset.rego.rules]
            rules = unitcache.rules_hash(*self.ruleset.origin, kept)  # type: ignore[misc]
            scan_key = unitcache.scan_key(rules, self.rule_options, budgets.current(), root, self.var_files)
            digests = unitcache.Digests(root)
            try:
                for i, unit in enumerate(parts):
                    keys[i] = key = unitcache.unit_key(scan_key, root, unit, digests)
                    value = None if key is None else self.cache.get(unitcache.SPACE, key)
                    decoded = None if value is None else unitcache.decode(value)
                    if decoded is not None:
                        done[i] = decoded
                        if self.detected is not None:
                            for rel in unitcache.clean_files(value, [e.rel for e in unit.entries]):
                                self.detected.setdefault(rel, None)
            finally:
                digests.close()
        todo = [i for i in range(len(parts)) if i not in done]
        tasks = [Task(root, parts[i].entries, self.var_files, deadline) for i in todo]
        pool = None
        if pooled and tasks:
            setup = Setup(budgets.current(), vocabulary.current(), self._rules())
            # This process loads units too once its other documents are loaded (local_rego: the
            # Rego step a worker's own engine does, so results are the same whoever ran the unit).
            pool = Pool(run_tasks, tasks, self.jobs, setup, local=partial(run_batch, rego=local_rego))
        return _Running(self, root, parts, keys, done, todo, tasks, pool, local_rego)

    def store(self, secrets: Iterable[str]) -> None:
        """Write the entries of the units loaded this scan, each with the files in which the
        secrets rule found nothing (its memo, `detected`). `secrets`: the paths the secrets rules
        reported a secret in.

        An entry holds the unit's documents: every value read from its files and variable files,
        in clear. So it is written only when the secrets rules ran and found nothing in those
        files, nor in a --var-file: a scan's outputs show a secret redacted, and its cache folder
        must not keep it whole."""
        unstored, self._unstored = self._unstored, []
        scanned = self.detected
        if self.cache is None or scanned is None:
            return
        found = set(secrets)
        if found and self.var_files:
            return  # a --var-file's values reach every unit
        for key, value, unit in unstored:
            rels = [e.rel for e in unit.entries]
            if found and unitcache.reads_any(unit, found):
                continue
            self.cache.put(unitcache.SPACE, key, unitcache.with_clean_files(value, rels, scanned))

    def _rules(self) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]] | None:
        if self.ruleset.origin is None:
            return None  # a custom backend (an OPA server) evaluates in this process
        rego_dirs, _ = self.ruleset.origin
        return rego_dirs, tuple(r.meta.id for r in self.ruleset.rego.rules), tuple(formats.kinds())

    def rego_evaluator(self) -> Any:
        """scan.evaluate's Rego step: the hits a worker or the cache already has for a document,
        else the rule set's own evaluation."""
        by_id = {r.meta.id: r for r in self.ruleset.rego.rules}

        def evaluate(
            doc: Document, rules: Sequence[RegoRule], errors: list[ScanError]
        ) -> Iterator[tuple[RegoRule, Hit]]:
            outcome = self._rego.pop(id(doc), None)
            if outcome is None:
                yield from self.ruleset.rego.evaluate(doc, rules, errors)
                return
            hits, errs = outcome
            errors.extend(errs)
            for rule_id, hit in hits:
                yield by_id[rule_id], hit

        return evaluate


class _Running:
    def __init__(
        self,
        spread: Spread,
        root: Path,
        parts: list[units.Unit],
        keys: list[str | None],
        done: dict[int, Result | Crashed],
        todo: list[int],
        tasks: list[Task],
        pool: Pool[Task, Result] | None,
        local_rego: RegoEngine | None,
    ) -> None:
        self.spread, self.root, self.parts, self.keys, self.done = spread, root, parts, keys, done
        self.todo, self.tasks, self.pool, self.local_rego = todo, tasks, pool, local_rego

    def finish(self, idle: Callable[[], bool] | None = None) -> tuple[list[Document], list[ScanError]]:
        """Every unit's documents (sorted by root folder, as load_modules sorts them) and errors;
        `idle`: work for this process while it waits for tfparse (see load.load_groups)."""
        notes: list[ScanError] = []
        if self.pool is not None:
            computed: list[Result | Crashed] = list(self.pool.results())
            notes = [self._death_note(death.items, death.how) for death in self.pool.deaths]
        else:
            computed = list(run_local(self.tasks, self.local_rego, idle))
        cache = self.spread.cache
        for i, result in zip(self.todo, computed, strict=True):
            self.done[i] = result
            key = self.keys[i]
            if cache is not None and key is not None and not isinstance(result, Crashed):
                value = unitcache.encode(*result)
                if value is not None:
                    self.spread._unstored.append((key, value, self.parts[i]))
        docs, errors = _merge(self.parts, [self.done[i] for i in range(len(self.parts))], self.spread._rego)
        return docs, errors + notes

    def _death_note(self, items: Sequence[int], how: str) -> ScanError:
        """A worker died holding these tasks, which the pool ran again: the user learns that a
        worker was killed (out of memory, say), on the first file it was loading."""
        parts = [self.parts[self.todo[i]] for i in items]
        folders = sorted({f for part in parts for f in part.folders})
        first = min(e.rel for part in parts for e in part.entries)
        named = ", ".join(folders[:3]) + (f" and {len(folders) - 3} more" if len(folders) > 3 else "")
        message = f"load terraform: a worker process died ({how}) while loading {named}; loaded again in a new worker"
        return ScanError(first, message, kind="note")


def _merge(
    parts: Sequence[units.Unit], results: Sequence[Result | Crashed], rego: dict[int, RegoOutcome]
) -> tuple[list[Document], list[ScanError]]:
    """The documents and errors one load_modules call over every file would give.

    A folder or file in several units (a shared module) belongs to one, its owner: the first
    unit holding it that did not crash. Its errors come from that unit only, and so does the
    document of a root folder, kept only when every unit holding the folder evaluated it as a
    root (in a unit without its real caller, a module folder reached by an extra link looks like
    one). An error about a file no unit lists (a variable file) is kept once; so is an error about
    one resource ("terraform resource ..."), which each unit evaluating the resource reports."""
    owner: dict[str, int] = {}
    holders: dict[str, set[int]] = {}
    for healthy in (True, False):
        for i, part in enumerate(parts):
            if isinstance(results[i], Crashed) == healthy:
                continue
            for folder in part.folders:
                owner.setdefault(folder, i)
                if healthy:
                    holders.setdefault(folder, set()).add(i)
            for entry in part.entries:
                owner.setdefault(entry.rel, i)
    as_root: dict[str, set[int]] = {}
    for i, result in enumerate(results):
        if isinstance(result, Crashed):
            continue
        for doc in result[0]:
            as_root.setdefault(doc.path, set()).add(i)
        for error in result[1]:
            folder = _evaluated(error, holders)
            if folder is not None:
                as_root.setdefault(folder, set()).add(i)
    roots = {f for f, where in as_root.items() if where >= holders.get(f, set())}
    docs: list[Document] = []
    errors: list[ScanError] = []
    once: set[ScanError] = set()
    for i, result in enumerate(results):
        if isinstance(result, Crashed):
            message = f"load terraform: {result.message}; not scanned"
            errors.extend(ScanError(e.rel, message, kind="internal") for e in parts[i].entries if owner[e.rel] == i)
            continue
        unit_docs, unit_errors, outcomes = result
        for doc, outcome in zip(unit_docs, outcomes or [None] * len(unit_docs), strict=True):
            if owner.get(doc.path, i) == i and (doc.path in roots or doc.path not in holders):
                docs.append(doc)
                if outcome is not None:
                    rego[id(doc)] = outcome
        for error in unit_errors:
            folder = _evaluated(error, holders)
            if folder is not None and folder not in roots:
                continue
            if error.path not in owner or error.message.startswith("terraform resource "):
                if error in once:
                    continue
                once.add(error)
            elif owner[error.path] != i:
                continue
            errors.append(error)
    return sorted(docs, key=lambda d: d.path), errors


def _evaluated(error: ScanError, folders: Mapping[str, object]) -> str | None:
    """The root folder an error of load_modules' evaluation step names, if it is one."""
    prefix = "evaluate terraform module "
    if not error.message.startswith(prefix):
        return None
    rest = error.message[len(prefix) :]
    at = rest.find(":")
    while at >= 0:
        if rest[:at] in folders:
            return rest[:at]
        at = rest.find(":", at + 1)
    return None
