"""NIST AI RMF 1.0 as a SARIF taxonomy (`runs[].taxonomies`) and rule → subcategory relationships."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from scanner.nist.core import load_core

NAME = "NIST AI RMF"
VERSION = "1.0"
# Stable across runs and tools, as SARIF consumers match taxonomies by guid.
GUID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://doi.org/10.6028/NIST.AI.100-1"))


def _taxon_index() -> dict[str, int]:
    return {s.id: i for i, s in enumerate(load_core().subcategories)}


def component_reference() -> dict[str, Any]:
    """How the driver's `supportedTaxonomies` and each relationship name the taxonomy: index 0
    of `runs[].taxonomies`."""
    return {"name": NAME, "index": 0, "guid": GUID}


def _attestation(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the evidence records say of one subcategory: "attested" (never a pass) or, when every
    record is past its date, "attestation-expired"; a static result in the NIST report wins."""
    keys = ("statement", "evidence", "owner", "date", "expires", "expired", "line")
    return {
        "status": "attested" if any(not r["expired"] for r in records) else "attestation-expired",
        "records": [{k: r[k] for k in keys} for r in records],
    }


def _properties(s: Any, records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    props: dict[str, Any] = {"function": s.function, "category": s.category, "static-evidence": s.evidence}
    if records:
        props["attestation"] = _attestation(records)
    return props


def taxonomy(evidence: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """`evidence`: the scan's evidence records (results document `evidence.records`)."""
    core = load_core()
    by_sub: dict[str, list[Mapping[str, Any]]] = {}
    for r in evidence:
        by_sub.setdefault(r["subcategory"], []).append(r)
    return {
        "name": NAME,
        "guid": GUID,
        "version": VERSION,
        "fullName": core.framework,
        "organization": "National Institute of Standards and Technology",
        "informationUri": core.doi,
        "releaseDateUtc": "2023-01-26",
        "shortDescription": {"text": f"{core.document}: the AI RMF 1.0 Core subcategories"},
        "isComprehensive": True,
        "taxa": [
            {
                "id": s.id,
                "name": s.label,
                "shortDescription": {"text": s.label},
                "fullDescription": {"text": s.text},
                "properties": _properties(s, by_sub.get(s.id, ())),
            }
            for s in core.subcategories
        ],
    }


def relationships(subcategories: Sequence[str]) -> list[dict[str, Any]]:
    """A rule is relevant evidence for each subcategory it maps to; it is never equivalent."""
    index = _taxon_index()
    return [
        {
            "target": {"id": sid, "index": index[sid], "toolComponent": component_reference()},
            "kinds": ["relevant"],
        }
        for sid in subcategories
    ]
