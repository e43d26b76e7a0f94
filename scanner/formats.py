"""Format registry: which loader turns a file into documents, decided in one function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.loaders import json_file, terraform, terraform_plan, text, yaml_file
from scanner.walk import FileEntry


@dataclass(frozen=True)
class Format:
    kind: str
    load: Callable[[FileEntry], list[Document]]
    description: str


# One line per format. Terraform is loaded per module directory, not per file (see scan.py).
FORMATS: dict[str, Format] = {
    "json": Format("json", json_file.load, "JSON files"),
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
    if suffix == ".tf" or entry.rel.lower().endswith(".tf.json"):
        return "terraform"
    if entry.binary:
        return None
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json" and terraform_plan.is_plan_entry(entry):
        return "terraform"  # `terraform show -json` output: the same resource view as .tf files
    if suffix in (".json", ".jsonc") or suffix == ".tfstate":
        return "json"
    return "text"
