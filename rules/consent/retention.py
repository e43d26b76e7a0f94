"""Storage a personal-data declaration names, kept without expiry: the erasure path (GDPR Art. 17)
a data contract's `servers` promise depends on. The Rego retention rules
(MLC-AWS/GCP/AZURE-RETENTION-001) judge buckets by their own tags and names; this one follows the
declaration to the bucket, so a bucket with neutral tags is still covered."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.consent import declared
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pinning import uris
from scanner.pyrules import PythonRule
from scanner.terraform import buckets


class DeclaredPersonalDataWithoutExpiry(PythonRule):
    id = "MLC-RETENTION-001"
    atlas_none = (
        "retention and erasure of personal data is a privacy-law control; it prevents or detects no ATLAS technique"
    )
    title = "Bucket of a personal-data contract without an expiry rule"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "MAP 4.1", "GOVERN 1.1")
    description = (
        "A data contract that declares personal data (`pii: true` or a personal-data "
        "classification) names a server location in an S3 or GCS bucket that this repository's "
        "Terraform creates without any expiry (no enabled lifecycle rule that expires or deletes "
        "objects). Records then stay until someone deletes them by hand, and an erasure request "
        "has no retention limit to lean on."
    )
    remediation = (
        "Give the bucket a lifecycle rule matching the contract's retention period (S3: "
        "aws_s3_bucket_lifecycle_configuration with expiration; GCS: lifecycle_rule with a Delete "
        "action), and state the retention period and the erasure procedure in the contract's "
        "`terms`."
    )
    input_kinds = ("datacontract",)
    references = (
        "https://gdpr-info.eu/art-17-gdpr/",
        "https://datacontract.com/#servers-object",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not isinstance(doc.data, dict) or not declared.personal_fields(doc):
            return
        names, expiring = buckets.expiry_of_scan(ctx)
        servers = doc.data.get("servers")
        for server, spec in servers.items() if isinstance(servers, dict) else ():
            location = spec.get("location") if isinstance(spec, dict) else None
            for ref in uris.object_refs([location]) if isinstance(location, str) else ():
                if ref.bucket in names and ref.bucket not in expiring:
                    yield Hit(
                        f"server {server!r} keeps this contract's personal data in {ref.scheme}://{ref.bucket}, "
                        f"and {names[ref.bucket]} has no expiry rule: erasure depends on manual deletion",
                        pointer=("servers", server, "location"),
                        key=f"{server}:{ref.bucket}",
                    )


RULES = [DeclaredPersonalDataWithoutExpiry]
