"""The JSON results document; its schema ships as scanner/schemas/results.schema.json."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scanner import __version__
from scanner.atlas.catalog import load_catalog
from scanner.integrity.results_digest import sealed
from scanner.scan import ScanResult
from scanner.severity import CATEGORIES, SEVERITIES

FORMAT_VERSION = 1


def summary(result: ScanResult) -> dict[str, Any]:
    active = [f for f in result.findings if f.suppression is None]
    by_sev = Counter(f.severity for f in active)
    by_cat = Counter(f.category for f in active)
    return {
        "total": len(active),
        "suppressed": len(result.findings) - len(active),
        "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
        "by_category": {c: by_cat.get(c, 0) for c in CATEGORIES},
        "files_scanned": result.files_scanned,
        "documents": result.documents,
        "errors": len([e for e in result.errors if e.kind not in ("skipped", "note")]),
        "skipped": len([e for e in result.errors if e.kind == "skipped"]),
        "rules": len(result.rules),
        "excluded": result.excluded,
    }


def to_json(result: ScanResult) -> dict[str, Any]:
    """The results document, sealed with its own digest (scanner.integrity.results_digest)."""
    doc = {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "mlcomply", "version": __version__, "atlas_version": load_catalog().version},
        "root": str(result.root),
        "summary": summary(result),
        "findings": [f.to_dict() for f in result.findings],
        "errors": [e.to_dict() for e in result.errors],
        "rules": [m.to_dict() for m in result.rules],
        "rule_documents": dict(result.rule_documents),
    }
    if result.datasets is not None:
        doc["datasets"] = [d.to_dict() for d in result.datasets]
    if result.evidence is not None:  # the trusted evidence records (scanner.evidence.trusted)
        doc["evidence"] = result.evidence.to_dict()
    return sealed(doc)  # last: the digest covers every section
