"""Declared hashes recomputed from the repository's bytes (provenance records, model cards).

dvc.lock hashes are checked by MLC-DVC-004 with DVC's own algorithm (text normalisation,
`.dir` listings), so they are not compared here a second time.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.consistency.declared import declared_hashes
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.provenance import digests
from scanner.pyrules import PythonRule


class HashMismatch(PythonRule):
    id = "MLC-INTEG-HASH-001"
    title = "Declared hash does not match the file in the repository"
    severity = "high"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.7", "MAP 4.1", "MEASURE 2.8")
    atlas = ("AML.T0010.002", "AML.T0010.003", "AML.T0059")
    description = (
        "A provenance record or model card (checksum table) declares a content hash for a "
        "file that is in the "
        "repository, and the file's bytes hash to something else: the record describes different "
        "data or a different model than the one shipped, or the file was altered."
    )
    remediation = (
        "Find out which is right. If the file changed legitimately, regenerate the record "
        "(re-emit the provenance record or the card's checksum table); otherwise restore the file."
    )
    input_kinds = ("provenance", "modelcard")

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for d in declared_hashes(doc, ctx):
            if digests.hashlib_name(d.digest.algorithm) is None:
                continue  # e.g. blake3: not in hashlib; nothing to compare with
            try:
                with d.file.open() as fh:  # guarded: a link swapped in is refused, not read
                    actual = digests.file_digest(fh, d.digest.algorithm)
            except OSError as exc:
                yield Hit(
                    f"cannot read {d.file.rel} to verify its hash: {exc.strerror}",
                    address=d.address,
                    pointer=d.pointer,
                    line=d.line,
                    key=f"unreadable:{d.file.rel}",
                )
                continue
            if actual != d.digest.hex:
                yield Hit(
                    f"{d.file.rel}: declared {d.digest.algorithm} {d.digest.hex}, the file hashes to {actual}",
                    address=d.address,
                    pointer=d.pointer,
                    line=d.line,
                    key=f"{d.file.rel}:{d.digest}",
                )


class WeakHash(PythonRule):
    id = "MLC-INTEG-HASH-002"
    title = "File verified only by a weak hash (md5, sha1)"
    severity = "info"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.7",)
    atlas = ("AML.T0010.002", "AML.T0010.003")
    description = (
        "The only hash a record declares for a file in the repository is md5 or sha1. It detects "
        "accidental change but not deliberate substitution (collisions are practical)."
    )
    remediation = 'Record a sha256 digest of the file as well (provenance `mlp:digest "sha256:<hex>"`).'
    input_kinds = ("provenance", "modelcard")

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        declared = list(declared_hashes(doc, ctx))
        strong = {d.file.rel for d in declared if d.digest.strong}
        for d in declared:
            if not d.digest.strong and d.file.rel not in strong:
                yield Hit(
                    f"{d.file.rel} is verified only by {d.digest.algorithm}",
                    address=d.address,
                    pointer=d.pointer,
                    line=d.line,
                    key=f"weak:{d.file.rel}:{d.digest}",
                )


RULES = [HashMismatch, WeakHash]
