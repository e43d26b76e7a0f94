"""Front matter against the JSON Schema of the documented Hugging Face metadata keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from scanner.documents import Pointer
from scanner.schema_errors import expectation, where

if TYPE_CHECKING:
    import jsonschema


@cache
def validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # on first use: its import alone costs ~60 ms of every run's start-up

    text = resources.files("scanner.schemas").joinpath("hf-model-card-metadata.schema.json").read_text()
    return jsonschema.Draft202012Validator(json.loads(text))


def violations(metadata: dict[str, Any]) -> Iterator[tuple[Pointer, str]]:
    """(pointer under "metadata", message) per violation, deepest and first in document order."""
    for err in sorted(validator().iter_errors(metadata), key=lambda e: [str(p) for p in e.absolute_path]):
        yield ("metadata", *err.absolute_path), f"{where(err.absolute_path, '(front matter)')}: {expectation(err)}"
