"""The in-toto v1 Statement of a scan (`--attestation-output F`), unsigned: docs/integrity.md.

Subjects: every file the scan listed, by its SHA-256, and every dataset it could see, by its
Merkle root (digest key `mlcomplyMerkleV1`, construction `mlcomply-merkle/v1`). Predicate (type
PREDICATE_TYPE, versioned by its last path segment): the tool, the scan's settings, the rule
set's size and digest, the summary, and the digest of the results document. The statement is
written as plain JSON (the protobuf form would turn every count into a float) and validated with
the `in-toto-attestation` library before it is written; signing it is the caller's step (cosign
in the GitHub Action, README).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.integrity.datasets import DatasetDigest
from scanner.integrity.merkle import CONSTRUCTION, file_sha256
from scanner.integrity.results_digest import CANONICALIZATION, canonical_digest
from scanner.walk import FileEntry, RefusedPath, open_in_root

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://mlcomply.invalid/attestation/scan/v1"
MERKLE_KEY = "mlcomplyMerkleV1"
DSSE_PAYLOAD_TYPE = "application/vnd.in-toto+json"


def file_subjects(root: Path, files: Sequence[FileEntry]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """A subject per listed file, read through the guarded open; files that cannot be read are
    returned apart, with the reason (they are named in the predicate, never silently dropped)."""
    subjects: list[dict[str, Any]] = []
    unhashed: list[dict[str, str]] = []
    for entry in sorted(files, key=lambda e: e.rel):
        try:
            with open_in_root(root, entry.rel) as fh:
                sha, _ = file_sha256(fh)
        except RefusedPath as exc:
            unhashed.append({"path": entry.rel, "reason": str(exc.strerror)})
            continue
        except OSError as exc:
            unhashed.append({"path": entry.rel, "reason": f"cannot read: {exc.strerror}"})
            continue
        subjects.append({"name": entry.rel, "digest": {"sha256": sha}})
    return subjects, unhashed


def dataset_subject(d: DatasetDigest) -> dict[str, Any]:
    return {
        "name": d.path,
        "digest": {MERKLE_KEY: d.root},
        "annotations": {"mlcomply": "dataset", "construction": CONSTRUCTION, "fileCount": len(d.files)},
    }


def statement(
    root: Path,
    files: Sequence[FileEntry],
    datasets: Sequence[DatasetDigest],
    results_doc: dict[str, Any],
    settings: dict[str, Any],
    outputs: Sequence[str] = (),
) -> dict[str, Any]:
    """The statement of one scan. `results_doc`: the JSON results of the scan (as
    writers.json_out builds them), whose summary, rules and digest the predicate records.
    `outputs`: this scan's own output files inside the tree (repo-relative); they change with
    every scan, so they are not subjects, and `verify` does not call them added."""
    skip = set(outputs)
    subjects, unhashed = file_subjects(root, [f for f in files if f.rel not in skip])
    subjects.extend(dataset_subject(d) for d in datasets)
    predicate = {
        "scanner": {"name": "mlcomply", "version": __version__},
        "root": str(root),
        "settings": settings,
        "ruleset": {
            "rules": len(results_doc["rules"]),
            "digest": {"sha256": canonical_digest({"rules": results_doc["rules"]})},
        },
        "summary": results_doc["summary"],
        "results": {"digest": {"sha256": canonical_digest(results_doc)}, "canonicalization": CANONICALIZATION},
        "subjects": {
            "files": len(subjects) - len(datasets),
            "datasets": len(datasets),
            "merkleConstruction": CONSTRUCTION,
            "unhashed": unhashed,
            "outputs": sorted(skip),
        },
    }
    doc = {"_type": STATEMENT_TYPE, "subject": subjects, "predicateType": PREDICATE_TYPE, "predicate": predicate}
    validate(doc)
    return doc


def validate(doc: dict[str, Any]) -> None:
    """Parse `doc` as the in-toto v1 Statement proto and run the library's checks; ValueError
    (or the parser's ParseError, a ValueError too) says what is wrong."""
    from google.protobuf import json_format
    from in_toto_attestation.v1 import statement_pb2
    from in_toto_attestation.v1.statement import Statement

    stmt = Statement.copy_from_pb(json_format.ParseDict(doc, statement_pb2.Statement()))
    stmt.validate()


def read_statement(path: Path) -> tuple[dict[str, Any], bool]:
    """The statement in file `path`, plain or as the payload of a DSSE envelope, and whether it
    came in an envelope. The envelope's signatures are not checked here (cosign, or your DSSE
    verifier, does that with the key or identity you trust)."""
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise FatalError(f"verify: read attestation {path}: {getattr(exc, 'strerror', None) or exc}") from None
    enveloped = isinstance(doc, dict) and "payloadType" in doc and "payload" in doc
    if enveloped:
        if doc["payloadType"] != DSSE_PAYLOAD_TYPE:
            raise FatalError(f"verify: attestation {path}: DSSE payload type is not {DSSE_PAYLOAD_TYPE}")
        try:
            doc = json.loads(base64.b64decode(str(doc["payload"]), validate=True))
        except (binascii.Error, ValueError):
            raise FatalError(f"verify: attestation {path}: the DSSE payload is not base64 JSON") from None
    if not isinstance(doc, dict):
        raise FatalError(f"verify: attestation {path}: not an in-toto statement (a JSON object)")
    try:
        validate(doc)
    except ValueError as exc:
        raise FatalError(f"verify: attestation {path}: not a valid in-toto v1 statement: {exc}") from None
    if doc.get("predicateType") != PREDICATE_TYPE:
        raise FatalError(f"verify: attestation {path}: predicate type is not {PREDICATE_TYPE}")
    return doc, enveloped
