"""DVC pipelines and tracked data: everything pinned by hash, and the hashes still true."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.dvc import hashing as dvc_hash
from scanner.dvc import model as dvc_model
from scanner.findings import Hit
from scanner.pyrules import PythonRule
from scanner.walk import RefusedPath

_REFS = ("https://dvc.org/doc/user-guide/project-structure/dvcyaml-files",)


class PipelineNotLocked(PythonRule):
    id = "MLC-DVC-001"
    title = "DVC pipeline stage not pinned by dvc.lock"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.5", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0020", "AML.T0059")
    description = (
        "A `dvc.yaml` stage has dependencies or outputs but no entry in a `dvc.lock` beside it, so "
        "the data it consumed and produced is not pinned by hash: nobody can tell which data trained "
        "the model, or reproduce it."
    )
    remediation = "Run `dvc repro` (or `dvc commit`) and commit the resulting `dvc.lock` with `dvc.yaml`."
    input_kinds = ("dvc",)
    references = _REFS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if dvc_model.file_type(doc) != "pipeline":
            return
        lock_path = posixpath.join(posixpath.dirname(doc.path), "dvc.lock")
        locks = [d for d in ctx.documents_of("dvc") if d.path == lock_path]
        locked = {name for d in locks for name in dvc_model.stages(d)}
        for name, stage in dvc_model.stages(doc).items():
            if not (stage.get("deps") or stage.get("outs")) or name in locked:
                continue
            why = "has no dvc.lock" if not locks else "has no entry in dvc.lock"
            yield Hit(f"stage {name!r} {why}: its data is not pinned by hash", pointer=("stages", name))


class LockEntryWithoutHash(PythonRule):
    id = "MLC-DVC-002"
    title = "dvc.lock entry without a hash"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.5", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0020", "AML.T0059")
    description = (
        "A dependency or output in `dvc.lock` records no content hash (`md5`, `etag` or "
        "`checksum`), so the lock file pins nothing for it."
    )
    remediation = "Regenerate the lock with `dvc repro` or `dvc commit` instead of editing it by hand."
    input_kinds = ("dvc",)
    references = ("https://dvc.org/doc/user-guide/project-structure/dvcyaml-files#dvclock-file",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if dvc_model.file_type(doc) != "lock":
            return
        for e in dvc_model.entries(doc):
            if e.hash is None:
                yield Hit(
                    f"{e.role} {e.spec.get('path', e.path)!r} of stage {e.stage!r} has no hash",
                    pointer=e.pointer,
                )


class DvcFileWithoutHash(PythonRule):
    id = "MLC-DVC-003"
    title = ".dvc file output without a hash"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.5", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0020", "AML.T0059")
    description = (
        "An output in a `.dvc` file has no content hash, so the tracked data is not pinned: any "
        "file at that path would be accepted."
    )
    remediation = "Run `dvc add <path>` (or `dvc commit <file>.dvc`) and commit the updated `.dvc` file."
    input_kinds = ("dvc",)
    references = ("https://dvc.org/doc/user-guide/project-structure/dvc-files",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if dvc_model.file_type(doc) != "dvcfile":
            return
        for e in dvc_model.entries(doc):
            if e.role == "out" and e.hash is None:
                yield Hit(f"output {e.spec.get('path', e.path)!r} has no hash", pointer=e.pointer)


class HashMismatch(PythonRule):
    id = "MLC-DVC-004"
    title = "Workspace data does not match its DVC hash"
    severity = "high"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.5", "MEASURE 2.7", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0020", "AML.T0059")
    description = (
        "The md5 of a file or directory in the workspace, computed with DVC's own algorithm, "
        "differs from the hash recorded in `dvc.lock` or a `.dvc` file: the data was changed "
        "without updating its pin, or the pin was edited."
    )
    remediation = (
        "If the change is intended, run `dvc commit` (or `dvc repro`) and commit the new hashes; "
        "otherwise restore the data with `dvc checkout`."
    )
    input_kinds = ("dvc",)
    references = ("https://dvc.org/doc/command-reference/status",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if dvc_model.file_type(doc) == "pipeline":
            return
        ignore = dvc_hash.DvcIgnore(ctx.root)
        for e in dvc_model.entries(doc):
            recorded = e.spec.get("md5")
            if not e.path or not isinstance(recorded, str):
                continue
            rel = posixpath.normpath(e.path)
            try:
                # DVC 3 marks its plain-md5 entries `hash: md5`; older entries used md5-dos2unix.
                actual = dvc_hash.dvc_md5(ctx.root, rel, dos2unix=e.spec.get("hash") != "md5", ignore=ignore)
            except RefusedPath:
                continue  # a link or a path out of the repository: never followed (the walk reports links)
            except OSError:
                continue  # not in the workspace (not pulled): nothing to compare
            if actual != recorded:
                yield Hit(
                    f"{e.path}: recorded md5 {recorded}, workspace md5 {actual}",
                    pointer=e.pointer,
                    properties={"recorded": recorded, "actual": actual},
                )


class OutputCommittedToGit(PythonRule):
    id = "MLC-DVC-005"
    title = "DVC output also committed to git"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.5", "MAP 4.1")
    atlas_none = "two trackers of one path; a consistency problem, not an ATLAS technique"
    description = (
        "A path DVC manages as a cached output is also tracked by git. Two systems then claim the "
        "same data, and git's copy can silently diverge from the hash DVC pins."
    )
    remediation = (
        "Remove it from git (`git rm -r --cached <path>`) and let DVC's `.gitignore` entry keep it "
        "out; or mark the output `cache: false` if git is meant to hold it."
    )
    input_kinds = ("dvc",)
    references = ("https://dvc.org/doc/user-guide/how-to/stop-tracking-data",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        tracked = ctx.listing.git_tracked
        if tracked is None or dvc_model.file_type(doc) == "lock":
            return
        for e in dvc_model.entries(doc):
            if e.role != "out" or not e.path or e.spec.get("cache") is False:
                continue
            prefix = e.path + "/"
            if e.path in tracked or any(t.startswith(prefix) for t in tracked):
                yield Hit(f"{e.path} is a DVC output and is also committed to git", pointer=e.pointer)


RULES = [PipelineNotLocked, LockEntryWithoutHash, DvcFileWithoutHash, HashMismatch, OutputCommittedToGit]
