"""Dataset cards, datasheets and data contracts: which files they are, and malformed ones as
that file's scan error with its line (every other file still scanned)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner import formats
from scanner.scan import ScanResult
from scanner.walk import FileEntry

CARD = "---\ntask_categories:\n- text-classification\n---\n# Reviews\n"


@pytest.mark.parametrize(
    ("rel", "content", "kind"),
    [
        ("data/reviews/README.md", CARD, "datacard"),
        ("README.md", "---\nlicense: mit\nlibrary_name: transformers\n---\n# Model\n", "modelcard"),
        ("README.md", "# Just a readme\n", "text"),
        ("docs/datasheet.md", "# Datasheet\n", "datacard"),
        ("DATASHEET-loans.md", "# Datasheet\n", "datacard"),
        ("datacontract.yaml", "dataContractSpecification: 1.1.0\n", "datacontract"),
        ("contracts/orders.datacontract.yml", "dataContractSpecification: 1.1.0\n", "datacontract"),
        ("contract.yaml", "dataContractSpecification: 1.1.0\n", "yaml"),
    ],
)
def test_kind(rel: str, content: str, kind: str, tmp_path: Path) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    assert formats.kind_for(FileEntry(rel=rel, abs=path, size=len(content), binary=False)) == kind


@pytest.mark.parametrize(
    ("rel", "content", "message", "line"),
    [
        ("datacontract.yaml", "id: x\nmodels: [\n", "invalid YAML", 3),
        ("a.datacontract.yaml", "- a\n", "expected one YAML mapping", 1),
        ("b.datacontract.yaml", "id: x\n", "no dataContractSpecification", 1),
        ("data/x/README.md", "---\ntask_categories: [a\n---\n", "invalid YAML", 3),
    ],
)
def test_malformed_is_that_files_error(
    rel: str,
    content: str,
    message: str,
    line: int,
    make_repo: Callable[..., Path],
    scan_repo: Callable[[Path], ScanResult],
) -> None:
    result = scan_repo(make_repo({rel: content, "data/ok/README.md": CARD}))
    errors = [e for e in result.errors if e.path == rel]
    assert len(errors) == 1 and errors[0].kind == "parse", result.errors
    assert message in errors[0].message and errors[0].line == line
    assert not [e for e in result.errors if e.path == "data/ok/README.md"]
