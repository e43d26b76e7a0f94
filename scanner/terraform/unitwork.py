"""A Terraform unit's work in a worker process: load its modules and evaluate the Rego rules on
its documents. Kept apart from terraform.spread so that a worker imports only what it runs
(no format registry, no Python rules): a worker's start is part of every parallel scan."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from scanner.documents import Document, ScanError, internal_error
from scanner.engines.rego import RegoEngine
from scanner.errors import FatalError
from scanner.findings import Hit
from scanner.loaders import budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.metadata import RuleMeta
from scanner.parallel import worker_rego
from scanner.terraform import load, worker
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
    return [_run(task, worker_rego()) for task in tasks]


def run_batch(tasks: list[Task], rego: RegoEngine | None) -> list[Result]:
    """A batch of units in the scan's own process, while workers run the others. This process
    keeps its parser processes for its next batch too: without that, each batch it took started a
    tfparse and a pygohcl process again (an interpreter and a Go runtime each; 200 roots with
    `--jobs 2` started 5 tfparse processes instead of 2)."""
    worker.keep_alive()
    return [_run(task, rego) for task in tasks]


def run_local(task: Task, rego: RegoEngine | None) -> Result:
    """One unit, in this process (the scan's own Rego engine, or None: Rego runs later)."""
    return _run(task, rego)


def _run(task: Task, rego: RegoEngine | None) -> Result:
    left = max(0.0, task.deadline - time.monotonic())
    # Each root module's Rego step runs as soon as it is built, while tfparse evaluates the next.
    ahead: dict[int, RegoOutcome] = {}

    def built(doc: Document) -> None:
        ahead[id(doc)] = rego_outcome(rego, doc)  # type: ignore[arg-type]

    with budgets_applied(replace(budgets.current(), terraform_seconds=left)):
        docs, errors = load.load_modules(task.root, task.entries, task.var_files, built=None if rego is None else built)
    if rego is None:
        return docs, errors, None
    return docs, errors, [ahead[id(d)] if id(d) in ahead else rego_outcome(rego, d) for d in docs]


def rego_outcome(engine: RegoEngine, doc: Document) -> RegoOutcome:
    """The Rego rules' hits on `doc` and their errors, as scan.evaluate collects them."""
    rules = [r for r in engine.rules if applies(r.meta, doc.kind, doc.text is not None)]
    hits: list[tuple[str, Hit]] = []
    errors: list[ScanError] = []
    try:
        for rule, hit in engine.evaluate(doc, rules, errors):
            hits.append((rule.meta.id, hit))
    except FatalError as exc:
        errors.append(ScanError(doc.path, str(exc), kind="engine"))
    except Exception as exc:
        errors.append(internal_error(doc.path, exc))
    return hits, errors
