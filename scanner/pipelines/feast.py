"""Feast feature repositories: `feature_store.yaml` (where the registry lives) and feature views
in Python (from the pipeline-python document: `FeatureView(...)` calls and the `Field(...)`
calls written inside them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Document, Pointer

_VIEWS = ("FeatureView", "BatchFeatureView", "StreamFeatureView", "OnDemandFeatureView")


def is_feature_store(path: str) -> bool:
    return PurePosixPath(path).name.lower() in ("feature_store.yaml", "feature_store.yml")


def registry(data: Any) -> tuple[str, Pointer] | None:
    """The registry location: `registry: s3://...` or `registry: {path: s3://...}`."""
    value = data.get("registry") if isinstance(data, dict) else None
    if isinstance(value, str):
        return value, ("registry",)
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        return value["path"], ("registry", "path")
    return None


def feature_views(doc: Document) -> Iterator[tuple[int, dict[str, Any], list[str]]]:
    """(call index, call, names of the Field(...) calls inside its source lines)."""
    calls = [c for c in (doc.data or {}).get("calls", []) if isinstance(c, dict)]
    for i, call in enumerate(calls):
        if str(call.get("func", "")).rsplit(".", 1)[-1] not in _VIEWS:
            continue
        span = doc.spans.get(f"calls/{i}")
        if span is None:
            continue
        fields = []
        for j, other in enumerate(calls):
            inner = doc.spans.get(f"calls/{j}")
            if j == i or inner is None or str(other.get("func", "")).rsplit(".", 1)[-1] != "Field":
                continue
            name = (other.get("kwargs") or {}).get("name")
            if isinstance(name, str) and span.line <= inner.line and inner.end_line <= span.end_line:
                fields.append(name)
        yield i, call, fields
