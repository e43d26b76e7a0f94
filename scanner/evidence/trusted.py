"""The evidence records a scan's report trusts: from the scan root's `.mlcomply-evidence.yaml`, or
in a diff scan from the merge base (scanner.filters.trusted), so that a pull request cannot
attest its way into the base's report: records only the change adds are not used until merged.

Every evidence path must exist in the tree the records are read from: on disk through the
guarded look-up (never through a symbolic link, never out of the root), at the merge base in
git's object store. A malformed file, an unknown subcategory id or a missing evidence path is a
configuration error naming the file and the line, like a malformed ignore file.
"""

from __future__ import annotations

import datetime
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.documents import LoadError, ScanError
from scanner.errors import FatalError
from scanner.evidence.names import DEFAULT_NAME
from scanner.evidence.records import Record, document, records
from scanner.filters.trusted import BaseTree
from scanner.walk import RefusedPath, lstat_in_root, open_in_root


@dataclass(frozen=True)
class EvidenceSet:
    source: str  # the file, relative to the scan root
    read_from: str  # "working tree", or "merge base <sha>"
    records: tuple[Record, ...]
    today: datetime.date

    def to_dict(self) -> dict[str, Any]:
        """As the results document records it: the report needs nothing else (results.schema.json)."""
        return {
            "source": self.source,
            "read_from": self.read_from,
            "as_of": self.today.isoformat(),
            "records": [r.to_dict(self.today) for r in self.records],
        }


def _parsed(text: str, shown: str) -> tuple[Record, ...]:
    try:
        return records(document(DEFAULT_NAME, text))
    except LoadError as exc:
        where = f": line {exc.line}" if exc.line else ""
        raise FatalError(f"read evidence file {shown}{where}: {exc.message}") from None


def _missing(shown: str, record: Record, why: str) -> FatalError:
    return FatalError(f"read evidence file {shown}: line {record.evidence_line}: evidence path {why}")


def _check_on_disk(root: Path, found: tuple[Record, ...], shown: str) -> None:
    for record in found:
        if record.is_url:
            continue
        try:
            mode = lstat_in_root(root, str(PurePosixPath(record.evidence))).st_mode
        except RefusedPath as exc:
            raise _missing(shown, record, f"refused: {exc.strerror}") from None
        except (FileNotFoundError, NotADirectoryError):
            raise _missing(shown, record, "does not exist in the repository") from None
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise _missing(shown, record, "is neither a file nor a folder")


def _at_base(root: Path, base: BaseTree, notes: list[str], today: datetime.date) -> EvidenceSet | None:
    rel = base.rel(root / DEFAULT_NAME)
    if rel is None:
        return None
    text = base.read(rel)
    shown = f"{DEFAULT_NAME} (at the merge base {base.sha[:12]})"
    if text is None:
        if (root / DEFAULT_NAME).exists():
            notes.append(
                f"evidence file {DEFAULT_NAME}: not in the merge base {base.sha[:12]}; records only this "
                "change has are not used until it is merged"
            )
        return None
    found = _parsed(text, shown)
    prefix = PurePosixPath(rel).parent
    for record in found:
        if not record.is_url and not base.exists(str(prefix / PurePosixPath(record.evidence))):
            raise _missing(shown, record, "does not exist in the repository at the merge base")
    return EvidenceSet(DEFAULT_NAME, f"merge base {base.sha}", found, today)


def read(
    root: Path, base: BaseTree | None, errors: list[ScanError], notes: list[str], today: datetime.date
) -> EvidenceSet | None:
    """The trusted evidence records, or None when there is no evidence file. `base`: the merge
    base of a diff scan whose suppressions are not trusted (then the records are read there). A
    file at the root that is a symbolic link is never followed: a `refused` scan error in
    `errors`, and no record is taken from it."""
    if base is not None:
        return _at_base(root, base, notes, today)
    try:
        with open_in_root(root, DEFAULT_NAME) as fh:
            raw = fh.read()
    except FileNotFoundError:
        return None
    except RefusedPath as exc:
        errors.append(
            ScanError(DEFAULT_NAME, f"read evidence file: {exc.strerror}; no record taken from it", kind="refused")
        )
        return None
    except OSError as exc:
        raise FatalError(f"read evidence file {DEFAULT_NAME}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FatalError(f"read evidence file {DEFAULT_NAME}: line {line}: invalid UTF-8") from None
    found = _parsed(text, DEFAULT_NAME)
    _check_on_disk(root, found, DEFAULT_NAME)
    return EvidenceSet(DEFAULT_NAME, "working tree", found, today)
