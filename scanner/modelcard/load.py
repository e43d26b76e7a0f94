"""Model cards: Hugging Face cards (README.md with YAML front matter, MODEL_CARD.md,
model_card.md) and Model Card Toolkit JSON, as one shape:

    {"format": "markdown" | "model-card-toolkit",
     "metadata": {...front matter...},
     "sections": [{"title", "path", "level", "line", "end_line", "text"}]}

Spans: "metadata/<key>/..." point into the front matter; `addresses` maps each section's
heading path ("Uses > Out-of-Scope Use") to its lines.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath

from scanner.documents import Document, LoadError, Span
from scanner.loaders.json_file import loads
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import spans_of_text
from scanner.modelcard import markdown, toolkit
from scanner.walk import FileEntry

CARD_NAMES = ("model_card.md", "modelcard.md", "model-card.md")
# Front-matter keys only a model card carries (a Space has `sdk`, a dataset card `dataset_info`).
MODEL_KEYS = re.compile(
    r"^(model-index|base_model|base_model_relation|pipeline_tag|library_name|datasets|co2_eq_emissions|"
    r"model_name|new_version|eval_results|model_creator|model_type|quantized_by|widget|inference)\s*:",
    re.MULTILINE,
)
NOT_MODEL_KEYS = re.compile(r"^(sdk|dataset_info|task_categories|size_categories)\s*:", re.MULTILINE)
# A Hugging Face model repository: a `config.json` (or a PEFT adapter's) beside weights. A README
# next to a model file alone is not a card (a Java build's README beside `model.onnx`).
HUB_CONFIGS = ("config.json", "adapter_config.json")
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".onnx", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".tflite")
SNIFF_BYTES = 8192


def _head(entry: FileEntry) -> str:
    with entry.open() as fh:
        return fh.read(SNIFF_BYTES).decode("utf-8", "replace")


def _hub_model_directory(entry: FileEntry) -> bool:
    try:
        with os.scandir(entry.abs.parent) as it:
            names = [e.name for e in it]
    except OSError:
        return False
    return any(n in HUB_CONFIGS for n in names) and any(n.lower().endswith(WEIGHT_SUFFIXES) for n in names)


def detect(entry: FileEntry) -> str | None:
    """ "markdown" or "model-card-toolkit" when the file is a model card, else None."""
    name = PurePosixPath(entry.rel).name.lower()
    try:
        if name in CARD_NAMES:
            return "markdown"
        if name == "readme.md":
            head = _head(entry)
            block, _ = markdown.split_front_matter(head)
            meta = "\n".join(block) if block is not None else ""
            if NOT_MODEL_KEYS.search(meta):
                return None
            return "markdown" if MODEL_KEYS.search(meta) or _hub_model_directory(entry) else None
        if name.endswith(".json") and re.search(r'"model_details"\s*:', _head(entry)):
            return "model-card-toolkit"
    except OSError:
        return None
    return None


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    if detect(entry) == "model-card-toolkit":
        data = loads(text)
        if not toolkit.is_toolkit_card(data):
            raise LoadError("model card toolkit: expected an object with a model_details object")
        card, spans, addresses = toolkit.card(entry.rel, data, spans_of_text(entry.rel, text))
        return [Document("modelcard", entry.rel, card, text, spans=spans, addresses=addresses)]
    metadata, spans, skip = markdown.front_matter(entry.rel, text)
    sections, addresses = markdown.sections(entry.rel, text, skip)
    if sections:
        first = sections[0]
        spans["sections"] = Span(entry.rel, first["line"], first["line"])
    card = {"format": "markdown", "metadata": metadata, "sections": sections}
    return [Document("modelcard", entry.rel, card, text, spans=spans, addresses=addresses)]
