"""Secrets in a Terraform root module: the module's .tf files scanned as text (a hit inside a
resource block is reported at the resource address), and literal values of credential-named
resource attributes after evaluation (a password that arrives from a variable default, tfvars
or a local is reported at the resource that uses it)."""

from __future__ import annotations

import bisect
import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from scanner.context import TERRAFORM_SECRETS, ScanContext
from scanner.documents import Document, LoadError
from scanner.findings import Hit
from scanner.loaders.text import read_text
from scanner.secrets import generic
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import Detection, detect
from scanner.secrets.placement import DEMOTED, demotion_reason
from scanner.secrets.redact import redact
from scanner.secrets.source import Source, build_hits
from scanner.secrets.tf_attributes import secret_valued
from scanner.terraform.load import UNKNOWN_KEY
from scanner.walk import FileEntry


@dataclass(frozen=True)
class _TfFiles:
    """The listing's .tf files by folder and by path, indexed once per scan: each root module
    looks up its own files instead of going over the whole listing."""

    by_folder: dict[str, list[FileEntry]]
    by_rel: dict[str, FileEntry]


def _tf_files(ctx: ScanContext) -> _TfFiles:
    def build() -> _TfFiles:
        by_folder: dict[str, list[FileEntry]] = {}
        by_rel: dict[str, FileEntry] = {}
        for e in ctx.listing.files:
            if e.rel.endswith(".tf"):
                by_folder.setdefault(posixpath.dirname(e.rel) or ".", []).append(e)
                by_rel.setdefault(e.rel, e)
        return _TfFiles(by_folder, by_rel)

    return ctx.memo("secrets.terraform.tf_files", build)


Detected = dict[str, tuple[str, list[Detection]] | None]
DETECTED = TERRAFORM_SECRETS  # the ScanContext memo key


def _detected(ctx: ScanContext) -> Detected:
    """rel -> the file's text and what the detector found in it (None: unreadable), once per
    scan: a module's files are scanned once, not once per root module that calls it. The scan
    may have filled it already (detect_ahead)."""
    return ctx.memo(DETECTED, dict)


def _detect_file(entry: FileEntry) -> tuple[str, list[Detection]] | None:
    try:
        text = read_text(entry)
    except (LoadError, OSError):
        return None  # the Terraform loader already reported the file
    return text, detect(text, entry.rel)


def detect_ahead(entries: Sequence[FileEntry], detected: Detected) -> Callable[[], bool]:
    """A step function for the time the scan waits for tfparse (TfparseWorker.idle): each call
    scans one more .tf file into `detected`, exactly as terraform_hits would when it needs the
    file (the same read, the same detector), and returns False once none is left. On one large
    root module the scan's process would otherwise wait for tfparse, then scan the text."""
    pending = iter([e for e in entries if e.rel.endswith(".tf")])

    def step() -> bool:
        for entry in pending:
            if entry.rel not in detected:
                detected[entry.rel] = _detect_file(entry)
                return True
        return False

    return step


def _module_files(doc: Document, files: _TfFiles) -> list[FileEntry]:
    """The root's own .tf files and those of the modules its resources come from, by path."""
    named = {r.get("file") for r in doc.data.get("resources", []) if isinstance(r, dict)}
    chosen = {e.rel: e for e in files.by_folder.get(doc.path, ())}
    chosen.update((rel, files.by_rel[rel]) for rel in named if isinstance(rel, str) and rel in files.by_rel)
    return [chosen[rel] for rel in sorted(chosen)]


def _attributes(config: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(attribute path, attribute name, literal string value) for every known string."""
    if isinstance(config, dict):
        if UNKNOWN_KEY in config:
            return
        for key, value in config.items():
            yield from (
                [(f"{path}.{key}".lstrip("."), key, value)]
                if isinstance(value, str)
                else _attributes(value, f"{path}.{key}".lstrip("."))
            )
    elif isinstance(config, list):
        for i, item in enumerate(config):
            yield from _attributes(item, f"{path}[{i}]")


def _innermost_resource(resources: list[dict[str, Any]]) -> Callable[[str, int], str | None]:
    """address_of(path, line): the innermost resource block holding the line (the first listed
    among equal blocks, e.g. the instances of one `count`). Blocks nest or are apart, so each
    block's parent is found once with a stack and a lookup walks up from the last block starting
    at or before the line: a file with thousands of resources and secrets stays linear."""
    rows_of: dict[Any, list[tuple[int, int, int, str]]] = {}
    for i, r in enumerate(resources):
        rows_of.setdefault(r.get("file"), []).append((r["line"], -r["end_line"], -i, r["address"]))
    index: dict[Any, tuple[list[int], list[tuple[int, int, int, str]], list[int]]] = {}
    for path, rows in rows_of.items():
        rows.sort()
        parents: list[int] = []
        stack: list[int] = []
        for k, (line, _, _, _) in enumerate(rows):
            while stack and -rows[stack[-1]][1] < line:
                stack.pop()
            parents.append(stack[-1] if stack else -1)
            stack.append(k)
        index[path] = ([row[0] for row in rows], rows, parents)

    def address_of(path: str, line: int) -> str | None:
        if path not in index:
            return None
        starts, rows, parents = index[path]
        k = bisect.bisect_right(starts, line) - 1
        while k >= 0 and -rows[k][1] < line:
            k = parents[k]
        return rows[k][3] if k >= 0 else None

    return address_of


def terraform_hits(doc: Document, ctx: ScanContext) -> list[tuple[str, Hit]]:
    resources = [r for r in doc.data.get("resources", []) if isinstance(r, dict)]
    address_of = _innermost_resource(resources)

    out: list[tuple[str, Hit]] = []
    seen: set[str] = set()
    detected = _detected(ctx)
    for entry in _module_files(doc, _tf_files(ctx)):
        rel = entry.rel
        if rel not in detected:
            detected[rel] = _detect_file(entry)
        known = detected[rel]
        if known is None:
            continue
        text, detections = known
        seen.update(d.secret for d in detections)
        out.extend(build_hits(Source(text, rel, comment_tokens(rel)), detections, address_of))

    for resource in resources:
        for attr_path, name, value in _attributes(resource.get("config", {})):
            stored = secret_valued(str(resource.get("type")), attr_path)
            # a secret store's value is a secret however it is named: judged like a password
            strength = "password" if stored else generic.name_strength(name)
            if strength is None or value in seen:
                continue
            if not generic._value_ok(value, strength, True, False, "_" in name):
                continue
            seen.add(value)
            demoted = demotion_reason(str(resource.get("file") or doc.path), "generic")
            origin = (
                "a secret store's value written in the configuration, so also in plans and state"
                if stored
                else "its value comes from a variable default, a .tfvars file or a local"
            )
            hit = Hit(
                message=f"literal credential in `{attr_path}` of {resource['type']} {redact(value)} ({origin})",
                address=resource["address"],
                secret=value,
                properties={
                    "secret_type": "terraform-attribute",
                    "attribute": attr_path,
                    "redacted": redact(value),
                },
                severity=DEMOTED if demoted else None,
                severity_reason=demoted,
            )
            out.append(("generic", hit))
    return out
