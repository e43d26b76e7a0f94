"""`mlcomply verify`: recompute what a results file (and an attestation) recorded, and say what
differs. Each difference is one line naming the file; the caller turns "any difference" into
exit code 1.

Checks: the results file against its own recorded digest; each recorded dataset against the
tree at PATH (files changed, added, removed; its Merkle root); with an attestation, each subject
(a file's SHA-256, a dataset's Merkle root), files in the tree that are not subjects, and the
results digest the predicate recorded against the results file.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.errors import FatalError
from scanner.integrity.attestation import MERKLE_KEY, read_statement
from scanner.integrity.datasets import DatasetDigest, DatasetTooLarge, hash_dataset
from scanner.integrity.merkle import file_sha256
from scanner.integrity.results_digest import canonical_digest, recorded
from scanner.walk import RefusedPath, list_files, open_in_root


@dataclass
class Outcome:
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: int = 0  # files and digests compared


def read_results(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise FatalError(f"verify: read results {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise FatalError(f"verify: read results {path}: not JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("tool", {}).get("name") != "mlcomply":
        raise FatalError(f"verify: read results {path}: not an mlcomply results document (--json-output)")
    return doc


def check_results_file(doc: dict[str, Any], name: str, out: Outcome) -> None:
    want = recorded(doc)
    out.checked += 1
    if want is None:
        out.differences.append(f"{name}: no recorded results digest (written before mlcomply recorded one?)")
    elif canonical_digest(doc) != want:
        out.differences.append(f"{name}: edited after the scan: its content does not match its recorded digest")


def _dataset(root: Path, path: str, dvc: bool) -> DatasetDigest | str | None:
    """The dataset recomputed, None when absent, or why it could not be."""
    try:
        return hash_dataset(root, path, dvc)
    except RefusedPath as exc:
        return str(exc.strerror)
    except DatasetTooLarge as exc:
        return exc.detail
    except OSError as exc:
        return f"cannot read: {exc.strerror}"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def check_datasets(doc: dict[str, Any], root: Path, out: Outcome) -> None:
    records = doc.get("datasets") or []
    for raw in records if isinstance(records, list) else [None]:
        rec = _dict(raw)
        path, files = rec.get("path"), rec.get("files")
        if not isinstance(path, str) or not isinstance(files, list):
            out.differences.append("datasets: a record is malformed (no path or files list)")
            continue
        now = _dataset(root, path, "dvc" in rec.get("sources", []))
        out.checked += 1
        if now is None:
            out.differences.append(f"{path}: dataset removed (no longer in the tree)")
            continue
        if isinstance(now, str):
            out.differences.append(f"{path}: dataset not recomputed: {now}")
            continue
        before = {f["path"]: f.get("sha256") for f in map(_dict, files) if isinstance(f.get("path"), str)}
        after = {f.path: f.sha256 for f in now.files}
        directory = rec.get("kind") == "directory"
        for p in sorted(before.keys() | after.keys()):
            named = posixpath.join(path, p) if directory else path
            if p not in after:
                out.differences.append(f"{named}: removed from dataset {path}")
            elif p not in before:
                out.differences.append(f"{named}: added to dataset {path}")
            elif before[p] != after[p]:
                out.differences.append(f"{named}: changed (dataset {path})")
        if now.root != rec.get("merkle_root"):
            if before == after:  # the files match but the recorded root does not: the record was edited
                out.differences.append(f"{path}: recorded Merkle root does not match its recorded files")
            else:
                out.differences.append(f"{path}: Merkle root differs ({rec.get('merkle_root')} -> {now.root})")


def _file_difference(root: Path, rel: str, want: str) -> str | None:
    """How the file `rel` differs from the attested sha256 `want`, or None when it does not."""
    try:
        with open_in_root(root, rel) as fh:
            sha, _ = file_sha256(fh)
    except FileNotFoundError:
        return f"{rel}: removed"
    except OSError as exc:  # RefusedPath included: a link now stands where the file was
        return f"{rel}: not read: {exc.strerror}"
    return None if sha == want else f"{rel}: changed"


def check_attestation(
    statement: dict[str, Any], name: str, root: Path, results: dict[str, Any] | None, out: Outcome
) -> None:
    predicate = _dict(statement["predicate"])
    if results is not None:
        want = _dict(_dict(predicate.get("results")).get("digest")).get("sha256")
        out.checked += 1
        if want != canonical_digest(results):
            out.differences.append(
                f"{name}: the results file is not the one this scan attested (results digest differs)"
            )
    else:
        out.notes.append("no results file given: the attested results digest was not compared")
    subjects = set()
    for subject in statement["subject"]:
        rel, digest = subject.get("name", ""), subject.get("digest", {})
        subjects.add(rel)
        out.checked += 1
        if MERKLE_KEY in digest:
            now = _dataset(root, rel, True)
            if now is None:
                out.differences.append(f"{rel}: dataset removed (no longer in the tree)")
            elif isinstance(now, str):
                out.differences.append(f"{rel}: dataset not recomputed: {now}")
            elif now.root != digest[MERKLE_KEY]:
                out.differences.append(
                    f"{rel}: dataset changed (Merkle root differs; the results file names the files)"
                )
        elif "sha256" in digest:
            difference = _file_difference(root, rel, digest["sha256"])
            if difference is not None:
                out.differences.append(difference)
        else:
            out.notes.append(f"{rel}: subject without a sha256 or {MERKLE_KEY} digest; not checked")
    listed = _dict(predicate.get("subjects"))
    unhashed, outputs = listed.get("unhashed"), listed.get("outputs")
    known = subjects | {_dict(u).get("path") for u in (unhashed if isinstance(unhashed, list) else [])}
    known |= {o for o in (outputs if isinstance(outputs, list) else []) if isinstance(o, str)}
    for entry in list_files([root]).files:
        if entry.rel not in known:
            out.differences.append(f"{entry.rel}: added (not a subject of the attestation)")


def run(results_path: Path | None, attestation_path: Path | None, path: Path | None) -> Outcome:
    out = Outcome()
    results = read_results(results_path) if results_path else None
    statement = None
    if attestation_path is not None:
        statement, enveloped = read_statement(attestation_path)
        if enveloped:
            out.notes.append(
                "DSSE envelope: its signatures are not checked here (cosign verify-blob / your DSSE verifier)"
            )
    recorded_root = _dict(results).get("root") or _dict(_dict(statement).get("predicate")).get("root")
    root = path or (Path(recorded_root) if isinstance(recorded_root, str) else Path("."))
    if not root.is_dir():
        raise FatalError(f"verify: {root}: not a folder (PATH is the scanned tree's top)")
    root = root.resolve()
    if results is not None and results_path is not None:
        check_results_file(results, str(results_path), out)
        check_datasets(results, root, out)
    if statement is not None and attestation_path is not None:
        check_attestation(statement, str(attestation_path), root, results, out)
    return out
