"""Storage URIs in any text: lakeFS refs that are not commits, S3/GCS objects without a version.

lakeFS addresses an object as `lakefs://<repo>/<ref>/<path>`; the ref is a branch, a tag or a
commit id (a 64-hex SHA-256, or a prefix of one). Only a commit id names one state of the data:
a branch moves with every commit and a tag can be deleted and re-created.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Repository names are 3-63 lowercase letters, digits and dashes (lakeFS's own rule).
_LAKEFS = re.compile(r"lakefs://(?P<repo>[a-z0-9][a-z0-9-]{2,62})/(?P<ref>[^/\s'\"`\\]+)/(?P<rest>[^\s'\"`]*)")
# A commit id or an abbreviation of one long enough to be unique in practice.
_COMMIT = re.compile(r"[0-9a-f]{12,64}")
_OBJECT = re.compile(r"\b(?P<scheme>s3a?|gs)://(?P<bucket>[a-z0-9][a-z0-9.\-_]{1,62})/(?P<key>[^\s'\"`)]*)")
MAX_LINE = 4096  # minified or generated lines are not configuration a person wrote


@dataclass(frozen=True)
class LakefsRef:
    line: int
    repo: str
    ref: str
    uri: str


@dataclass(frozen=True)
class ObjectRef:
    line: int
    scheme: str
    bucket: str
    key: str
    versioned_query: bool  # `?versionId=` (S3) or `#<generation>` (GCS) pins the object


def lakefs_refs(lines: list[str]) -> Iterator[LakefsRef]:
    """lakeFS URIs of data (a path after the ref) whose ref is not a commit id. A bare
    `lakefs://repo/branch` is a branch itself (`lakectl branch create`, `tag create`), not data;
    a `${var}` or `{placeholder}` ref is set elsewhere."""
    for number, text in enumerate(lines, start=1):
        if len(text) > MAX_LINE or "lakefs://" not in text:
            continue
        for m in _LAKEFS.finditer(text):
            ref = m["ref"]
            if _COMMIT.fullmatch(ref) or any(c in ref for c in "{}$<>%"):
                continue
            yield LakefsRef(number, m["repo"], ref, m.group(0))


def object_refs(lines: list[str]) -> Iterator[ObjectRef]:
    """S3 and GCS object URIs (a key, not just a bucket)."""
    for number, text in enumerate(lines, start=1):
        if len(text) > MAX_LINE or "://" not in text:
            continue
        for m in _OBJECT.finditer(text):
            key = m["key"]
            if not key or any(c in m["bucket"] for c in "{}$"):
                continue
            pinned = "versionId=" in key or (m["scheme"] == "gs" and re.search(r"#\d+$", key) is not None)
            yield ObjectRef(number, "gs" if m["scheme"] == "gs" else "s3", m["bucket"], key, pinned)
