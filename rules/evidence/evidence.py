"""Evidence records (`.mlcomply-evidence.yaml`): an attestation past its `expires` date no longer
counts, and says so where the engineer looks, as a finding on the record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.evidence.records import KIND, records
from scanner.findings import Hit
from scanner.pyrules import PythonRule


class AttestationExpired(PythonRule):
    id = "MLC-EVIDENCE-001"
    title = "Attestation expired"
    severity = "info"
    category = "model-documentation"
    # Periodic review planned and done: a record past its date is a review that did not happen.
    nist_ai_rmf = ("GOVERN 1.5",)
    atlas_none = "a lapsed human attestation (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "A record of `.mlcomply-evidence.yaml` is past its `expires` date. The NIST AI RMF report "
        'then shows its subcategory as "attestation expired" instead of "attested": the evidence '
        "(a training record, a review, a role assignment) has not been confirmed since, so it no "
        "longer supports the outcome."
    )
    remediation = (
        "Review the evidence with its owner. If it still holds, update `date` to the review day and "
        "set a new `expires`; if it does not, fix the process or remove the record. "
        "`mlcomply evidence init --output F` lists every subcategory that needs a record."
    )
    input_kinds = (KIND,)
    references = (
        "https://doi.org/10.6028/NIST.AI.100-1",
        "https://airc.nist.gov/airmf-resources/playbook/govern/",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        today = datetime.date.today()
        for i, record in enumerate(records(doc)):
            if record.expired(today):
                yield Hit(
                    f"attestation expired on {record.expires.isoformat()}: {record.subcategory} "
                    f'(owner {record.owner}); the report shows it as "attestation expired"',
                    pointer=("records", i),
                    # Which record, wherever it sits in the file.
                    key=f"{record.subcategory}\0{record.owner}\0{record.evidence}\0{record.date.isoformat()}",
                )


RULES = [AttestationExpired]
