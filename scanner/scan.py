"""The pipeline: walk → load → evaluate → (filter in the CLI) → write."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner import formats, incremental
from scanner.cache import Cache
from scanner.context import TERRAFORM_SECRETS, ScanContext
from scanner.documents import Document, LoadError, ScanError, internal_error
from scanner.engines import python as python_engine
from scanner.engines.rego import RegoRule
from scanner.errors import FatalError
from scanner.findings import Finding, Hit, make_finding
from scanner.fingerprints import SecretKeys
from scanner.lazy import lazy_module
from scanner.loaders.budgets import BudgetExceeded, Budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.metadata import RuleMeta
from scanner.provenance.vocabulary import Vocabulary
from scanner.provenance.vocabulary import applied as vocabulary_applied
from scanner.rulesets import RuleSet
from scanner.terraform import load as terraform
from scanner.terraform.overlap import RegoAhead
from scanner.terraform.spread import Spread
from scanner.terraform.spread import takes as takes_terraform
from scanner.walk import FileEntry, Listing, RefusedPath, list_files, refused

# Imported when a scan meets a chart or a large notebook (see scanner.lazy).
helm = lazy_module("scanner.helm.load")
notebook_sources = lazy_module("scanner.loaders.notebook_sources")

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
    # In a diff scan: the files whose findings the change may change (scanner.incremental); a
    # finding elsewhere is the merge base's by construction. None: not known (judge them all).
    rejudged: frozenset[str] | None = None
    # The walk's listing (the attestation's subjects are its files).
    listing: Listing | None = None
    # Merkle digests of the datasets the scan can see (scanner.integrity.datasets), when an output
    # records them (--json-output, --attestation-output); None: not computed.
    datasets: list[Any] | None = None


def load_documents(
    listing: Listing,
    wanted: set[str],
    max_bytes: int,
    var_files: Sequence[Path] = (),
    spread: Spread | None = None,
    ahead: RegoAhead | None = None,
    idle: Callable[[], bool] | None = None,
) -> tuple[list[Document], list[ScanError]]:
    """`ahead`: where Terraform root modules' documents go as they are built (their Rego step);
    `idle`: work for this process while it waits for tfparse, a step per call. The other files
    are loaded during that wait too (first), in their order: the result is that of loading them
    before Terraform."""
    docs: list[Document] = []
    errors: list[ScanError] = []
    tf_entries: list[FileEntry] = []
    chart_templates: list[FileEntry] = []
    any_text = formats.ANY_TEXT in wanted
    # With workers or a cache, Terraform modules load (in units) while the loop below runs.
    spread_entries = [e for e in listing.files if spread is not None and takes_terraform(e, max_bytes)]
    running = spread.start(listing, spread_entries) if spread is not None and spread_entries else None
    taken = {e.rel for e in spread_entries}
    others: list[tuple[FileEntry, str]] = []
    for entry in listing.files:
        if entry.rel in taken:
            continue
        try:
            kind = formats.kind_for(entry)
        except Exception as exc:  # content sniffing failed on this file: it costs this file only
            errors.append(internal_error(entry.rel, exc))
            continue
        if kind == "terraform" and not (entry.size > max_bytes and not formats.FORMATS[kind].streams):
            tf_entries.append(entry)
        elif kind is not None:
            others.append((entry, kind))
    pending = _load_others(others, any_text, max_bytes, docs, errors, chart_templates)

    def step() -> bool:
        """One more other file, then the caller's idle work."""
        if next(pending, False):
            return True
        return idle() if idle is not None else False

    tf_docs: list[Document] = []
    tf_errors: list[ScanError] = []
    if tf_entries:
        try:
            tf_docs, tf_errors = terraform.load_modules(
                listing.root, tf_entries, var_files, built=None if ahead is None else ahead.add, idle=step
            )
        except Exception as exc:  # each module is isolated inside; this is the last line of defence
            tf_docs, tf_errors = [], [internal_error(tf_entries[0].rel, exc)]
    spread_docs: list[Document] = []
    spread_errors: list[ScanError] = []
    if running is not None and running.pool is None:  # loaded here: the other files in its waits
        spread_docs, spread_errors = running.finish(step)
    for _ in pending:  # what the waits left
        pass
    if chart_templates:
        try:
            chart_docs, chart_errors = helm.load_charts(listing.root, chart_templates, listing.files, max_bytes)
        except Exception as exc:  # the last line of defence: the charts' templates go unchecked
            chart_docs, chart_errors = [], [internal_error(chart_templates[0].rel, exc)]
        docs.extend(chart_docs)
        errors.extend(chart_errors)
    docs.extend(tf_docs)
    errors.extend(tf_errors)
    if running is not None and running.pool is not None:  # workers loaded while the loop ran
        spread_docs, spread_errors = running.finish(idle)
    docs.extend(spread_docs)  # after any plan's: load_modules puts plans first too
    errors.extend(spread_errors)
    return docs, errors


def _load_others(
    others: Sequence[tuple[FileEntry, str]],
    any_text: bool,
    max_bytes: int,
    docs: list[Document],
    errors: list[ScanError],
    chart_templates: list[FileEntry],
) -> Iterator[bool]:
    """Load the files that are not Terraform, one per step (each yields True), into `docs` and
    `errors`."""
    for entry, found in others:
        try:
            _load_other(entry, found, any_text, max_bytes, docs, errors, chart_templates)
        except Exception as exc:  # a bug on one file costs that file only, never the files after it
            errors.append(internal_error(entry.rel, exc))
        yield True


def _load_other(
    entry: FileEntry,
    found: str,
    any_text: bool,
    max_bytes: int,
    docs: list[Document],
    errors: list[ScanError],
    chart_templates: list[FileEntry],
) -> None:
    """One file that is not Terraform, loaded as its kind (`found`) says."""
    kind = found
    if kind == "helm-template":
        chart_templates.append(entry)  # rendered per chart below; its text is read here
        kind = formats.ANY_TEXT
    # Structured formats are always parsed, so a malformed file is reported even when no rule
    # reads its kind; plain text only when some rule reads text.
    if kind == formats.ANY_TEXT and not any_text:
        return
    if entry.size > max_bytes and kind == "notebook":
        errors.append(_load_large_notebook(entry, max_bytes, docs))  # its sources, not outputs
    elif entry.size > max_bytes and not formats.FORMATS[kind].streams:
        message = f"larger than {max_bytes} bytes ({entry.size}); not loaded"
        errors.append(ScanError(entry.rel, message, kind="limit"))
    else:
        error = _load_one(entry, kind, docs)
        if error is not None:
            errors.append(error)
            if error.kind in ("parse", "limit") and any_text and kind != formats.ANY_TEXT:
                # A file that does not parse is still text: its secrets are still secrets.
                _load_one(entry, formats.ANY_TEXT, docs)


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
RegoEvaluate = Callable[[Document, Sequence[RegoRule], list[ScanError]], Iterable[tuple[RegoRule, Hit]]]


def evaluate(
    ruleset: RuleSet,
    ctx: ScanContext,
    errors: list[ScanError],
    progress: Progress | None = None,
    rego: RegoEvaluate | None = None,
    ahead: RegoAhead | None = None,
) -> tuple[list[Finding], dict[str, int]]:
    """The findings, and per rule id how many documents the rule was evaluated on (which tells
    the NIST report "not assessed" from "pass"). `rego`: the Rego step, when workers or the
    cache already did it for some documents (scanner.terraform.spread); `ahead`: the Rego step
    already run on some documents while they loaded (scanner.terraform.overlap)."""
    findings: dict[str, Finding] = {}
    applied: Counter[str] = Counter()
    total = len(ctx.documents)

    def active(d: Document) -> Sequence[Any]:
        return ruleset.active_rego(d.kind, d.text is not None)

    # Rego runs over batches of documents (lazily, in document order): the same hits and errors
    # as one evaluation per document, in the same order. With workers or the cache, their step
    # answers the documents they already evaluated and evaluates the rest one by one.
    if rego is None:
        many = ruleset.rego.evaluate_many if ahead is None else ahead.evaluate_many
        rego_hits: Iterable[Iterable[tuple[Any, Hit]]] = many(ctx.documents, active, errors)
    else:
        rego_hits = (rego(d, active(d), errors) for d in ctx.documents)
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


def _secrets_ahead(listing: Listing, ruleset: RuleSet, memo: dict[str, Any]) -> Callable[[], bool] | None:
    """While it waits for tfparse, this process scans the .tf files for secrets, as the secrets
    rules would after loading (into the scan context's memo), when they will run on Terraform."""
    tf = [e for e in listing.files if e.rel.endswith(".tf")]
    if not tf or not any(r.meta.category == "secrets" for r in ruleset.active_python("terraform", True)):
        return None
    from scanner.secrets import terraform as secrets_terraform

    return secrets_terraform.detect_ahead(tf, memo.setdefault(TERRAFORM_SECRETS, {}))


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
    focus: Sequence[Path] | None = None,
    changed: Sequence[str] | None = None,
    load_changed_only: bool = False,
    rejudge: Collection[str] = (),
    jobs: int = 1,
    cache: Cache | None = None,
) -> ScanResult:
    """`secret_keys`: how secrets are keyed into fingerprints (default: scrypt); one object may
    serve several scans (a diff scan's merge-base scan), sharing its cache. `focus`: the files
    whose findings matter (--files-only); only what can change them is loaded (incremental).
    `changed`: what a diff scan's change touched (repo-relative): the result names the files whose
    findings it may change (`rejudged`, with `rejudge` added); with `load_changed_only` (the
    merge-base side) only what those findings read is loaded, and only they are kept. `jobs`:
    worker processes for Terraform (1: all in this process); `cache`: where Terraform results
    are kept."""
    started = time.perf_counter()
    if focus is None:
        listing = loaded = list_files(paths)
    else:  # the walk stats and sniffs only what the named files' findings can depend on
        selection = incremental.Selection(ruleset, focus)
        listing = list_files(paths, select=selection)
        loaded = selection.restrict(listing)
    errors: list[ScanError] = list(listing.skipped)
    plan = None if changed is None else incremental.for_change(listing, ruleset, changed, rejudge)
    if plan is not None and load_changed_only:
        loaded = plan.listing
    memo: dict[str, Any] = {}
    idle = _secrets_ahead(loaded, ruleset, memo)
    spread = None
    if jobs > 1 or cache is not None:
        spread = Spread(ruleset, jobs, cache, rule_options or {}, var_files, memo.get(TERRAFORM_SECRETS))
    # Without workers, the Rego step of each root module runs while tfparse evaluates the next.
    ahead = None
    if spread is None:
        ahead = RegoAhead(ruleset.rego, lambda d: ruleset.active_rego(d.kind, d.text is not None))
    with budgets_applied(budgets or Budgets()), vocabulary_applied(provenance_vocabulary or Vocabulary()):
        docs, load_errors = load_documents(
            loaded, ruleset.consumed_kinds(), max_file_bytes, var_files, spread, ahead, idle
        )
    docs.extend(extra_documents)  # e.g. a plan the CLI turned into a document (--terraform-plan)
    errors.extend(load_errors)
    keys = secret_keys or SecretKeys()
    ctx = ScanContext(listing=listing, documents=tuple(docs), rule_options=rule_options or {}, secret_keys=keys)
    for key, value in memo.items():  # what the rules would derive, derived while tfparse worked
        ctx.memo(key, lambda value=value: value)
    findings, applied = evaluate(ruleset, ctx, errors, progress, spread.rego_evaluator() if spread else None, ahead)
    if spread is not None:
        spread.store(f.path for f in findings if f.category == "secrets")
    if cache is not None:
        cache.evict()
    errors.extend(keys.limit_errors())
    if plan is not None and load_changed_only:  # the rest is unchanged by construction
        findings = [f for f in findings if f.path in plan.judged]
        errors = [e for e in errors if e.path in plan.judged]
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
        rejudged=None if plan is None else plan.judged,
        listing=listing,
    )
