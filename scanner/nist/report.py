"""The NIST AI RMF report model, computed from a scan's JSON results document alone.

Because the model depends only on the results document and the threshold, `mlcomply scan
--report-output F` and `mlcomply report RESULTS.json --output F` give byte-identical reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scanner.atlas.catalog import load_catalog
from scanner.atlas.report import TechniqueRow, technique_rows
from scanner.errors import FatalError
from scanner.nist.core import Category, Characteristic, Function, Subcategory, load_core
from scanner.severity import SEVERITIES, at_or_above, rank

# Worst first: a category or characteristic takes the worst status among its subcategories.
# "concerns": findings not suppressed, all below the threshold. A subcategory with any open
# finding is never "pass" (a model card's only finding saying intended use is missing is not a
# pass of MAP 1.1), yet it does not fail a gate the user set higher.
# "attested": no static result, but a current evidence record (a person's attestation, never a
# pass; static results win over it); "attestation-expired": only records past their date, an
# action item, so it ranks before "attested".
STATUSES: tuple[str, ...] = (
    "fail",
    "concerns",
    "pass",
    "attestation-expired",
    "attested",
    "not-assessed",
    "attestation",
)
ASSESSED: tuple[str, ...] = ("fail", "concerns", "pass")
ATTESTED: tuple[str, ...] = ("attestation-expired", "attested")

COVERAGE_DEFINITION = (
    "Coverage = statically assessable subcategories with evidence from this scan (status pass, "
    "concerns or fail: at least one rule mapped to the subcategory was evaluated on at least one "
    "document of this repository) divided by all statically assessable subcategories (the 72 subcategories of "
    "the AI RMF 1.0 Core minus those that require attestation). It measures how much of the "
    "framework this scan could look at, not conformance: a static scan only contributes "
    "supporting evidence toward an outcome. Evidence records (attested subcategories) are not "
    "counted: they are a person's statement, not this scan's evidence."
)


@dataclass(frozen=True)
class RuleRef:
    id: str
    title: str
    severity: str
    category: str
    remediation: str
    references: tuple[str, ...]
    subcategories: tuple[str, ...]
    documents: int | None  # None: the results document does not say (older format)


@dataclass(frozen=True)
class ReportFinding:
    rule_id: str
    severity: str
    title: str
    message: str
    path: str
    start_line: int
    location: str  # Terraform address, element pointer, or path:line
    fingerprint: str
    failing: bool  # at or above the threshold and not suppressed
    suppression: Mapping[str, str] | None


@dataclass(frozen=True)
class EvidenceRef:
    """An evidence record (.mlcomply-evidence.yaml) as the results document has it."""

    subcategory: str
    statement: str
    evidence: str
    evidence_kind: str  # url | path
    owner: str
    date: str
    expires: str
    line: int
    expired: bool
    source: str


@dataclass(frozen=True)
class EvidenceSummary:
    source: str
    read_from: str
    as_of: str
    records: int
    expired: int  # records past their date
    attested: int  # subcategories with the status attested
    attestation_expired: int  # subcategories with the status attestation-expired


@dataclass(frozen=True)
class SubcategoryResult:
    sub: Subcategory
    status: str
    rules: tuple[RuleRef, ...]
    applied: tuple[str, ...]  # ids of the rules that evaluated something in this repository
    findings: tuple[ReportFinding, ...]  # not suppressed, most severe first
    suppressed: tuple[ReportFinding, ...]
    records: tuple[EvidenceRef, ...] = ()  # evidence records, shown whatever the status

    @property
    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}


@dataclass(frozen=True)
class CategoryResult:
    cat: Category
    status: str
    subcategories: tuple[SubcategoryResult, ...]


@dataclass(frozen=True)
class FunctionResult:
    fn: Function
    categories: tuple[CategoryResult, ...]

    @property
    def subcategories(self) -> tuple[SubcategoryResult, ...]:
        return tuple(s for c in self.categories for s in c.subcategories)


@dataclass(frozen=True)
class CharacteristicResult:
    ch: Characteristic
    result: SubcategoryResult


@dataclass(frozen=True)
class Coverage:
    assessed: int
    assessable: int
    attestation: int
    by_status: dict[str, int]
    definition: str = COVERAGE_DEFINITION

    @property
    def percent(self) -> float:
        return round(100.0 * self.assessed / self.assessable, 1) if self.assessable else 0.0


@dataclass(frozen=True)
class Report:
    framework: str
    document: str
    doi: str
    tool_version: str
    root: str
    threshold: str
    functions: tuple[FunctionResult, ...]
    characteristics: tuple[CharacteristicResult, ...]
    coverage: Coverage
    rules: tuple[RuleRef, ...]
    by_severity: dict[str, int]  # findings not suppressed
    failing: int  # findings not suppressed at or above the threshold
    suppressed_findings: tuple[ReportFinding, ...]
    scan_errors: int  # files that failed to parse or rules that failed: evidence may be missing
    applied_known: bool  # False: the results predate per-rule document counts
    evidence: EvidenceSummary | None = None  # None: no evidence file
    atlas: tuple[TechniqueRow, ...] = ()  # the MITRE ATLAS techniques the scan's rules map to
    atlas_version: str = ""

    @property
    def subcategories(self) -> tuple[SubcategoryResult, ...]:
        return tuple(s for f in self.functions for s in f.subcategories)

    @property
    def suppressed(self) -> int:
        return len(self.suppressed_findings)


def worst(statuses: Sequence[str]) -> str:
    return min(statuses, key=STATUSES.index) if statuses else "not-assessed"


def _location(f: Mapping[str, Any]) -> str:
    return f.get("address") or f.get("pointer") or f"{f['path']}:{f['start_line']}"


def _finding(f: Mapping[str, Any], threshold: str) -> ReportFinding:
    suppressed = f.get("suppression")
    return ReportFinding(
        rule_id=f["rule_id"],
        severity=f["severity"],
        title=f["title"],
        message=f["message"],
        path=f["path"],
        start_line=f["start_line"],
        location=_location(f),
        fingerprint=f["fingerprint"],
        failing=suppressed is None and at_or_above(f["severity"], threshold),
        suppression=dict(suppressed) if suppressed else None,
    )


def _order(f: ReportFinding) -> tuple[Any, ...]:
    return (-rank(f.severity), f.path, f.start_line, f.rule_id, f.fingerprint)


def _rule(meta: Mapping[str, Any], documents: Mapping[str, int] | None) -> RuleRef:
    return RuleRef(
        id=meta["id"],
        title=meta["title"],
        severity=meta["severity"],
        category=meta["category"],
        remediation=meta["remediation"],
        references=tuple(meta.get("references", ())),
        subcategories=tuple(meta["nist_ai_rmf"]),
        documents=None if documents is None else documents.get(meta["id"], 0),
    )


def _status(
    sub: Subcategory, applied: Sequence[str], findings: Sequence[ReportFinding], records: Sequence[EvidenceRef]
) -> str:
    """fail > concerns > pass > (a record) attestation-expired | attested > not-assessed; a
    subcategory that requires attestation has no static status."""
    if not sub.attestation:
        if any(f.failing for f in findings):
            return "fail"
        if findings:  # not suppressed, below the threshold (or the threshold is none)
            return "concerns"
        if applied:
            return "pass"
    if records:
        return "attested" if any(not r.expired for r in records) else "attestation-expired"
    return "attestation" if sub.attestation else "not-assessed"


def _records(results: Mapping[str, Any]) -> dict[str, tuple[EvidenceRef, ...]]:
    evidence = results.get("evidence")
    by_sub: dict[str, list[EvidenceRef]] = {}
    for r in evidence["records"] if evidence else ():
        keys = ("subcategory", "statement", "evidence", "evidence_kind", "owner", "date", "expires", "line", "expired")
        by_sub.setdefault(r["subcategory"], []).append(
            EvidenceRef(**{k: r[k] for k in keys}, source=evidence["source"])
        )
    return {k: tuple(v) for k, v in by_sub.items()}


def _evidence_summary(results: Mapping[str, Any], subs: Sequence[SubcategoryResult]) -> EvidenceSummary | None:
    evidence = results.get("evidence")
    if not evidence:
        return None
    return EvidenceSummary(
        source=evidence["source"],
        read_from=evidence["read_from"],
        as_of=evidence["as_of"],
        records=len(evidence["records"]),
        expired=sum(r["expired"] for r in evidence["records"]),
        attested=sum(s.status == "attested" for s in subs),
        attestation_expired=sum(s.status == "attestation-expired" for s in subs),
    )


def build_report(results: Mapping[str, Any], threshold: str) -> Report:
    """`results` is a results document valid against results.schema.json."""
    if threshold not in (*SEVERITIES, "none"):
        raise FatalError(f"report threshold: unknown severity {threshold!r}")
    core = load_core()
    documents = results.get("rule_documents")
    rules = tuple(_rule(m, documents) for m in results["rules"])
    pairs = [(raw, _finding(raw, threshold)) for raw in results["findings"]]
    findings = sorted((f for _, f in pairs), key=_order)
    by_sub: dict[str, list[ReportFinding]] = {}
    for raw, f in pairs:
        for sub_id in raw["nist_ai_rmf"]:
            by_sub.setdefault(sub_id, []).append(f)
    for lst in by_sub.values():
        lst.sort(key=_order)
    records = _records(results)

    def sub_result(sub: Subcategory) -> SubcategoryResult:
        mapped = tuple(r for r in rules if sub.id in r.subcategories)
        hits = by_sub.get(sub.id, [])
        if documents is None:  # older results: only a rule with a finding is known to have applied
            with_hits = {f.rule_id for f in hits}
            applied = tuple(r.id for r in mapped if r.id in with_hits)
        else:
            applied = tuple(r.id for r in mapped if (r.documents or 0) > 0)
        active = tuple(f for f in hits if f.suppression is None)
        attested = records.get(sub.id, ())
        return SubcategoryResult(
            sub=sub,
            status=_status(sub, applied, active, attested),
            rules=mapped,
            applied=applied,
            findings=active,
            suppressed=tuple(f for f in hits if f.suppression is not None),
            records=attested,
        )

    functions = tuple(
        FunctionResult(
            fn=fn,
            categories=tuple(
                CategoryResult(cat, worst([s.status for s in subs]), subs)
                for cat in fn.categories
                for subs in [tuple(sub_result(s) for s in cat.subcategories)]
            ),
        )
        for fn in core.functions
    )
    subs = {s.sub.id: s for f in functions for s in f.subcategories}
    status_counts = Counter(s.status for s in subs.values())
    attestation = sum(s.sub.attestation for s in subs.values())  # a property of the subcategory
    active = [f for f in findings if f.suppression is None]
    sev = Counter(f.severity for f in active)
    return Report(
        framework=core.framework,
        document=core.document,
        doi=core.doi,
        tool_version=results["tool"]["version"],
        root=results["root"],
        threshold=threshold,
        functions=functions,
        characteristics=tuple(CharacteristicResult(c, subs[c.subcategory]) for c in core.characteristics),
        coverage=Coverage(
            assessed=sum(status_counts[st] for st in ASSESSED),
            assessable=len(subs) - attestation,
            attestation=attestation,
            by_status={s: status_counts.get(s, 0) for s in STATUSES},
        ),
        rules=rules,
        by_severity={s: sev.get(s, 0) for s in SEVERITIES},
        failing=sum(f.failing for f in active),
        suppressed_findings=tuple(f for f in findings if f.suppression is not None),
        scan_errors=sum(1 for e in results["errors"] if e["kind"] != "skipped"),
        applied_known=documents is not None,
        evidence=_evidence_summary(results, tuple(subs.values())),
        atlas=technique_rows(results, threshold),
        atlas_version=load_catalog().version,
    )
