"""The NIST AI RMF report as JSON; schema: scanner/schemas/nist-report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from scanner.nist.report import STATUSES, EvidenceRef, Report, ReportFinding, SubcategoryResult

FORMAT_VERSION = 3  # 2: status "concerns"; 3: evidence records, statuses "attested", "attestation-expired"


def _finding(f: ReportFinding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity,
        "message": f.message,
        "path": f.path,
        "start_line": f.start_line,
        "location": f.location,
        "fingerprint": f.fingerprint,
        "failing": f.failing,
        "suppression": dict(f.suppression) if f.suppression else None,
    }


def _record(r: EvidenceRef) -> dict[str, Any]:
    keys = ("statement", "evidence", "evidence_kind", "owner", "date", "expires", "expired", "source", "line")
    return {k: getattr(r, k) for k in keys}


def _subcategory(s: SubcategoryResult) -> dict[str, Any]:
    return {
        "id": s.sub.id,
        "function": s.sub.function,
        "category": s.sub.category,
        "label": s.sub.label,
        "text": s.sub.text,
        "static_evidence": s.sub.evidence,
        "status": s.status,
        "rules": [r.id for r in s.rules],
        "rules_applied": list(s.applied),
        "findings": [_finding(f) for f in s.findings],
        "suppressed": [_finding(f) for f in s.suppressed],
        "by_severity": s.by_severity,
        "evidence_records": [_record(r) for r in s.records],
    }


def to_dict(report: Report) -> dict[str, Any]:
    cov = report.coverage
    return {
        "format_version": FORMAT_VERSION,
        "framework": {"name": report.framework, "document": report.document, "doi": report.doi},
        "tool": {"name": "mlcomply", "version": report.tool_version},
        "root": report.root,
        "threshold": report.threshold,
        "coverage": {
            "definition": cov.definition,
            "assessed": cov.assessed,
            "assessable": cov.assessable,
            "attestation": cov.attestation,
            "percent": cov.percent,
            "by_status": cov.by_status,
        },
        "evidence": None
        if report.evidence is None
        else {
            "source": report.evidence.source,
            "read_from": report.evidence.read_from,
            "as_of": report.evidence.as_of,
            "records": report.evidence.records,
            "expired": report.evidence.expired,
            "attested": report.evidence.attested,
            "attestation_expired": report.evidence.attestation_expired,
        },
        "summary": {
            "findings": sum(report.by_severity.values()),
            "failing": report.failing,
            "suppressed": report.suppressed,
            "by_severity": report.by_severity,
            "scan_errors": report.scan_errors,
            "rules": len(report.rules),
            "rule_documents_known": report.applied_known,
        },
        "functions": [
            {
                "id": f.fn.id,
                "title": f.fn.title,
                "by_status": {st: sum(s.status == st for s in f.subcategories) for st in STATUSES},
                "categories": [
                    {
                        "id": c.cat.id,
                        "title": c.cat.title,
                        "label": c.cat.label,
                        "status": c.status,
                        "subcategories": [s.sub.id for s in c.subcategories],
                    }
                    for c in f.categories
                ],
            }
            for f in report.functions
        ],
        "characteristics": [
            {
                "id": c.ch.id,
                "name": c.ch.name,
                "section": c.ch.section,
                "subcategory": c.ch.subcategory,
                "status": c.result.status,
                "findings": len(c.result.findings),
            }
            for c in report.characteristics
        ],
        "subcategories": [_subcategory(s) for s in report.subcategories],
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "severity": r.severity,
                "category": r.category,
                "nist_ai_rmf": list(r.subcategories),
                "documents": r.documents,
            }
            for r in report.rules
        ],
        "atlas": {
            "version": report.atlas_version,
            "techniques": [
                {
                    "id": t.id,
                    "name": t.name,
                    "tactics": list(t.tactics),
                    "url": t.url,
                    "findings": t.findings,
                    "failing": t.failing,
                    "suppressed": t.suppressed,
                    "rules": list(t.rules),
                }
                for t in report.atlas
            ],
        },
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
