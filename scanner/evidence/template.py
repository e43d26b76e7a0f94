"""`mlcomply evidence init`: a commented `.mlcomply-evidence.yaml` listing every subcategory a
record could cover: those that require attestation, and those no rule could assess in this
repository (status not-assessed), each with its AI RMF 1.0 text."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Sequence

from scanner.nist.report import Report, SubcategoryResult

HEADER = """\
# mlcomply evidence records: human attestations for the NIST AI RMF 1.0 subcategories a static
# scan cannot see (training, roles, review processes). Schema: scanner/schemas/evidence.schema.json
#
# The NIST report shows a subcategory with a current record as "attested" (never "pass": a static
# result wins over a record and is shown beside it); one whose records are all past `expires` as
# "attestation expired", and MLC-EVIDENCE-001 reports each expired record. In a diff scan
# (--diff-base) the records are read from the merge base: a change's own records count once merged.
#
# A record: subcategory (AI RMF id), statement (what is attested), evidence (an https:// URL, or a
# path in this repository that must exist), owner, date and expires (YYYY-MM-DD).
# Uncomment a block below `records:` (remove the leading "#") and fill it in; several records may
# name the same subcategory.
version: 1
records:
"""

_WIDTH = 96


def _block(s: SubcategoryResult, today: datetime.date) -> list[str]:
    lines = [f"# {s.sub.id}: {s.sub.label}"]
    lines += textwrap.wrap(s.sub.text, _WIDTH, initial_indent="#   ", subsequent_indent="#   ")
    expires = (
        today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else today + datetime.timedelta(days=365)
    )
    lines += [
        f"#  - subcategory: {s.sub.id}",
        '#    statement: ""',
        '#    evidence: ""',
        '#    owner: ""',
        f"#    date: {today.isoformat()}",
        f"#    expires: {expires.isoformat()}",
        "#",
    ]
    return lines


def _section(title: str, subs: Sequence[SubcategoryResult], today: datetime.date) -> list[str]:
    if not subs:
        return []
    return [f"# --- {title} ({len(subs)}) ---", "#", *(line for s in subs for line in _block(s, today))]


def render(report: Report, today: datetime.date) -> str:
    attestation = [s for s in report.subcategories if s.sub.attestation]
    unassessed = [s for s in report.subcategories if not s.sub.attestation and s.status == "not-assessed"]
    lines = [
        *_section("require attestation: no static signal can evidence them", attestation, today),
        *_section("not assessed in this repository: no rule mapped to them had anything to look at", unassessed, today),
    ]
    return HEADER + "\n".join(lines) + "\n"
