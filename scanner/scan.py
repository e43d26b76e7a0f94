"""The pipeline: walk → load → evaluate → (filter in the CLI) → write."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scanner import formats
from scanner.budgets import BudgetExceeded, Budgets
from scanner.budgets import applied as budgets_applied
from scanner.context import ScanContext
from scanner.documents import Document, LoadError, ScanError
from scanner.engines import python as python_engine
from scanner.errors import FatalError
from scanner.findings import Finding, make_finding
from scanner.metadata import RuleMeta
from scanner.rulesets import RuleSet
from scanner.terraform import load as terraform
from scanner.walk import FileEntry, Listing, RefusedPath, list_files, refused

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class ScanResult:
    root: Path
    rules: list[RuleMeta]
    findings: list[Finding]
    errors: list[ScanError]
    files_scanned: int
    documents: int
    seconds: float = 0.0
    engine_failed: bool = field(default=False)
    # The loaded documents, for the filter stage (suppression scopes, resource spans).
    docs: tuple[Document, ...] = ()
    # Per rule id, how many documents the rule was evaluated on: tells "not assessed" from "pass".
    rule_documents: dict[str, int] = field(default_factory=dict)
    # The files the gate judges (set by the filter stage): in a diff scan those the change adds or
    # modifies, with --files-only those named; None for a full scan. See filters.errorgate.
    judged: frozenset[str] | None = None


def load_documents(
    listing: Listing, wanted: set[str], max_bytes: int, var_files: Sequence[Path] = ()
) -> tuple[list[Document], list[ScanError]]:
    docs: list[Document] = []
    errors: list[ScanError] = []
    tf_entries: list[FileEntry] = []
    any_text = formats.ANY_TEXT in wanted
    for entry in listing.files:
        kind = formats.kind_for(entry)
        # Structured formats are always parsed, so a malformed file is reported even when no
        # rule reads its kind; plain text only when some rule reads text.
        if kind is None or (kind == formats.ANY_TEXT and not any_text):
            continue
        if entry.size > max_bytes and not formats.FORMATS[kind].streams:
            errors.append(
                ScanError(entry.rel, f"larger than {max_bytes} bytes ({entry.size}); not loaded", kind="skipped")
            )
            continue
        if kind == "terraform":
            tf_entries.append(entry)
            continue
        try:
            docs.extend(formats.FORMATS[kind].load(entry))
        except BudgetExceeded as exc:  # what was analysed before the budget ran out still counts
            docs.extend(exc.documents)
            errors.append(ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind="limit"))
        except LoadError as exc:
            errors.append(ScanError(entry.rel, exc.message, line=exc.line, column=exc.column))
        except RefusedPath as exc:  # the file became a link (or moved) after the listing
            errors.append(refused(entry.rel, exc))
        except OSError as exc:
            errors.append(ScanError(entry.rel, f"cannot read: {exc.strerror}", kind="skipped"))
    if tf_entries:
        tf_docs, tf_errors = terraform.load_modules(listing.root, tf_entries, var_files)
        docs.extend(tf_docs)
        errors.extend(tf_errors)
    return docs, errors


Progress = Callable[[int, int], None]


def evaluate(
    ruleset: RuleSet, ctx: ScanContext, errors: list[ScanError], progress: Progress | None = None
) -> tuple[list[Finding], dict[str, int]]:
    """The findings, and per rule id how many documents the rule was evaluated on (which tells
    the NIST report "not assessed" from "pass")."""
    findings: dict[str, Finding] = {}
    applied: Counter[str] = Counter()
    total = len(ctx.documents)
    for done, doc in enumerate(ctx.documents):
        if progress is not None:
            progress(done, total)
        has_text = doc.text is not None
        rego_rules = ruleset.active_rego(doc.kind, has_text)
        try:
            for rule, hit in ruleset.rego.evaluate(doc, rego_rules):
                f = make_finding(rule.meta, doc, hit)
                findings.setdefault(f.fingerprint, f)
        except FatalError as exc:
            errors.append(ScanError(doc.path, str(exc), kind="engine"))
        py_rules = ruleset.active_python(doc.kind, has_text)
        for loaded, hit in python_engine.evaluate(doc, py_rules, ctx, errors):
            f = make_finding(loaded.meta, doc, hit)
            findings.setdefault(f.fingerprint, f)
        applied.update(r.meta.id for r in rego_rules)
        applied.update(r.meta.id for r in py_rules)
    counts = {m.id: applied[m.id] for m in ruleset.metas}
    return sorted(findings.values(), key=Finding.sort_key), counts


def scan(
    paths: Sequence[Path],
    ruleset: RuleSet,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    rule_options: dict[str, dict[str, object]] | None = None,
    progress: Progress | None = None,
    var_files: Sequence[Path] = (),
    extra_documents: Sequence[Document] = (),
    budgets: Budgets | None = None,
) -> ScanResult:
    started = time.perf_counter()
    listing = list_files(paths)
    errors: list[ScanError] = list(listing.skipped)
    with budgets_applied(budgets or Budgets()):
        docs, load_errors = load_documents(listing, ruleset.consumed_kinds(), max_file_bytes, var_files)
    docs.extend(extra_documents)  # e.g. a plan the CLI turned into a document (--terraform-plan)
    errors.extend(load_errors)
    ctx = ScanContext(listing=listing, documents=tuple(docs), rule_options=rule_options or {})
    findings, applied = evaluate(ruleset, ctx, errors, progress)
    errors.sort(key=lambda e: (e.path, e.line or 0, e.message))
    return ScanResult(
        root=listing.root,
        rules=ruleset.metas,
        findings=findings,
        errors=errors,
        files_scanned=len(listing.files),
        documents=len(docs),
        seconds=time.perf_counter() - started,
        engine_failed=any(e.kind == "engine" for e in errors),
        docs=ctx.documents,
        rule_documents=applied,
    )
