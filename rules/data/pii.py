"""Personal data in committed CSV, TSV and JSON Lines files: counted per column, never shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.data import pii
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule


class PiiInData(PythonRule):
    id = "MLC-PII-001"
    title = "Personal data in a committed data file"
    severity = "high"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "MAP 4.1")
    description = (
        "The header or a bounded sample of rows (first 1,000) of a CSV, TSV or JSON Lines file "
        "holds email addresses, phone numbers, US social security numbers, payment card numbers "
        "(Luhn-valid), IBANs or public IP addresses. Findings name the column and count matches; "
        "they never repeat the values. Option `min_matches` (default 1) sets how many matches a "
        "column needs."
    )
    remediation = (
        "Remove or pseudonymise the column (hash with a secret salt, tokenise, or generate "
        "synthetic values), purge it from git history, and keep raw personal data in access-"
        "controlled storage tracked by DVC."
    )
    input_kinds = ("tabular",)
    references = ("https://www.nist.gov/privacy-framework",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        data = doc.data if isinstance(doc.data, dict) else {}
        columns: list[str] = data.get("columns", [])
        rows: list[list[str]] = data.get("rows", [])
        if not columns:
            return
        min_matches = int(ctx.option(self.id, "min_matches", 1))
        # The header row is checked as data too: a file without a header starts with data.
        counts: list[Counter[str]] = [Counter(pii.kinds_in(name)) for name in columns]
        for row in rows:
            for i, cell in enumerate(row[: len(columns)]):
                counts[i].update(pii.kinds_in(cell))
        for i, found in enumerate(counts):
            kinds = {k: n for k, n in found.items() if n >= min_matches}
            if not kinds:
                continue
            what = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items()))
            # A header cell that is itself personal data (no header row) is never repeated.
            name = "header is data" if pii.kinds_in(columns[i]) else repr(columns[i][:40])
            yield Hit(
                f"column {i + 1} ({name}) holds personal data in {len(rows)} sampled rows ({what})",
                pointer=("columns", i),
                key=f"column:{i}:{','.join(sorted(kinds))}",
                properties={"column_index": i, "counts": kinds, "rows_sampled": len(rows)},
            )


RULES = [PiiInData]
