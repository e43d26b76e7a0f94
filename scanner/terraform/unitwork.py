"""A Terraform unit's work in a worker process: load its modules and evaluate the Rego rules on
its documents. Kept apart from terraform.spread so that a worker imports only what it runs
(no format registry, no Python rules): a worker's start is part of every parallel scan."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from scanner.documents import Document, ScanError, internal_error
from scanner.engines.rego import RegoEngine, RegoRule
from scanner.errors import FatalError
from scanner.findings import Hit
from scanner.loaders import budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.metadata import RuleMeta
from scanner.parallel import worker_rego
from scanner.terraform import load, worker
from scanner.terraform.overlap import Event, RegoAhead, record
from scanner.walk import FileEntry

# The outcome of the Rego rules on one document: (rule id, hit) pairs and the scan errors.
RegoOutcome = tuple[list[tuple[str, Hit]], list[ScanError]]
Result = tuple[list[Document], list[ScanError], list[RegoOutcome] | None]
ANY_TEXT = "text"  # formats.ANY_TEXT, without importing every loader


def applies(meta: RuleMeta, kind: str, has_text: bool) -> bool:
    """rulesets._applies: whether a rule reads documents of this kind."""
    if meta.deprecated:
        return False
    return kind in meta.input_kinds or (has_text and ANY_TEXT in meta.input_kinds)


@dataclass(frozen=True)
class Task:
    root: Path
    entries: tuple[FileEntry, ...]
    var_files: tuple[Path, ...]
    deadline: float  # time.monotonic(): one clock for every process on the machine


def run_tasks(tasks: list[Task]) -> list[Result]:
    """A batch of units, in a worker process, which keeps its parser processes for the next."""
    worker.keep_alive()
    return _run(tasks, worker_rego())


def run_batch(tasks: list[Task], rego: RegoEngine | None) -> list[Result]:
    """A batch of units in the scan's own process, while workers run the others. This process
    keeps its parser processes for its next batch too: without that, each batch it took started a
    tfparse and a pygohcl process again (an interpreter and a Go runtime each; 200 roots with
    `--jobs 2` started 5 tfparse processes instead of 2)."""
    worker.keep_alive()
    return _run(tasks, rego)


def run_local(tasks: Sequence[Task], rego: RegoEngine | None, idle: Callable[[], bool] | None = None) -> list[Result]:
    """Units in this process (the scan's own Rego engine, or None: Rego runs later); `idle`:
    work for this process while it waits for tfparse."""
    return _run(tasks, rego, idle)


def _run(tasks: Sequence[Task], rego: RegoEngine | None, idle: Callable[[], bool] | None = None) -> list[Result]:
    """Each task's result, as one load_modules call per task gives it, from one pass over them
    (load.load_groups): the shared modules parsed once, tfparse evaluating the next unit's roots
    while this process builds and evaluates the last unit's documents. Tasks of one scan share
    their root and variable files (and their deadline: the earliest is kept)."""
    if not tasks:
        return []
    first = tasks[0]
    assert all((t.root, t.var_files) == (first.root, first.var_files) for t in tasks)
    left = max(0.0, min(t.deadline for t in tasks) - time.monotonic())
    # Each root module's Rego step runs as soon as a batch of them is built, while tfparse
    # evaluates the next.
    ahead = None if rego is None else RegoAhead(rego, partial(_rules_for, rego))
    with budgets_applied(replace(budgets.current(), terraform_seconds=left)):
        loaded = load.load_groups(
            first.root,
            [t.entries for t in tasks],
            first.var_files,
            built=None if ahead is None else ahead.add,
            idle=idle,
        )
    if ahead is None:
        return [(docs, errors, None) for docs, errors in loaded]
    return [(docs, errors, [_taken(ahead, d) for d in docs]) for docs, errors in loaded]


def _taken(ahead: RegoAhead, doc: Document) -> RegoOutcome:
    """A document's outcome, from its batch; one load_groups built but never passed to `add`
    (a plan's) is evaluated now."""
    events = ahead.take(doc)
    return rego_outcome(ahead.engine, doc) if events is None else _outcome(doc, events)


def _rules_for(engine: RegoEngine, doc: Document) -> list[RegoRule]:
    return [r for r in engine.rules if applies(r.meta, doc.kind, doc.text is not None)]


def rego_outcome(engine: RegoEngine, doc: Document) -> RegoOutcome:
    """The Rego rules' hits on `doc` and their errors, as scan.evaluate collects them."""
    errors: list[ScanError] = []
    return _outcome(doc, record(engine.evaluate(doc, _rules_for(engine, doc), errors), errors))


def _outcome(doc: Document, events: list[Event]) -> RegoOutcome:
    """One document's recorded hits (overlap.record) as (rule id, hit) pairs, and its errors in
    order, the exception that ended the hits last, reported as scan._collect reports it."""
    hits: list[tuple[str, Hit]] = []
    errors: list[ScanError] = []
    for event in events:
        if isinstance(event, ScanError):
            errors.append(event)
        elif isinstance(event, FatalError):
            errors.append(ScanError(doc.path, str(event), kind="engine"))
        elif isinstance(event, Exception):
            errors.append(internal_error(doc.path, event))
        else:
            rule, hit = event
            hits.append((rule.meta.id, hit))
    return hits, errors
