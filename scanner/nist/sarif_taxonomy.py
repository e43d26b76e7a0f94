"""NIST AI RMF 1.0 as a SARIF taxonomy (`runs[].taxonomies`) and rule → subcategory relationships."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
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


def taxonomy() -> dict[str, Any]:
    core = load_core()
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
                "properties": {"function": s.function, "category": s.category, "static-evidence": s.evidence},
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
