"""The results document's digest of itself: `mlcomply verify` tells an edited results file.

The digest is SHA-256 over the document's canonical JSON without its `results_digest` member:
keys sorted, no whitespace (`separators=(",", ":")`), non-ASCII escaped (`ensure_ascii=True`, so
an undecodable file name's lone surrogate has one spelling too). It is tamper-evident, not
tamper-proof: whoever edits the file can recompute it. The in-toto attestation records the same
value, and a signed attestation is what makes an edit detectable by someone who cannot re-sign.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

CANONICALIZATION = "mlcomply-canonical-json/v1"
FIELD = "results_digest"


def canonical_digest(doc: dict[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k != FIELD}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def sealed(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` with its digest recorded as its last member."""
    return {**doc, FIELD: {"algorithm": "sha256", "canonicalization": CANONICALIZATION, "value": canonical_digest(doc)}}


def recorded(doc: dict[str, Any]) -> str | None:
    value = doc.get(FIELD)
    if isinstance(value, dict) and value.get("algorithm") == "sha256" and isinstance(value.get("value"), str):
        return value["value"]
    return None
