"""The pipeline: walk → load → evaluate → (filter in the CLI) → write."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner import formats
from scanner.context import ScanContext
from scanner.documents import Document, LoadError, ScanError, internal_error
from scanner.engines import python as python_engine
from scanner.errors import FatalError
from scanner.findings import Finding, Hit, make_finding
from scanner.fingerprints import SecretKeys
from scanner.helm import load as helm
from scanner.loaders import notebook_sources
from scanner.loaders.budgets import BudgetExceeded, Budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.metadata import RuleMeta
from scanner.provenance.vocabulary import Vocabulary
from scanner.provenance.vocabulary import applied as vocabulary_applied
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
    # Files matched by --exclude / config `exclude:` (loaded as context, not reported on).
    excluded: int = 0
    # The trusted evidence records (set by the filter stage; scanner.evidence.trusted.EvidenceSet).
    evidence: Any = None


def load_documents(
    listing: Listing, wanted: set[str], max_bytes: int, var_files: Sequence[Path] = ()
) -> tuple[list[Document], list[ScanError]]:
    docs: list[Document] = []
    errors: list[ScanError] = []
    tf_entries: list[FileEntry] = []
    chart_templates: list[FileEntry] = []
    any_text = formats.ANY_TEXT in wanted
    for entry in listing.files:
        try:
            kind = formats.kind_for(entry)
        except Exception as exc:  # content sniffing failed on this file: it costs this file only
            errors.append(internal_error(entry.rel, exc))
            continue
        if kind == "helm-template":
            chart_templates.append(entry)  # rendered per chart below; its text is read here
            kind = formats.ANY_TEXT
        # Structured formats are always parsed, so a malformed file is reported even when no
        # rule reads its kind; plain text only when some rule reads text.
        if kind is None or (kind == formats.ANY_TEXT and not any_text):
            continue
        if entry.size > max_bytes and kind == "notebook":
            errors.append(_load_large_notebook(entry, max_bytes, docs))  # its sources, not outputs
            continue
        if entry.size > max_bytes and not formats.FORMATS[kind].streams:
            errors.append(
                ScanError(entry.rel, f"larger than {max_bytes} bytes ({entry.size}); not loaded", kind="limit")
            )
            continue
        if kind == "terraform":
            tf_entries.append(entry)
            continue
        error = _load_one(entry, kind, docs)
        if error is not None:
            errors.append(error)
            if error.kind in ("parse", "limit") and any_text and kind != formats.ANY_TEXT:
                # A file that does not parse is still text: its secrets are still secrets.
                _load_one(entry, formats.ANY_TEXT, docs)
    if chart_templates:
        try:
            chart_docs, chart_errors = helm.load_charts(listing.root, chart_templates, listing.files, max_bytes)
        except Exception as exc:  # the last line of defence: the charts' templates go unchecked
            chart_docs, chart_errors = [], [internal_error(chart_templates[0].rel, exc)]
        docs.extend(chart_docs)
        errors.extend(chart_errors)
    if tf_entries:
        try:
            tf_docs, tf_errors = terraform.load_modules(listing.root, tf_entries, var_files)
        except Exception as exc:  # each module is isolated inside; this is the last line of defence
            tf_docs, tf_errors = [], [internal_error(tf_entries[0].rel, exc)]
        docs.extend(tf_docs)
        errors.extend(tf_errors)
    return docs, errors


def _load_one(entry: FileEntry, kind: str, docs: list[Document]) -> ScanError | None:
    """Load one file into `docs`; what went wrong, as the file's scan error."""
    try:
        docs.extend(formats.FORMATS[kind].load(entry))
    except BudgetExceeded as exc:  # what was analysed before the budget ran out still counts
        docs.extend(exc.documents)
        return ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind="limit")
    except LoadError as exc:
        return ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind=exc.kind)
    except RefusedPath as exc:
        return refused(entry.rel, exc)  # the file became a link (or moved) after the listing
    except OSError as exc:
        return ScanError(entry.rel, f"cannot read: {exc.strerror}", kind="skipped")
    except Exception as exc:  # a loader bug on one file costs that file only
        return internal_error(entry.rel, exc)
    return None


def _load_large_notebook(entry: FileEntry, max_bytes: int, docs: list[Document]) -> ScanError:
    """A notebook over the size cap: its source cells, read as they stream past; the outputs
    that made it large are skipped, and the returned note (or error) says so."""
    try:
        loaded, note = notebook_sources.load(entry, max_bytes)
    except LoadError as exc:
        return ScanError(entry.rel, exc.message, line=exc.line, column=exc.column, kind=exc.kind)
    except RefusedPath as exc:
        return refused(entry.rel, exc)
    except OSError as exc:
        return ScanError(entry.rel, f"cannot read: {exc.strerror}", kind="skipped")
    except Exception as exc:  # a loader bug on one file costs that file only
        return internal_error(entry.rel, exc)
    docs.extend(loaded)
    return note


Progress = Callable[[int, int], None]


def evaluate(
    ruleset: RuleSet, ctx: ScanContext, errors: list[ScanError], progress: Progress | None = None
) -> tuple[list[Finding], dict[str, int]]:
    """The findings, and per rule id how many documents the rule was evaluated on (which tells
    the NIST report "not assessed" from "pass")."""
    findings: dict[str, Finding] = {}
    applied: Counter[str] = Counter()
    total = len(ctx.documents)
    # Rego runs over batches of documents (lazily, in document order): the same hits and errors
    # as one evaluation per document, in the same order.
    rego_hits = ruleset.rego.evaluate_many(
        ctx.documents, lambda d: ruleset.active_rego(d.kind, d.text is not None), errors
    )
    for done, (doc, rego_doc_hits) in enumerate(zip(ctx.documents, rego_hits, strict=True)):
        if progress is not None:
            progress(done, total)
        has_text = doc.text is not None
        rego_rules = ruleset.active_rego(doc.kind, has_text)
        py_rules = ruleset.active_python(doc.kind, has_text)
        _collect(doc, rego_doc_hits, findings, errors, ctx.secret_keys)
        _collect(doc, python_engine.evaluate(doc, py_rules, ctx, errors), findings, errors, ctx.secret_keys)
        applied.update(r.meta.id for r in rego_rules)
        applied.update(r.meta.id for r in py_rules)
    counts = {m.id: applied[m.id] for m in ruleset.metas}
    return sorted(findings.values(), key=Finding.sort_key), counts


def _collect(
    doc: Document,
    hits: Iterable[tuple[Any, Hit]],
    findings: dict[str, Finding],
    errors: list[ScanError],
    keys: SecretKeys,
) -> None:
    """Findings from one engine's hits on `doc`. Each engine isolates its rules; what is left (an
    input the engine cannot take, a hit no finding can be built from) costs this document and
    engine, or this hit, only."""
    try:
        for rule, hit in hits:
            try:
                f = make_finding(rule.meta, doc, hit, keys)
            except Exception as exc:
                errors.append(internal_error(doc.path, exc, rule=rule.meta.id))
                continue
            findings.setdefault(f.fingerprint, f)
    except FatalError as exc:
        errors.append(ScanError(doc.path, str(exc), kind="engine"))
    except Exception as exc:
        errors.append(internal_error(doc.path, exc))


def scan(
    paths: Sequence[Path],
    ruleset: RuleSet,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    rule_options: dict[str, dict[str, object]] | None = None,
    progress: Progress | None = None,
    var_files: Sequence[Path] = (),
    extra_documents: Sequence[Document] = (),
    budgets: Budgets | None = None,
    provenance_vocabulary: Vocabulary | None = None,
    secret_keys: SecretKeys | None = None,
) -> ScanResult:
    """`secret_keys`: how secrets are keyed into fingerprints (default: scrypt); one object may
    serve several scans (a diff scan's merge-base scan), sharing its cache."""
    started = time.perf_counter()
    listing = list_files(paths)
    errors: list[ScanError] = list(listing.skipped)
    with budgets_applied(budgets or Budgets()), vocabulary_applied(provenance_vocabulary or Vocabulary()):
        docs, load_errors = load_documents(listing, ruleset.consumed_kinds(), max_file_bytes, var_files)
    docs.extend(extra_documents)  # e.g. a plan the CLI turned into a document (--terraform-plan)
    errors.extend(load_errors)
    keys = secret_keys or SecretKeys()
    ctx = ScanContext(listing=listing, documents=tuple(docs), rule_options=rule_options or {}, secret_keys=keys)
    findings, applied = evaluate(ruleset, ctx, errors, progress)
    errors.extend(keys.limit_errors())
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
