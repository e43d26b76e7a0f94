"""Personal data in committed CSV, TSV and JSON Lines files: counted per column, never shown.

Severity follows what the column is: a column named for the kind it holds (`email`, `phone`...)
or where most sampled rows match is a personal-data column (the rule's severity); a few matches
in another column are incidental (medium, or low under 5% of rows); a public benchmark dataset
is low. Each lowered finding says why in `severity_reason`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.data import pii, public
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule

MAJORITY = 0.5  # a share of sampled rows above which the column is personal data, named or not
INCIDENTAL = 0.05  # below this share, a few matches in a column not named for them
# Luhn passes one random number in ten: a column of card-length ids has about that share.
CHANCE_LUHN = 0.5
MIN_SHAPED = 20


def _named(header: str, kinds: Iterable[str]) -> bool:
    return bool(pii.named_kinds(header, kinds))


class PiiInData(PythonRule):
    id = "MLC-PII-001"
    title = "Personal data in a committed data file"
    severity = "high"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "MAP 4.1")
    atlas = ("AML.T0036", "AML.T0035")
    description = (
        "The header or a bounded sample of rows (first 1,000) of a CSV, TSV or JSON Lines file "
        "holds email addresses, phone numbers, US social security numbers, payment card numbers "
        "(a whole 13-19 digit token in a card network's IIN range, Luhn-valid; never part of a "
        "decimal), IBANs or public IP addresses. Findings name the column and count matches; "
        "they never repeat the values. Severity: high for a column named for the data it holds "
        "or where most rows match; medium when 5-50% of rows match in another column; low for "
        "fewer (incidental), and for public benchmark datasets (a documented allow list, "
        "datasets a model card declares, data under a dataset card). A card-number column where "
        "fewer than half of the card-length numbers pass Luhn holds ids (Luhn passes one in ten "
        "by chance) and is not reported. Options: `min_matches` (default 1) sets how many "
        "matches a column needs; `public_datasets` maps more file names to why they are public."
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
        shaped = [int(pii.card_shaped(name)) for name in columns]
        for row in rows:
            for i, cell in enumerate(row[: len(columns)]):
                counts[i].update(pii.kinds_in(cell))
                shaped[i] += pii.card_shaped(cell)
        reason_public: str | None = None
        for i, found in enumerate(counts):
            cards = found.get("payment card number", 0)
            if cards and shaped[i] >= MIN_SHAPED and cards < CHANCE_LUHN * shaped[i]:
                del found["payment card number"]  # ids that pass Luhn by chance
            kinds = {k: n for k, n in found.items() if n >= min_matches}
            if not kinds:
                continue
            if reason_public is None:
                extra = ctx.option(self.id, "public_datasets", {})
                reason_public = public.why_public(doc.path, ctx, extra if isinstance(extra, dict) else {}) or ""
            header_is_data = bool(pii.kinds_in(columns[i]))
            what = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items()))
            # A header cell that is itself personal data (no header row) is never repeated.
            name = "header is data" if header_is_data else repr(columns[i][:40])
            severity, reason = self._severity(kinds, columns[i], header_is_data, len(rows), reason_public)
            yield Hit(
                f"column {i + 1} ({name}) holds personal data in {len(rows)} sampled rows ({what})",
                pointer=("columns", i),
                key=f"column:{i}:{','.join(sorted(kinds))}",
                properties={"column_index": i, "counts": kinds, "rows_sampled": len(rows)},
                severity=severity,
                severity_reason=reason,
            )

    @staticmethod
    def _severity(
        kinds: dict[str, int], header: str, header_is_data: bool, rows: int, reason_public: str
    ) -> tuple[str | None, str | None]:
        if reason_public:
            return "low", reason_public
        share = max(kinds.values()) / max(rows, 1)
        if share >= MAJORITY or (not header_is_data and _named(header, kinds)):
            return None, None
        matched = f"{max(kinds.values())} of {rows} sampled rows ({share:.1%})"
        if share >= INCIDENTAL:
            return "medium", f"{matched} match, in a column not named for personal data"
        return "low", f"incidental: {matched} match, in a column not named for personal data"


RULES = [PiiInData]
