"""Which files are datasheets and data contracts, by name alone: apart from the loader so that
telling a file's kind imports neither YAML nor the Markdown reader."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_DATASHEET = re.compile(r"datasheet([-_.][\w.-]+)?\.md", re.IGNORECASE)
_CONTRACT = re.compile(r"(.+\.)?datacontract\.ya?ml", re.IGNORECASE)


def is_datacontract(path: PurePosixPath) -> bool:
    return _CONTRACT.fullmatch(path.name) is not None


def is_datasheet(path: PurePosixPath) -> bool:
    return _DATASHEET.fullmatch(path.name) is not None


def may_be_dataset_card(path: PurePosixPath) -> bool:
    """A README.md, which its front matter may make a dataset card (consent.load.is_dataset_card)."""
    return path.name.lower() == "readme.md"
