"""Budgets: how much depth, size, time and work one file (or the Terraform stage) may cost.

Every budget is a config key under `budgets:` (README "Config file"); when one is hit, the file
gets a scan error of kind `limit` that names the budget, and what was analysed before it still
counts. Loaders keep their one-argument contract (`load(entry)`): the budgets of the running
scan are a context variable that `scan.scan` sets for its duration and restores afterwards, so
a test or an org scan never sees another scan's settings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import Any

from scanner.documents import Document, LoadError

MiB = 1 << 20


@dataclass(frozen=True)
class Budgets:
    # Structured formats (JSON, notebooks, provenance, .tf, .tf.json, plans) nested deeper than
    # this are not parsed: parsers and the code after them recurse per level.
    max_nesting_depth: int = 200
    # HCL files larger than this are not parsed (pygohcl is quadratic in heredoc lines: 1 MiB
    # of heredoc takes ~12 s).
    max_hcl_bytes: int = 1 * MiB
    # Wall time for the whole Terraform stage (syntax checks and every module's evaluation),
    # and for one module's evaluation (or one file's syntax check) within it.
    terraform_seconds: float = 600.0
    terraform_module_seconds: float = 60.0
    # Wall time of one `helm template` run (one chart with its subcharts), when helm is on PATH.
    helm_chart_seconds: float = 60.0
    # Model artifacts are streamed, so they have their own size cap (not max_file_bytes).
    max_model_bytes: int = 2048 * MiB
    # Pickle analysis: opcodes read, memo entries and stack depth of the opcode model.
    max_pickle_opcodes: int = 5_000_000
    max_pickle_memo: int = 1_000_000
    max_pickle_stack: int = 1_000_000
    # Zip-based model formats (PyTorch, .npz, .keras) and compressed pickles: members read and
    # bytes decompressed per file.
    max_zip_members: int = 10_000
    max_decompressed_bytes: int = 1024 * MiB
    # Merkle digests of datasets (scanner.integrity): files and bytes hashed per dataset.
    max_dataset_files: int = 1_000_000
    max_dataset_bytes: int = 1024 * 1024 * MiB


BUDGET_KEYS = tuple(f.name for f in fields(Budgets))

# The config file's `budgets:` mapping (validated with the rest of the config).
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        f.name: {"type": "number", "exclusiveMinimum": 0} if f.type == "float" else {"type": "integer", "minimum": 1}
        for f in fields(Budgets)
    },
}


def from_config(raw: dict[str, Any] | None) -> Budgets:
    """Budgets from a validated `budgets:` mapping; keys not given keep their defaults."""
    return Budgets(**(raw or {}))


_CURRENT: ContextVar[Budgets] = ContextVar("budgets", default=Budgets())  # noqa: B039 (frozen)


def current() -> Budgets:
    """The budgets of the scan running in this context (the defaults outside one)."""
    return _CURRENT.get()


@contextmanager
def applied(budgets: Budgets) -> Iterator[Budgets]:
    token = _CURRENT.set(budgets)
    try:
        yield budgets
    finally:
        _CURRENT.reset(token)


def named(budget: str) -> str:
    """How an error names a budget: its config key and the value in force."""
    value = getattr(current(), budget)
    return f"budget {budget}: {value:g}" if isinstance(value, float) else f"budget {budget}: {value}"


class BudgetExceeded(LoadError):
    """A budget was hit: the file gets a scan error of kind `limit`. `documents` holds what was
    analysed before the budget ran out, which is still evaluated (a dangerous import read
    before the opcode budget ran out is still reported)."""

    def __init__(
        self,
        message: str,
        budget: str,
        documents: Sequence[Document] = (),
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(f"{message} ({named(budget)})", line, column, kind="limit")
        self.bare = message  # without the budget's name, for a caller that wraps it
        self.budget = budget
        self.documents = list(documents)
