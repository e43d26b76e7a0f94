"""Great Expectations projects: data docs published to a public bucket; personal-data columns no
expectation validates. Both rules read GX documents (kind `gx`), so a repository with suites and
checkpoints counts as assessed for the data-quality and privacy subcategories they map to
(MEASURE 2.1, MEASURE 2.10, GOVERN 4.3), and one without GX does not."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.consent import declared
from scanner.context import ScanContext
from scanner.data import personal
from scanner.documents import Document
from scanner.findings import Hit
from scanner.gx import load as gx
from scanner.pyrules import PythonRule
from scanner.terraform import buckets

_CLOUD_STORES = {"TupleS3StoreBackend": "s3", "TupleGCSStoreBackend": "gs"}


class DataDocsOnPublicBucket(PythonRule):
    id = "MLC-GX-001"
    atlas = (
        "AML.T0035",
        "AML.T0036",
    )
    title = "Great Expectations data docs published to a public bucket"
    severity = "high"
    category = "public-access"
    nist_ai_rmf = ("MEASURE 2.7", "MEASURE 2.10")
    description = (
        "A data docs site in `great_expectations.yml` is kept in an S3 or GCS bucket that this "
        "repository's Terraform makes public (a public ACL, a bucket policy allowing every "
        "principal without a condition, an IAM binding to allUsers). Data docs show the "
        "validated data's columns, statistics and samples of unexpected values, which for a "
        "personal-data column are personal data. High, not critical: the site holds summaries "
        "and samples, not the dataset."
    )
    remediation = (
        "Serve data docs from a private bucket (remove the public ACL, policy or allUsers "
        "binding) behind authenticated access (CloudFront with signed cookies, IAP, or GX "
        "Cloud), and set `render_partial_unexpected_list`/`result_format` so samples of "
        "personal data are not rendered."
    )
    input_kinds = ("gx",)
    references = (
        "https://docs.greatexpectations.io/docs/core/configure_project_settings/configure_data_docs/",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if gx.role(doc.path) != "config":
            return
        public = buckets.public_of_scan(ctx)
        for site, cls, bucket in gx.data_docs_stores(doc):
            if cls in _CLOUD_STORES and bucket in public:
                yield Hit(
                    f"data docs site {site!r} is published to {_CLOUD_STORES[cls]}://{bucket}, which "
                    f"{public[bucket]} makes public",
                    pointer=("data_docs_sites", site, "store_backend", "bucket"),
                    key=f"{site}:{bucket}",
                )


class PersonalColumnNotValidated(PythonRule):
    id = "MLC-GX-002"
    atlas = ("AML.T0036",)
    title = "Personal-data column with no Great Expectations expectation"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.1", "MEASURE 2.10", "GOVERN 4.3")
    description = (
        "The repository keeps Great Expectations suites, but a committed data file has a "
        "personal-data column (named for it, or most sampled rows match: emails, phone numbers, "
        "SSNs, card numbers, IBANs, IP addresses), or a data contract declares a field `pii: "
        "true`, that no expectation of any suite checks. "
        "Nothing then proves the column is masked, pseudonymised or of the expected shape before "
        "it reaches training. Reported only where GX is in use: the PII rule (MLC-PII-001) "
        "reports the data itself everywhere."
    )
    remediation = (
        "Add an expectation on the column to the suite that validates the file, e.g. "
        "`expect_column_values_to_match_regex` for a hashed/tokenised form, "
        "`expect_column_values_to_not_match_regex` against raw emails, or "
        "`expect_column_to_not_exist` where the column must be dropped."
    )
    input_kinds = ("gx",)
    references = (
        "https://greatexpectations.io/expectations/",
        "https://docs.greatexpectations.io/docs/core/define_expectations/create_an_expectation/",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        projects = ctx.documents_of("gx")
        if not projects or projects[0] is not doc:
            return  # one cross-check per scan, reported on the data files
        checked: set[str] = set()
        for d in projects:
            if gx.role(d.path) == "suite":
                for _, _, kwargs in gx.expectations(d):
                    checked |= gx.columns_of(kwargs)
        for data in ctx.documents_of("tabular"):
            for col in personal.columns(data):
                if col.name in checked:
                    continue
                why = "its header" if col.why == "header" else f"sampled rows ({col.why})"
                yield Hit(
                    f"column {col.index + 1} ({col.name[:40]!r}) holds personal data by {why}, and no "
                    "expectation in this repository's suites checks it",
                    path=data.path,
                    line=1,
                    key=f"{data.path}:{col.index}:{col.name[:40]}",
                )
        yield from self._contract_fields(ctx, checked)

    @staticmethod
    def _contract_fields(ctx: ScanContext, checked: set[str]) -> Iterable[Hit]:
        for decl in declared.declarations(ctx):
            for pointer in declared.personal_fields(decl.doc) if decl.doc.kind == "datacontract" else ():
                name = str(pointer[-1])
                if name in checked:
                    continue
                span = decl.doc.span_of(pointer)
                yield Hit(
                    f"data contract field {'.'.join(map(str, pointer[1:]))[:80]!r} is personal data (pii or "
                    "classification), and no expectation in this repository's suites checks it",
                    path=decl.doc.path,
                    line=span.line if span is not None else 1,
                    key=f"{decl.doc.path}:{'/'.join(map(str, pointer))}",
                )


RULES = [DataDocsOnPublicBucket, PersonalColumnNotValidated]
