"""MITRE ATLAS as a second SARIF taxonomy (`runs[].taxonomies[1]`) and rule → technique relationships.

Beside the NIST AI RMF taxonomy (index 0, scanner.nist.sarif_taxonomy): NIST says which
governance outcome a finding evidences, ATLAS which attack on ML systems it helps prevent or detect.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from scanner.atlas.catalog import load_catalog

NAME = "MITRE ATLAS"
INDEX = 1  # runs[].taxonomies order: NIST AI RMF first, ATLAS second
# Stable across runs and tools, as SARIF consumers match taxonomies by guid.
GUID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://atlas.mitre.org"))
INFO_URI = "https://atlas.mitre.org"


def _taxon_index() -> dict[str, int]:
    return {tid: i for i, tid in enumerate(load_catalog().techniques)}


def component_reference() -> dict[str, Any]:
    return {"name": NAME, "index": INDEX, "guid": GUID}


def taxonomy() -> dict[str, Any]:
    cat = load_catalog()
    index = _taxon_index()
    taxa = []
    for t in cat.techniques.values():
        taxon: dict[str, Any] = {
            "id": t.id,
            "name": t.name,
            "shortDescription": {"text": cat.label(t.id)},
            "helpUri": t.url,
            "properties": {"tactics": [cat.tactics[a].name for a in t.tactics if a in cat.tactics]},
        }
        if t.parent in index:  # a sub-technique is a subset of its technique
            taxon["relationships"] = [
                {
                    "target": {"id": t.parent, "index": index[t.parent], "toolComponent": component_reference()},
                    "kinds": ["subset"],
                }
            ]
        taxa.append(taxon)
    return {
        "name": NAME,
        "guid": GUID,
        "version": cat.version,
        "fullName": cat.name,
        "organization": "The MITRE Corporation",
        "informationUri": INFO_URI,
        "shortDescription": {"text": f"MITRE ATLAS {cat.version} techniques"},
        "isComprehensive": True,
        "properties": {"license": cat.license_note},
        "taxa": taxa,
    }


def relationships(techniques: Sequence[str]) -> list[dict[str, Any]]:
    """A rule is relevant to each technique it helps prevent or detect."""
    index = _taxon_index()
    return [
        {"target": {"id": tid, "index": index[tid], "toolComponent": component_reference()}, "kinds": ["relevant"]}
        for tid in techniques
    ]
