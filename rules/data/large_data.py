"""Large datasets belong in DVC or Git LFS, not in git's object store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.dvc import model as dvc_model
from scanner.filters.gitattributes import lfs_matcher
from scanner.findings import Hit
from scanner.pyrules import PythonRule

DATA_SUFFIXES = frozenset(
    {
        ".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq", ".arrow", ".feather", ".orc",
        ".avro", ".tfrecord", ".tfrecords", ".npy", ".npz", ".h5", ".hdf5", ".hdf", ".nc",
    }
)  # fmt: skip
# pre-commit's check-added-large-files uses the same default.
DEFAULT_MAX_KB = 500


class LargeDataInGit(PythonRule):
    id = "MLC-DATA-001"
    title = "Large dataset committed to git, not tracked by DVC or Git LFS"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = ("MAP 4.1", "MEASURE 2.5")
    atlas_none = "repository hygiene (size, history); the file is still versioned by git, so no tampering goes unseen"
    description = (
        "A dataset file above the size limit (option `max_kb`, default 500) is committed to git "
        "and is neither a DVC output nor matched by a Git LFS pattern in `.gitattributes`. Such "
        "data is versioned without a content pin or lineage, bloats every clone forever, and "
        "cannot be removed without rewriting history."
    )
    remediation = (
        "Track it with DVC (`git rm --cached <file> && dvc add <file>`) or Git LFS "
        "(`git lfs track '<pattern>'`), and commit the `.dvc` file or `.gitattributes`."
    )
    input_kinds = ("dataset", "tabular", "model-artifact")
    references = ("https://dvc.org/doc/start/data-management/data-versioning",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if PurePosixPath(doc.path).suffix.lower() not in DATA_SUFFIXES:
            return
        size = doc.data.get("size", 0) if isinstance(doc.data, dict) else 0
        limit = float(ctx.option(self.id, "max_kb", DEFAULT_MAX_KB)) * 1024
        # Untracked files are not committed; outside a checkout the scanned tree is the repo.
        if size <= limit or ctx.is_tracked(doc.path) is False:
            return
        if dvc_model.covered(doc.path, ctx.memo("dvc.outputs", lambda: dvc_model.outputs(ctx.documents_of("dvc")))):
            return
        if lfs_matcher(ctx.listing).is_lfs(doc.path):
            return
        yield Hit(
            f"{doc.path} ({size} bytes) is committed to git without DVC or Git LFS",
            key=doc.path,
            properties={"size": size},
        )


RULES = [LargeDataInGit]
