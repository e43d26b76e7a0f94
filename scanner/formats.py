"""Format registry: which loader turns a file into documents, decided in one function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.loaders import json_file, model_card, provenance, terraform, text, yaml_file
from scanner.walk import FileEntry


@dataclass(frozen=True)
class Format:
    kind: str
    load: Callable[[FileEntry], list[Document]]
    description: str


# One line per format. Terraform is loaded per module directory, not per file (see scan.py).
FORMATS: dict[str, Format] = {
    "json": Format("json", json_file.load, "JSON files"),
    "modelcard": Format("modelcard", model_card.load, "model cards (Hugging Face, Model Card Toolkit)"),
    "provenance": Format("provenance", provenance.load, "PROV-JSON, PROV-O and OpenLineage records"),
    "terraform": Format("terraform", terraform.unsupported_single_file, "Terraform root modules"),
    "text": Format("text", text.load, "any other text file"),
    "yaml": Format("yaml", yaml_file.load, "YAML files, one document per YAML document"),
}

# A rule whose input_kinds contains "text" sees every document that has source text.
ANY_TEXT = "text"


def kinds() -> list[str]:
    return sorted(FORMATS)


def kind_for(entry: FileEntry) -> str | None:
    """The format of a file, from its name first and its content second; None = not loaded."""
    suffix = PurePosixPath(entry.rel).suffix.lower()
    if suffix == ".tf":
        return "terraform"
    if entry.binary:
        return None
    if suffix in (".yaml", ".yml"):
        return "yaml"
    # Content sniffing reads at most 8 KiB, and only of candidate names (.json, .md, .ttl, ...).
    if provenance.detect(entry) is not None:
        return "provenance"
    if model_card.detect(entry) is not None:
        return "modelcard"
    if suffix in (".json", ".jsonc") or suffix == ".tfstate":
        return "json"
    return "text"
