"""A Terraform unit's results (documents, scan errors, Rego hits) as cache data, and its key.

The key is the SHA-256 of everything the unit's results depend on: the scanner's code, the rule
set's content and the rules kept, the rule options and budgets, and the bytes of every file the
unit reads: its `.tf` and `.tf.json` files, the variable files Terraform loads by itself in its
folders, and the `--var-file` files. A unit that reads modules `terraform init` downloaded is
never cached (those files are outside the listing). A result is stored only when decoding its
encoding gives it back exactly, and only when nothing in it depends on time or on a crash (no
`limit` or `internal` error). Its documents hold the values of the unit's files in clear, so
it is written only once the secrets rules found nothing in what the unit reads (spread.store).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.documents import Document, ScanError, Span
from scanner.findings import Hit
from scanner.loaders.budgets import Budgets
from scanner.terraform.units import Unit
from scanner.terraform.unitwork import RegoOutcome
from scanner.walk import TreeReader, open_named

SPACE = "terraform"
VAR_FILE_SUFFIXES = (".tfvars", ".tfvars.json")  # a unit's key holds every such file in its folders
_HIT_FIELDS = tuple(f.name for f in dataclasses.fields(Hit))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def code_hash() -> str:
    """The scanner's own code: a cache written by another build is not this build's."""
    here = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for path in sorted(here.rglob("*.py")):
        h.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def rules_hash(rego_dirs: Sequence[Path], py_dirs: Sequence[Path], kept: Sequence[str]) -> str:
    """Every policy and rule file's bytes, and the rules the scan keeps."""
    from scanner.engines.python import rule_files
    from scanner.engines.rego import rego_files

    h = hashlib.sha256(json.dumps(sorted(kept)).encode())
    for path in [*rego_files(rego_dirs), *rule_files(py_dirs)]:
        h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def scan_key(
    rules: str, rule_options: Mapping[str, Any], budgets: Budgets, root: Path, var_files: Sequence[Path]
) -> str:
    """The part of every unit's key that is the same for the whole scan."""
    extra = []
    for path in var_files:
        try:
            with open_named(root, path) as fh:
                extra.append([str(path), _sha(fh.read())])
        except OSError:
            extra.append([str(path), None])
    what = {
        "code": code_hash(),
        "rules": rules,
        "options": rule_options,
        "budgets": dataclasses.asdict(budgets),
        "var_files": extra,
    }
    return _sha(json.dumps(what, sort_keys=True, default=str).encode())


class Digests:
    """Files' SHA-256 by repo-relative path, each read once per scan (a shared module's files
    are in every unit that calls it), through one TreeReader: open_in_root's guarantees, one
    open per file. An unreadable file's OSError is raised again for every unit holding it."""

    def __init__(self, root: Path) -> None:
        self._reader = TreeReader(root)
        self._known: dict[str, str | OSError] = {}

    def of(self, rel: str) -> str:
        known = self._known.get(rel)
        if known is None:
            try:
                known = _sha(self._reader.read(rel))
            except OSError as exc:
                known = exc
            self._known[rel] = known
        if isinstance(known, OSError):
            raise known
        return known

    def close(self) -> None:
        self._reader.close()


def unit_key(scan: str, root: Path, unit: Unit, digests: Digests) -> str | None:
    """The unit's key, or None when it cannot be cached (a download, an unreadable file)."""
    if unit.downloads:
        return None
    files = []
    try:
        for entry in unit.entries:
            files.append([entry.rel, digests.of(entry.rel)])
        for folder in unit.folders:
            for rel in _auto_var_files(root, folder):
                files.append([rel, digests.of(rel)])
    except OSError:
        return None
    return _sha(json.dumps([scan, files]).encode())


def _auto_var_files(root: Path, folder: str) -> list[str]:
    """The files Terraform reads by name in a root module's folder (load._auto_var_files)."""
    try:
        names = sorted(e.name for e in os.scandir(root / folder) if e.is_file(follow_symlinks=False))
    except OSError:
        return []
    names = [n for n in names if n.endswith(VAR_FILE_SUFFIXES)]
    return [posixpath.join(folder, n) if folder != "." else n for n in names]


def reads_any(unit: Unit, paths: Collection[str]) -> bool:
    """Whether the unit reads one of `paths`: one of its files, or a variable file in one of its
    folders (those its key holds: _auto_var_files)."""
    own = {e.rel for e in unit.entries}
    folders = set(unit.folders)
    return any(
        path in own or (path.endswith(VAR_FILE_SUFFIXES) and (posixpath.dirname(path) or ".") in folders)
        for path in paths
    )


def encode(docs: Sequence[Document], errors: Sequence[ScanError], rego: Sequence[RegoOutcome] | None) -> Any:
    """The unit's results as JSON data, or None when they do not survive the trip exactly."""
    if rego is None or any(e.kind in ("limit", "internal") for e in errors):
        return None
    try:
        value = {
            "docs": [_doc(d) for d in docs],
            "errors": [_error(e) for e in errors],
            "rego": [[[[rid, _hit(h)] for rid, h in hits], [_error(e) for e in errs]] for hits, errs in rego],
        }
        back = decode(json.loads(json.dumps(value)))
    except (TypeError, ValueError, RecursionError):
        return None
    if back is None or not _same(back, (list(docs), list(errors), list(rego))):
        return None
    return value


def with_clean_files(value: dict[str, Any], rels: Sequence[str], scanned: Mapping[str, Any] | None) -> dict[str, Any]:
    """The entry with its .tf files in which the secrets rule found nothing (`scanned`: rel ->
    the file's text and detections, None when unreadable; secrets.terraform.DETECTED). The key
    holds every byte of them, the scanner's code and the rule options, so a warm scan takes them
    as scanned: a secret is never stored, only the names of files that hold none."""
    if scanned is None:
        return value
    clean = [rel for rel in rels if rel.endswith(".tf") and rel in scanned and _nothing_found(scanned[rel])]
    return {**value, "clean": sorted(clean)}


def _nothing_found(outcome: Any) -> bool:
    return outcome is None or not outcome[1]


def clean_files(value: Any, rels: Sequence[str]) -> list[str]:
    """The files an entry says hold no secret, among the unit's own `rels` (anything else in a
    damaged entry is ignored)."""
    clean = value.get("clean") if isinstance(value, dict) else None
    if not isinstance(clean, list):
        return []
    own = set(rels)
    return [rel for rel in clean if isinstance(rel, str) and rel in own and rel.endswith(".tf")]


def _same(back: tuple[list[Document], list[ScanError], list[RegoOutcome]], orig: tuple[Any, Any, Any]) -> bool:
    docs, errors, rego = back
    return (
        all(_plain(d.data) for d in orig[0])
        and [_doc(d) for d in docs] == [_doc(d) for d in orig[0]]
        and errors == orig[1]
        and rego == orig[2]
    )


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> bool:
    """Whether `value` holds JSON's own types only (dicts with str keys, lists, str, int, float,
    bool, None), exactly: then what comes back from JSON and compares equal is the same value.
    A tuple would come back a list, and a str or int subclass (an enum member) its base type,
    which `==` cannot tell apart. One pass over the original, instead of walking both."""
    stack = [value]
    while stack:
        v = stack.pop()
        kind = type(v)
        if kind is dict:
            if any(type(k) is not str for k in v):
                return False
            stack.extend(v.values())
        elif kind is list:
            stack.extend(v)
        elif kind not in _JSON_SCALARS:
            return False
    return True


def decode(value: Any) -> tuple[list[Document], list[ScanError], list[RegoOutcome]] | None:
    """The unit's results from cache data; None when the data is not of that shape."""
    try:
        docs = [_to_doc(d) for d in value["docs"]]
        errors = [_to_error(e) for e in value["errors"]]
        rego = [_to_outcome(hits, errs) for hits, errs in value["rego"]]
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    if len(rego) != len(docs):
        return None
    return docs, errors, rego


def _to_outcome(hits: list[Any], errs: list[Any]) -> RegoOutcome:
    return [(_str(rid), _to_hit(h)) for rid, h in hits], [_to_error(e) for e in errs]


def _doc(d: Document) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "path": d.path,
        "data": d.data,
        "text": d.text,
        "spans": {k: [s.path, s.line, s.end_line] for k, s in d.spans.items()},
        "addresses": {k: [s.path, s.line, s.end_line] for k, s in d.addresses.items()},
        "index": d.index,
    }


def _to_doc(v: dict[str, Any]) -> Document:
    text = v["text"]
    if text is not None and not isinstance(text, str):
        raise TypeError("text")
    return Document(
        kind=_str(v["kind"]),
        path=_str(v["path"]),
        data=v["data"],
        text=text,
        spans={_str(k): _to_span(s) for k, s in v["spans"].items()},
        addresses={_str(k): _to_span(s) for k, s in v["addresses"].items()},
        index=_int(v["index"]),
    )


def _to_span(v: list[Any]) -> Span:
    path, line, end = v
    return Span(_str(path), _int(line), _int(end))


def _error(e: ScanError) -> list[Any]:
    return [e.path, e.message, e.line, e.column, e.kind]


def _to_error(v: list[Any]) -> ScanError:
    path, message, line, column, kind = v
    return ScanError(_str(path), _str(message), _opt_int(line), _opt_int(column), kind=_str(kind))


def _hit(h: Hit) -> dict[str, Any]:
    out = {name: getattr(h, name) for name in _HIT_FIELDS}
    if out["pointer"] is not None:
        out["pointer"] = list(out["pointer"])
    out["properties"] = dict(out["properties"])
    return out


def _to_hit(v: dict[str, Any]) -> Hit:
    if set(v) != set(_HIT_FIELDS):
        raise ValueError("hit fields")
    fields = dict(v)
    _str(fields["message"])
    for name in ("address", "path", "key", "secret", "snippet", "severity", "severity_reason", "caller"):
        if fields[name] is not None:
            _str(fields[name])
    for name in ("line", "end_line"):
        _opt_int(fields[name])
    if fields["pointer"] is not None:
        fields["pointer"] = tuple(_int(p) if isinstance(p, int) else _str(p) for p in fields["pointer"])
    if not isinstance(fields["properties"], dict) or fields["suppression"] is not None:
        raise ValueError("hit properties or suppression")
    return Hit(**fields)


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("not a string")
    return v


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("not an integer")
    return v


def _opt_int(v: Any) -> int | None:
    return None if v is None else _int(v)
