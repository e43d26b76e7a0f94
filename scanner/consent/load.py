"""Dataset cards, datasheets and data contracts, read as declarations (never fetched, never run).

- A Hugging Face dataset card is a `README.md` whose YAML front matter carries dataset keys
  (`dataset_info`, `task_categories`, `size_categories`, `configs`); its sections (e.g.
  "Personal and Sensitive Information") are kept with their lines.
- A datasheet is `datasheet.md` / `DATASHEET.md` / `datasheet-<name>.md` (Gebru et al.'s
  questions as Markdown sections).
- A data contract is `datacontract.yaml` / `*.datacontract.yaml` (Data Contract Specification):
  a YAML mapping with `dataContractSpecification`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from scanner.consent.names import is_datasheet, may_be_dataset_card
from scanner.documents import Document, LoadError
from scanner.loaders import yaml_file
from scanner.loaders.text import read_text
from scanner.modelcard import markdown
from scanner.walk import FileEntry

DATASET_KEYS = re.compile(r"^(dataset_info|task_categories|size_categories|configs)\s*:", re.MULTILINE)
SNIFF_BYTES = 8192


def is_dataset_card(entry: FileEntry) -> bool:
    """A README.md whose front matter says it describes a dataset (reads at most 8 KiB)."""
    if not may_be_dataset_card(PurePosixPath(entry.rel)):
        return False
    try:
        with entry.open() as fh:
            head = fh.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    block, _ = markdown.split_front_matter(head)
    return block is not None and DATASET_KEYS.search("\n".join(block)) is not None


def load_card(entry: FileEntry) -> list[Document]:
    """A dataset card or datasheet: {"source", "metadata", "sections"}."""
    text = read_text(entry)
    path = PurePosixPath(entry.rel)
    source = "datasheet" if is_datasheet(path) else "dataset-card"
    try:
        metadata, spans, skip = markdown.front_matter(entry.rel, text)
    except LoadError as exc:
        raise LoadError(exc.message.replace("model card", "dataset card"), exc.line, exc.column, exc.kind) from None
    sections, addresses = markdown.sections(entry.rel, text, skip)
    data = {"source": source, "metadata": metadata, "sections": sections}
    return [Document("datacard", entry.rel, data, text, spans=spans, addresses=addresses)]


def load_contract(entry: FileEntry) -> list[Document]:
    docs = yaml_file.load(entry)
    if len(docs) != 1 or not isinstance(docs[0].data, dict):
        raise LoadError("data contract: expected one YAML mapping", line=1)
    if "dataContractSpecification" not in docs[0].data:
        raise LoadError("data contract: no dataContractSpecification key", line=1)
    d = docs[0]
    return [Document("datacontract", d.path, d.data, d.text, spans=d.spans, addresses=d.addresses)]
