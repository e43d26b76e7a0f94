"""Which columns of a sampled data file hold personal data, for rules that ask whether that data
is validated, masked, consented to or kept with a limit (the PII rule, MLC-PII-001, reports the
data itself, with its own severity grades).

A column holds personal data when its header names a kind of personal data (`email`, `phone`,
`ssn`, `full_name`, `date_of_birth`, ...) or when most sampled rows match a personal-data shape
(scanner.data.pii). Incidental matches in a few rows do not make a personal-data column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.data import pii
from scanner.documents import Document

_HEADER = re.compile(
    r"e-?mail|phone|mobile|\bssn\b|social.?security|passport|date.?of.?birth|\bdob\b|birth.?date|"
    r"first.?name|last.?name|full.?name|surname|given.?name|street|address|postcode|zip.?code|"
    r"\biban\b|card.?number|national.?id|tax.?id|ip.?address|\bgender\b|ethnicity|religion"
)
MAJORITY = 0.5


@dataclass(frozen=True)
class Column:
    index: int
    name: str
    why: str  # "header" or the personal-data kinds the rows hold


def _words(header: str) -> str:
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", header).lower().replace("_", " ")


def columns(doc: Document) -> list[Column]:
    """The personal-data columns of a tabular document's header and sample."""
    data = doc.data if isinstance(doc.data, dict) else {}
    names: list[str] = [str(c) for c in data.get("columns", []) if c is not None]
    rows: list[list[str]] = data.get("rows", [])
    out: list[Column] = []
    for i, name in enumerate(names):
        if _HEADER.search(_words(name)):
            out.append(Column(i, name, "header"))
            continue
        matched: dict[str, int] = {}
        for row in rows:
            if i < len(row):
                for kind in pii.kinds_in(row[i]):
                    matched[kind] = matched.get(kind, 0) + 1
        if rows and matched and max(matched.values()) >= MAJORITY * len(rows):
            out.append(Column(i, name, ", ".join(sorted(matched))))
    return out
