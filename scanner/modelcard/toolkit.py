"""Model Card Toolkit JSON (schema 0.0.x) mapped onto the same shape as a Markdown card."""

from __future__ import annotations

from typing import Any

from scanner.documents import Span

# MCT field → the Hugging Face template heading that carries the same information.
SECTION_FIELDS = (
    (("model_details", "overview"), "Model Description"),
    (("considerations", "use_cases"), "Direct Use"),
    (("considerations", "users"), "Intended Users"),
    (("considerations", "limitations"), "Limitations"),
    (("considerations", "ethical_considerations"), "Ethical Considerations"),
    (("considerations", "tradeoffs"), "Tradeoffs"),
    (("model_parameters", "data"), "Training Data"),
    (("quantitative_analysis", "performance_metrics"), "Evaluation"),
)


def is_toolkit_card(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("model_details"), dict)


def _get(data: Any, keys: tuple[str, ...]) -> Any:
    for k in keys:
        data = data.get(k) if isinstance(data, dict) else None
    return data


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return []


def _datasets(data: Any) -> list[Any]:
    raw = _get(data, ("model_parameters", "data"))
    if isinstance(raw, dict):  # schema 0.0.1: {"train": {...}, "eval": {...}}
        raw = [raw.get("train")] if raw.get("train") else []
    out = []
    for d in raw if isinstance(raw, list) else []:
        if isinstance(d, dict) and d.get("name"):
            out.append({k: d[k] for k in ("name", "link", "revision", "digest") if isinstance(d.get(k), str)})
    return out


def card(
    path: str, data: dict[str, Any], spans: dict[str, Span]
) -> tuple[dict[str, Any], dict[str, Span], dict[str, Span]]:
    metadata: dict[str, Any] = {}
    meta_spans: dict[str, Span] = {}
    licenses = _get(data, ("model_details", "licenses")) or []
    ids = [lic.get("identifier") or lic.get("custom_text") for lic in licenses if isinstance(lic, dict)]
    if any(ids):
        metadata["license"] = next(i for i in ids if i)
        if "model_details/licenses" in spans:
            meta_spans["metadata/license"] = spans["model_details/licenses"]
    datasets = _datasets(data)
    if datasets:
        metadata["datasets"] = datasets
        if "model_parameters/data" in spans:
            meta_spans["metadata/datasets"] = spans["model_parameters/data"]
    sections, addresses = [], {}
    for keys, title in SECTION_FIELDS:
        value = _get(data, keys)
        if value is None:
            continue
        span = spans.get("/".join(keys)) or Span(path, 1, 1)
        sections.append(
            {
                "title": title,
                "path": title,
                "level": 2,
                "line": span.line,
                "end_line": span.end_line,
                "text": "\n".join(_strings(value)),
            }
        )
        addresses[title] = span
    return {"format": "model-card-toolkit", "metadata": metadata, "sections": sections}, meta_spans, addresses
