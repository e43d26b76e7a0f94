"""Model cards: the model's name, license, task, datasets, `model-index` metrics and the text of
its limitations and ethical-considerations sections."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from scanner.documents import Document
from scanner.inventory.model import Edge, Inventory, Model, safe_text
from scanner.inventory.paths import folder
from scanner.modelcard.content import Card, as_list, dataset_id, is_empty

_ETHICAL = re.compile(r"\bethic|\bbias|\bfairness|\brisks?\b", re.IGNORECASE)
MAX_TEXT = 2000  # characters of one section's text carried into the BOM


def model_id(path: str) -> str:
    """Cards, provenance records and MLmodel files of one folder describe one model."""
    return f"model:{folder(path)}"


def model_for(inv: Inventory, path: str, name: str | None, source: str) -> Model:
    mid = model_id(path)
    default = posixpath.basename(folder(path)) if folder(path) != "." else "model"
    m = inv.models.setdefault(mid, Model(mid, name or default))
    if name and m.name == default:
        m.name = safe_text(name)
    if source not in m.sources:
        m.sources.append(source)
        m.sources.sort()
    return m


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, (str, int, float)) and str(value).strip() else None


def _metrics(card: Card) -> list[dict[str, Any]]:
    out = []
    for entry in as_list(card.metadata.get("model-index")):
        for result in as_list(entry.get("results") if isinstance(entry, dict) else None):
            if not isinstance(result, dict):
                continue
            ds = result.get("dataset") if isinstance(result.get("dataset"), dict) else {}
            for metric in as_list(result.get("metrics")):
                if isinstance(metric, dict) and _text(metric.get("type")) and _text(metric.get("value")):
                    out.append(
                        {
                            "type": str(metric["type"]),
                            "value": str(metric["value"]),
                            "dataset": _text(ds.get("name")) or _text(ds.get("type")),
                        }
                    )
    return out


def _model_index_name(card: Card) -> str | None:
    for entry in as_list(card.metadata.get("model-index")):
        if isinstance(entry, dict) and _text(entry.get("name")):
            return str(entry["name"])
    return None


def add(inv: Inventory, doc: Document) -> None:
    card = Card(doc.data if isinstance(doc.data, dict) else {})
    meta = card.metadata
    title = next((s["title"] for s in card.sections if s.get("level") == 1 and s["title"].strip()), None)
    name = _text(meta.get("model_name")) or _model_index_name(card) or title
    m = model_for(inv, doc.path, name, doc.path)
    m.license = m.license or _text(meta.get("license"))
    m.task = m.task or _text(meta.get("pipeline_tag"))
    m.metrics.extend(x for x in _metrics(card) if x not in m.metrics)
    for entry in as_list(meta.get("datasets")):
        ref = dataset_id(entry).strip()
        if ref:
            ds = inv.dataset(f"dataset:{ref}", ref, None, doc.path)
            inv.edges.add(Edge(m.id, ds.id, doc.path))
    for section in card.about("limitations"):
        text = section["text"]
        if is_empty(text):
            continue
        bucket = m.ethical if _ETHICAL.search(section["title"]) else m.limitations
        shown = safe_text(text[:MAX_TEXT])  # a card's text goes into the BOM: secrets hidden
        if shown not in bucket:
            bucket.append(shown)
