"""Images a chart's `values.yaml` sets, for when the chart cannot be rendered.

Charts spell an image as one string (`image: busybox:1.36`) or as parts (`image: {registry,
repository, tag, digest}`). An empty or missing tag means the chart's own default (usually its
appVersion, sometimes a global tag), which only rendering knows: such an image is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.documents import Document, Pointer
from scanner.helm import chart as charts

VALUES_FILES = ("values.yaml", "values.yml")


def chart_of_values(root: Path, doc: Document) -> str | None:
    """The chart folder when `doc` is a chart's default values file, else None."""
    path = PurePosixPath(doc.path)
    if path.name not in VALUES_FILES:
        return None
    folder = "" if path.parent.as_posix() == "." else path.parent.as_posix()
    return folder if charts.is_chart(root, folder) else None


def was_rendered(chart: str, documents: list[Document] | tuple[Document, ...]) -> bool:
    """helm rendered the chart in this scan: some YAML document came from its templates."""
    prefix = charts.joined(chart, charts.TEMPLATES) + "/"
    return any(d.kind == "yaml" and d.path.startswith(prefix) for d in documents)


def images(data: Any) -> Iterator[tuple[str, Pointer]]:
    """Each image reference the values spell in full, with the pointer of its `image` key."""
    stack: list[tuple[Any, Pointer]] = [(data, ())]
    found: list[tuple[str, Pointer]] = []
    while stack:
        node, at = stack.pop()
        if isinstance(node, list):
            stack.extend((v, (*at, i)) for i, v in enumerate(node))
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key == "image" and isinstance(value, str):
                found.append((value, (*at, key)))
            elif key == "image" and isinstance(value, dict) and (image := _spelled(value)) is not None:
                found.append((image, (*at, key)))
            else:
                stack.append((value, (*at, key)))
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])


def _spelled(parts: dict[str, Any]) -> str | None:
    repository, tag, digest = parts.get("repository"), parts.get("tag"), parts.get("digest")
    if not isinstance(repository, str) or not repository:
        return None
    registry = parts.get("registry")
    name = f"{registry}/{repository}" if isinstance(registry, str) and registry else repository
    if isinstance(digest, str) and digest:
        return f"{name}@{digest}"
    if isinstance(tag, bool) or not isinstance(tag, (str, int, float)) or tag == "":
        return None  # the chart's default tag: only rendering knows it
    return f"{name}:{tag}"
