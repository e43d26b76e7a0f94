"""Training data named by a mutable pointer: one family of rules over every source that names
data (Python training code, DVC metafiles, pipeline configs), each saying which pointer and how
to pin it. Where the line is drawn for Python code is in scanner/pinning/python_refs.py."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.dvc import model as dvc_model
from scanner.findings import Hit
from scanner.pinning import python_refs, uris
from scanner.pyrules import PythonRule
from scanner.terraform import buckets

# Pipeline and job configurations, and notebooks (where exploratory training reads its data);
# the formats other branches add (Pachyderm, Dagster, Prefect) declare theirs here too.
_CONFIG_KINDS = frozenset({"yaml", "json", "dvc", "mlflow", "airflow", "notebook"})
_NIST = ("MAP 4.1", "MEASURE 2.5")


def _python_doc(doc: Document) -> bool:
    return doc.kind in ("text", "airflow") and doc.path.endswith(".py") and doc.text is not None


# Substrings without which no rule of the family can report on a Python file.
_TRIGGERS = ("load_dataset", "from_pretrained", "delta", "DeltaTable", "lakefs://", "s3://", "s3a://", "gs://")


def _training_tree(doc: Document, ctx: ScanContext) -> ast.Module | None:
    """The module's AST when it is Python training code, else None; parsed once per file for
    the whole family (only training modules are kept)."""

    def build() -> ast.Module | None:
        text = doc.text or ""
        if len(text) > python_refs.MAX_SOURCE or not python_refs.is_training_path(doc.path):
            return None
        if not any(t in text for t in _TRIGGERS) or not python_refs.may_be_training(text, doc.path):
            return None  # nothing any rule of the family looks for: not worth an AST
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            return None  # not Python we can read: nothing to say about what it loads
        return tree if python_refs.is_training_code(tree, doc.path) else None

    return ctx.memo(f"pinning.tree:{doc.path}", build)


def _training_loads(doc: Document, ctx: ScanContext) -> list[python_refs.Load]:
    """The unpinned loads of a training module."""

    def build() -> list[python_refs.Load]:
        tree = _training_tree(doc, ctx)
        if tree is None:
            return []
        base = PurePosixPath(doc.path).parent
        prefix = "" if str(base) == "." else f"{base}/"
        below = (f.rel[len(prefix) :] for f in ctx.listing.files if f.rel.startswith(prefix))
        local = frozenset(rest.split("/")[0] for rest in below if "/" in rest)
        return list(python_refs.loads(tree, doc.text or "", local))

    return ctx.memo(f"pinning.loads:{doc.path}", build)


class LakefsBranchReference(PythonRule):
    id = "MLC-PIN-001"
    atlas = (
        "AML.T0010.002",
        "AML.T0020",
    )
    title = "lakeFS data referenced by a branch or tag, not a commit"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = _NIST
    description = (
        "A `lakefs://<repo>/<ref>/<path>` URI in a pipeline or job configuration (YAML, JSON, "
        "DVC, MLflow, Airflow), a notebook or Python training code names a branch or tag (`main`, `dev`, "
        "`v2`) instead of a commit id; test folders are left out. A branch moves with every commit, so "
        "the same configuration reads different data on every run, and nobody can later tell "
        "which data version trained a model."
    )
    remediation = (
        "Read from the commit id (`lakefs://repo/<commit-id>/path`, e.g. from `lakectl log` or the "
        "commit the ingestion job returned), or resolve the branch to its commit once at the start "
        "of the run and record that commit with the model (an MLflow tag or a provenance record)."
    )
    input_kinds = ("text",)
    references = (
        "https://docs.lakefs.io/understand/model.html#objects",
        "https://docs.lakefs.io/understand/use_cases/reproducibility.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if doc.index != 0 or not python_refs.is_training_path(doc.path):
            return
        if _python_doc(doc):
            if _training_tree(doc, ctx) is None:
                return
        elif doc.kind not in _CONFIG_KINDS:
            return  # prose, other languages' code, templates: not what a pipeline reads
        for ref in uris.lakefs_refs(doc.lines):
            yield Hit(
                f"lakeFS URI reads repository {ref.repo!r} at ref {ref.ref!r}, a branch or tag, not a "
                f"commit id: pin it as lakefs://{ref.repo}/<commit-id>/...",
                line=ref.line,
                key=f"{ref.repo}/{ref.ref}:{ref.uri}",
            )


class HuggingFaceWithoutRevision(PythonRule):
    id = "MLC-PIN-002"
    atlas = (
        "AML.T0010.002",
        "AML.T0010.003",
    )
    title = "Hugging Face dataset or model loaded without a revision in training code"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = _NIST
    description = (
        'Training code calls `load_dataset("org/name")` or `from_pretrained("org/name")` with a '
        "literal Hub id and no `revision=`: it trains on whatever the repository's main branch "
        "holds that day. Only training code and literal ids are reported: an id from the command "
        "line is pinned (or not) where the run is launched."
    )
    remediation = (
        'Pass `revision="<commit sha>"` (the 40-hex commit from the Hub\'s history, not a branch '
        'name), e.g. `load_dataset("imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")`.'
    )
    input_kinds = ("text",)
    references = (
        "https://huggingface.co/docs/datasets/package_reference/loading_methods#datasets.load_dataset.revision",
        "https://huggingface.co/docs/transformers/main_classes/model#transformers.PreTrainedModel.from_pretrained.revision",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not _python_doc(doc):
            return
        for load in _training_loads(doc, ctx):
            if load.kind in ("hf-dataset", "hf-model"):
                what = "dataset" if load.kind == "hf-dataset" else "model"
                yield Hit(
                    f"{load.call}({load.target!r}) loads a Hub {what} without revision=: pin it to a commit sha",
                    line=load.line,
                    end_line=load.end_line,
                    key=f"{load.call}:{load.target}",
                )


class DeltaReadWithoutVersion(PythonRule):
    id = "MLC-PIN-003"
    atlas = (
        "AML.T0010.002",
        "AML.T0020",
    )
    title = "Delta Lake table read without versionAsOf or timestampAsOf in training code"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = _NIST
    description = (
        'Training code reads a Delta table (`spark.read.format("delta").load(...)`, '
        "`deltalake.DeltaTable(...)`, `polars.read_delta(...)`) at its latest version. Every write "
        "to the table changes the training set, and the version used is recorded nowhere."
    )
    remediation = (
        'Read a fixed version: `.option("versionAsOf", 12)` or `.option("timestampAsOf", '
        '"2026-01-31")` in Spark, `DeltaTable(path, version=12)` or `read_delta(path, version=12)`; '
        "or read the latest version once, log `DeltaTable.version()` with the run, and pass it on."
    )
    input_kinds = ("text",)
    references = ("https://docs.delta.io/latest/delta-batch.html#query-an-older-snapshot-of-a-table-time-travel",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not _python_doc(doc):
            return
        for load in _training_loads(doc, ctx):
            if load.kind == "delta":
                yield Hit(
                    f"{load.call}() reads Delta table {load.target!r} at its latest version: "
                    "add versionAsOf/timestampAsOf (or version=)",
                    line=load.line,
                    end_line=load.end_line,
                    key=f"{load.call}:{load.target}",
                )


class VersionedObjectWithoutVersionId(PythonRule):
    id = "MLC-PIN-004"
    atlas = (
        "AML.T0010.002",
        "AML.T0020",
    )
    title = "Object in a versioned bucket used for training without a version id"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = _NIST
    description = (
        "Training code or a DVC metafile names an S3 or GCS object in a bucket that this "
        "repository's Terraform makes versioned, without the object's version id. The bucket "
        "keeps every version, so the data could be pinned, but the reference follows the latest."
    )
    remediation = (
        "Name the version: `s3://bucket/key?versionId=<id>` (boto3 `VersionId=`), a GCS "
        "generation (`gs://bucket/key#<generation>`), or track the object with "
        "`dvc import-url --version-aware`, which records its `version_id` in the .dvc file."
    )
    input_kinds = ("text",)
    references = (
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/RetrievingObjectVersions.html",
        "https://dvc.org/doc/user-guide/data-management/cloud-versioning",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        # The document's kind first: the scan's bucket index costs a pass over every resource
        # of every root module, for nothing when no document is a DVC file or Python code.
        if doc.kind != "dvc" and not _python_doc(doc):
            return
        versioned = buckets.versioned_of_scan(ctx)
        if not versioned:
            return
        if doc.kind == "dvc":
            yield from self._dvc(doc, versioned)
        elif _training_tree(doc, ctx) is not None:
            for ref in uris.object_refs(doc.lines):
                if ref.bucket in versioned and not ref.versioned_query:
                    yield Hit(
                        f"{ref.scheme}://{ref.bucket}/{ref.key} is in versioned bucket {versioned[ref.bucket]} "
                        "but names no version id",
                        line=ref.line,
                        key=f"{ref.bucket}/{ref.key}",
                    )

    def _dvc(self, doc: Document, versioned: dict[str, str]) -> Iterable[Hit]:
        for entry in dvc_model.entries(doc):
            raw = entry.spec.get("path") if entry.spec else None
            url = raw if isinstance(raw, str) else None
            if url is None or entry.spec.get("version_id"):
                continue
            for ref in uris.object_refs([url]):
                if ref.bucket in versioned and not ref.versioned_query:
                    yield Hit(
                        f"DVC {entry.role} {url} is in versioned bucket {versioned[ref.bucket]} but "
                        "records no version_id",
                        pointer=entry.pointer,
                        key=f"{ref.bucket}/{ref.key}",
                    )


class DvcImportNotPinned(PythonRule):
    id = "MLC-PIN-005"
    atlas = (
        "AML.T0010.002",
        "AML.T0020",
    )
    title = "DVC import not pinned to a revision"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = _NIST
    description = (
        "A `.dvc` file made by `dvc import` records its source repository without `rev_lock` "
        "(the commit it was imported at), so the data it names is not fixed; or without `rev`, "
        "so `dvc update` follows the source's default branch (low)."
    )
    remediation = (
        "Re-import at a fixed revision: `dvc import <repo> <path> --rev <tag-or-commit>`; DVC then "
        "records `rev` and the resolved `rev_lock` commit. Commit the .dvc file."
    )
    input_kinds = ("dvc",)
    references = ("https://dvc.org/doc/command-reference/import",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for entry in dvc_model.entries(doc):
            repo = entry.spec.get("repo") if entry.role == "dep" else None
            if not isinstance(repo, dict):
                continue
            url = str(repo.get("url", "?"))
            if not repo.get("rev_lock"):
                yield Hit(
                    f"import of {entry.spec.get('path')!r} from {url} has no rev_lock: "
                    "re-import with `dvc import --rev <commit>`",
                    pointer=(*entry.pointer, "repo"),
                    key=f"rev_lock:{url}:{entry.spec.get('path')}",
                )
            elif not repo.get("rev"):
                yield Hit(
                    f"import of {entry.spec.get('path')!r} from {url} names no rev: "
                    "`dvc update` would follow the default branch",
                    pointer=(*entry.pointer, "repo"),
                    key=f"rev:{url}:{entry.spec.get('path')}",
                    severity="low",
                    severity_reason="rev_lock pins the data now; only a later `dvc update` moves it",
                )


RULES = [
    LakefsBranchReference,
    HuggingFaceWithoutRevision,
    DeltaReadWithoutVersion,
    VersionedObjectWithoutVersionId,
    DvcImportNotPinned,
]
