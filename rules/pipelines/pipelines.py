"""Data pipeline platforms: Pachyderm specs, Dagster and Prefect code and deployment files, Feast
feature repositories (scanner/pipelines). Literal credentials in any of them are the secrets
detector's (scanner/secrets), which names the Pachyderm `transform.env` variable it found."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from scanner.context import ScanContext
from scanner.data import pii
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.kubernetes import images
from scanner.pipelines import KIND as PIPELINE_PYTHON
from scanner.pipelines import assets, buckets, deploy, feast, pachyderm, storage
from scanner.pyrules import PythonRule
from scanner.terraform import buckets as terraform_buckets

_HOW = {
    "latest": "the mutable tag :latest",
    "untagged": "no tag (the runtime pulls :latest)",
    "mutable": "the mutable tag :{tag}",
    "versioned": "the release tag :{tag} only",
}
VERSIONED_REASON = (
    "a versioned release tag names one release; a registry can still re-push it, but it does not "
    "move by design as :latest or a branch tag does"
)
# A pipeline that trains or evaluates a model: where which data version went in matters most.
_TRAINING = re.compile(r"train|tune|(?<![a-z])fit(?![a-z])", re.IGNORECASE)


def _pipeline_images(doc: Document) -> Iterator[tuple[str, Pointer, str]]:
    if pachyderm.is_spec(doc.data):
        image = pachyderm.image(doc.data)
        if image is not None:
            yield image, ("transform", "image"), f"Pachyderm pipeline {pachyderm.name(doc.data)!r}"
    elif deploy.is_deployment_file(doc.path):
        for image, pointer in deploy.images(doc.data):
            yield image, pointer, doc.path.rsplit("/", 1)[-1]


class PipelineImageNotPinned(PythonRule):
    id = "MLC-PIPE-IMAGE-001"
    atlas = ("AML.T0010.004",)  # as MLC-K8S-IMAGE-001: a moving image tag is a container supply-chain path
    title = "Data pipeline container image not pinned by digest"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("MAP 4.2", "MEASURE 2.7", "GOVERN 6.1")
    description = (
        "A Pachyderm pipeline's `transform.image`, or an image in a Prefect or Dagster deployment "
        "file (`prefect.yaml` work pool job variables and `build_docker_image` steps, "
        "`dagster.yaml` run launchers, `dagster_cloud.yaml` locations), is referenced by tag "
        "(`:latest`, a branch-like tag or none: medium; a versioned release tag: low). Pinning is "
        "judged as MLC-K8S-IMAGE-001 judges it: the code that transforms training data tomorrow "
        "may not be the code that was reviewed. Templated images (`{{ build_image.image }}`) are "
        "filled in at deploy time and skipped."
    )
    remediation = (
        "Reference the image by digest (`registry/transform@sha256:<64 hex>`); in `prefect.yaml` "
        "pass the digest the build step outputs (`{{ build_image.image }}`)."
    )
    input_kinds = ("yaml", "json")
    references = (
        "https://docs.pachyderm.com/latest/build-dags/pipeline-spec/transform-image/",
        "https://docs.prefect.io/v3/deploy/infrastructure-concepts/prefect-yaml",
        "https://docs.dagster.io/deployment/oss/deployment-options/docker",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for image, pointer, where in _pipeline_images(doc):
            pin = images.pinning(image)
            if pin.how in ("digest", "placeholder"):
                continue
            message = f"{where}: image {image!r} is referenced by {_HOW[pin.how].format(tag=pin.tag)}, not by digest"
            if pin.how == "versioned":
                yield Hit(message, pointer=pointer, severity="low", severity_reason=VERSIONED_REASON)
            else:
                yield Hit(message, pointer=pointer)


class PachydermInputNotPinned(PythonRule):
    id = "MLC-PACH-001"
    atlas = ("AML.T0010.002", "AML.T0020")  # as MLC-DVC-001: unpinned training data can be swapped or poisoned
    title = "Pachyderm training pipeline reads a branch head without a commit pin"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MAP 2.3", "MEASURE 2.1")
    description = (
        "A Pachyderm pipeline that trains or tunes a model (its name, image or command says "
        "so) reads a `pfs` input by branch (default `master`) with no `commit`. Pachyderm "
        "records each output commit's provenance, but the spec in the repository does not say "
        "which data version it was reviewed against: re-creating the pipeline from the spec trains "
        "on whatever the branch holds then. Pipelines that only transform data are not reported: "
        "following the branch is what they are for."
    )
    remediation = (
        "Pin the input to the reviewed data version with `input.pfs.commit: <commit id>` (or a "
        "global ID), and record the commit in the model card or provenance record; keep branch "
        "inputs for pipelines that are meant to retrain on new data, and suppress with a reason."
    )
    input_kinds = ("yaml", "json")
    references = ("https://docs.pachyderm.com/latest/build-dags/pipeline-spec/input-pfs/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not pachyderm.is_spec(doc.data):
            return
        spec = doc.data
        transform = spec["transform"]
        words = [pachyderm.name(spec), str(transform.get("image") or ""), str(transform.get("cmd") or "")]
        if not _TRAINING.search(" ".join(words)):
            return
        for pfs, pointer in pachyderm.pfs_inputs(spec):
            if pfs.get("commit"):
                continue
            branch = pfs.get("branch") if isinstance(pfs.get("branch"), str) else "master"
            yield Hit(
                f"training pipeline {pachyderm.name(spec)!r} reads repo {str(pfs.get('repo'))!r} at the head of "
                f"branch {branch!r} with no commit pin",
                pointer=pointer,
                key=f"{pfs.get('repo')}@{branch}",
            )


class PachydermPlaintextEgress(PythonRule):
    id = "MLC-PACH-002"
    atlas = ("AML.T0035", "AML.T0048.004")  # as the TLS rules: data in clear on the wire can be collected
    title = "Pachyderm pipeline egresses its output over plain HTTP"
    severity = "medium"
    category = "network"
    nist_ai_rmf = ("MEASURE 2.7", "MEASURE 2.10")
    description = (
        "A Pachyderm pipeline's `egress` URL uses `http://`: every output datum (often training "
        "data or a model) crosses the network in clear and can be read or altered on the way. "
        "Egress to a bucket the repository's Terraform makes public is MLC-PIPE-STORAGE-001."
    )
    remediation = "Egress over TLS (`https://`) or to object storage (`s3://`, `gs://`, `wasb://`) with access control."
    input_kinds = ("yaml", "json")
    references = ("https://docs.pachyderm.com/latest/build-dags/pipeline-spec/egress/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not pachyderm.is_spec(doc.data):
            return
        for url, pointer in pachyderm.egress_urls(doc.data):
            if url.strip().lower().startswith("http://"):
                host = url.strip()[7:].split("/", 1)[0].rsplit("@", 1)[-1]
                yield Hit(
                    f"pipeline {pachyderm.name(doc.data)!r} egresses to {host!r} over plain HTTP", pointer=pointer
                )


def _stores(doc: Document) -> Iterator[tuple[str, Pointer, str]]:
    if doc.kind == PIPELINE_PYTHON:
        yield from storage.locations(doc)
    elif pachyderm.is_spec(doc.data):
        for url, pointer in pachyderm.egress_urls(doc.data):
            yield url, pointer, f"egress of Pachyderm pipeline {pachyderm.name(doc.data)!r}"
    elif feast.is_feature_store(doc.path) and (found := feast.registry(doc.data)) is not None:
        yield found[0], found[1], "the Feast registry"


class PipelineStorageExposed(PythonRule):
    id = "MLC-PIPE-STORAGE-001"
    atlas = ("AML.T0035", "AML.T0025", "AML.T0048.004")  # as MLC-AWS-S3-002: a public bucket of ML data
    title = "Pipeline storage on a bucket this repository's Terraform makes public or leaves without encryption"
    severity = "high"
    category = "public-access"
    nist_ai_rmf = ("MEASURE 2.7", "MEASURE 2.10", "MANAGE 2.4")
    description = (
        "A Dagster I/O manager or resource, a Prefect storage block or `@materialize` asset, a "
        "Feast registry or a Pachyderm egress writes to an S3 or GCS bucket that the same "
        "repository's Terraform declares public (a public ACL, a bucket policy allowing `*`, "
        "`allUsers` members): high, the pipeline's data is published. A bucket with no "
        "server-side encryption configuration is reported low (S3 still encrypts new objects with "
        "its default keys since January 2023; no key of yours protects it). The join is by bucket "
        "name, from literal values only."
    )
    remediation = (
        "Write pipeline data to a private bucket: remove the public grant (and enable the "
        "bucket's public access block), or point the I/O manager, block, registry or egress at "
        "another bucket; add a server-side encryption configuration with a KMS key."
    )
    input_kinds = (PIPELINE_PYTHON, "yaml", "json", "terraform")
    references = (
        "https://docs.dagster.io/guides/build/io-managers/",
        "https://docs.feast.dev/reference/registries",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if doc.kind == "terraform":
            return
        stores = list(_stores(doc))
        if not stores:
            return  # before the scan's bucket index, a pass over every resource of every root
        known = terraform_buckets.of_scan(ctx).declared
        if not known:
            return
        for location, pointer, what in stores:
            name = buckets.bucket_of(location)
            bucket = known.get(name) if name else None
            if bucket is None:
                continue
            if bucket.public is not None:
                yield Hit(
                    f"{what} writes to {location!r}, which Terraform makes public: {bucket.public}",
                    pointer=pointer,
                    key=location,
                )
            elif bucket.unencrypted:
                yield Hit(
                    f"{what} writes to {location!r}; Terraform's {bucket.address} has no server-side "
                    "encryption configuration",
                    pointer=pointer,
                    key=location,
                    severity="low",
                    severity_reason="S3 encrypts new objects with S3-managed keys by default since January 2023",
                )


class UndeclaredAssetDependency(PythonRule):
    id = "MLC-PIPE-LINEAGE-001"
    atlas = ("AML.T0010.002", "AML.T0020")  # as MLC-INTEG-NOPROV-001: undeclared lineage hides a swapped input
    title = "Asset reads another asset's output without declaring it upstream"
    severity = "medium"
    category = "provenance"
    nist_ai_rmf = ("MAP 2.3", "MEASURE 2.9", "GOVERN 1.4")
    description = (
        "A Dagster `@asset` or Prefect `@materialize` function reads a location (a file path or "
        "object URI, by literal) that another asset in the same file writes or materialises, but "
        "declares neither that asset nor the location as a dependency (a parameter, `deps=`, "
        "`ins=`, `asset_deps=`). The platform's lineage graph then shows no edge: the asset "
        "catalog and any lineage export claim the data came from nowhere. Reads of locations no "
        "asset in the file produces are not reported."
    )
    remediation = (
        "Declare the upstream asset: `@asset(deps=[upstream])` or a parameter named after it "
        "(Dagster), `@materialize(key, asset_deps=[upstream_key])` (Prefect)."
    )
    input_kinds = (PIPELINE_PYTHON,)
    references = (
        "https://docs.dagster.io/guides/build/assets/passing-data-between-assets",
        "https://docs.prefect.io/v3/concepts/assets",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for reader, producer, location in assets.undeclared_reads(doc):
            yield Hit(
                f"asset {reader.name!r} reads {location!r}, which asset {producer.name!r} produces, "
                f"without declaring {producer.name!r} as an upstream dependency",
                pointer=("functions", reader.index),
                key=f"{reader.name}<-{producer.name}",
            )


class FeastPiiWithoutOwner(PythonRule):
    id = "MLC-FEAST-001"
    atlas = ("AML.T0036", "AML.T0035")  # as MLC-PII-001: personal data served as features
    title = "Feast feature view serves personal-data fields without an owner or tags"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "GOVERN 1.6", "MAP 4.1")
    description = (
        "A Feast feature view has fields named for personal data (the column names the PII rule "
        "MLC-PII-001 recognises: e-mail, phone, SSN) and declares neither `owner` nor "
        "`tags`: nobody is accountable for the personal data it serves, and an erasure or access "
        "request cannot find it by tag."
    )
    remediation = (
        "Declare `owner=` (a team address) and `tags=` that mark the personal data "
        '(e.g. `{"pii": "email", "legal_basis": "contract"}`), or drop or pseudonymise the fields.'
    )
    input_kinds = (PIPELINE_PYTHON,)
    references = ("https://docs.feast.dev/getting-started/concepts/feature-view",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, call, fields in feast.feature_views(doc):
            kwargs = call.get("kwargs") or {}
            if kwargs.get("owner") or kwargs.get("tags"):
                continue
            personal = {f: kinds for f in fields if (kinds := pii.named_kinds(f, pii.NAME_ONLY_KINDS))}
            if personal:
                view = kwargs.get("name") if isinstance(kwargs.get("name"), str) else call.get("func")
                what = ", ".join(f"{f} ({'/'.join(k)})" for f, k in sorted(personal.items()))
                yield Hit(
                    f"feature view {view!r} serves {what} with no owner or tags", pointer=("calls", i), key=str(view)
                )


# timedelta() with no argument or a zero one: Feast reads a zero TTL as "never expires".
_ZERO_TTL = re.compile(r"^(?:datetime\.)?timedelta\(\s*(?:(?:days|seconds|hours|minutes|weeks)\s*=\s*)?0?\s*\)$")


def _no_expiry(kwargs: dict[str, object]) -> bool:
    if "ttl" not in kwargs or kwargs["ttl"] is None or kwargs["ttl"] == 0:
        return True
    ttl = kwargs["ttl"]
    return isinstance(ttl, dict) and isinstance(ttl.get("expr"), str) and bool(_ZERO_TTL.match(ttl["expr"]))


class FeastPiiWithoutTtl(PythonRule):
    id = "MLC-FEAST-002"
    atlas_none = (
        "retention and erasure of personal data is a privacy-law control; it prevents or detects no ATLAS technique"
    )
    title = "Feast feature view keeps personal-data fields with no TTL"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "GOVERN 1.6")
    description = (
        "A Feast feature view has fields named for personal data (the column names the PII rule "
        "MLC-PII-001 recognises) and no `ttl` (or a zero one, which Feast reads as 'never expires'): "
        "the online store keeps serving those rows for ever, so an erasure request (GDPR Art. 17) has "
        "to find and delete them by hand in every store the view is materialised to."
    )
    remediation = (
        "Give the view a `ttl=timedelta(...)` no longer than the retention period its legal basis "
        "allows, and delete the entity's rows from the offline source on erasure."
    )
    input_kinds = (PIPELINE_PYTHON,)
    references = (
        "https://docs.feast.dev/getting-started/concepts/feature-view",
        "https://gdpr-info.eu/art-17-gdpr/",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, call, fields in feast.feature_views(doc):
            kwargs = call.get("kwargs") or {}
            if not _no_expiry(kwargs):
                continue
            personal = sorted(f for f in fields if pii.named_kinds(f, pii.NAME_ONLY_KINDS))
            if personal:
                view = kwargs.get("name") if isinstance(kwargs.get("name"), str) else call.get("func")
                yield Hit(
                    f"feature view {view!r} keeps {', '.join(personal)} with no TTL: the online store serves "
                    "them until someone deletes them by hand",
                    pointer=("calls", i),
                    key=str(view),
                )


RULES = [
    PipelineImageNotPinned,
    PachydermInputNotPinned,
    PachydermPlaintextEgress,
    PipelineStorageExposed,
    UndeclaredAssetDependency,
    FeastPiiWithoutOwner,
    FeastPiiWithoutTtl,
]
