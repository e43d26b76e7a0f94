"""Great Expectations files: recognised by their place in a GX project; malformed ones are that
file's scan error with its line, and every other file is still scanned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.documents import Document
from scanner.gx import load as gx
from scanner.scan import ScanResult
from scanner.walk import FileEntry


@pytest.mark.parametrize(
    ("rel", "role"),
    [
        ("great_expectations.yml", "config"),
        ("gx/great_expectations.yml", "config"),
        ("great_expectations/expectations/loans.json", "suite"),
        ("gx/expectations/team/loans.json", "suite"),
        ("great_expectations/checkpoints/nightly.yml", "checkpoint"),
        ("gx/checkpoints/nightly.json", "checkpoint"),
        ("tests/test_definitions/expectations/x.json", None),  # not in a GX project folder
        ("gx/expectations/README.md", None),
        ("src/checkpoints/model.json", None),
    ],
)
def test_role(rel: str, role: str | None) -> None:
    assert gx.role(rel) == role


SUITE = (
    '{"expectation_suite_name": "loans", "expectations": '
    '[{"expectation_type": "expect_column_to_exist", "kwargs": {"column": "id"}}]}'
)


@pytest.mark.parametrize(
    ("rel", "content", "message", "line"),
    [
        ("gx/expectations/bad.json", '{"name": "x",\n "expectations": [\n', "JSON", 3),
        ("gx/expectations/list.json", "[1, 2]", "expected a mapping", 1),
        ("gx/expectations/none.json", '{"name": "x"}', "expected an `expectations` list", 1),
        ("gx/great_expectations.yml", "stores: [\n", "invalid YAML", 2),
        ("gx/checkpoints/c.yml", "- a\n- b\n", "expected a mapping", 1),
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
    result = scan_repo(make_repo({rel: content, "gx/expectations/good.json": SUITE}))
    errors = [e for e in result.errors if e.path == rel]
    assert len(errors) == 1 and errors[0].kind == "parse"
    assert message in errors[0].message and errors[0].line == line
    assert not [e for e in result.errors if e.path == "gx/expectations/good.json"]


def _doc(root: Path, rel: str, content: str) -> Document:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(content, encoding="utf-8")
    entry = FileEntry(rel=rel, abs=root / rel, size=len(content), binary=False)
    (doc,) = gx.load(entry)
    assert doc.kind == "gx"
    return doc


def test_suite_forms_and_columns(tmp_path: Path) -> None:
    one = (
        '{"name": "n", "expectations": ['
        '{"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "a", "column_B": "b"}},'
        '{"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": ["c", 1]}}, "junk"]}'
    )
    doc = _doc(tmp_path, "gx/expectations/one.json", one)
    assert [(i, t) for i, t, _ in gx.expectations(doc)] == [
        (0, "expect_column_pair_values_to_be_equal"),
        (1, "expect_table_columns_to_match_set"),
    ]
    assert set().union(*(gx.columns_of(k) for _, _, k in gx.expectations(doc))) == {"a", "b", "c"}
    zero = _doc(tmp_path, "great_expectations/expectations/zero.json", SUITE)
    assert [(t, gx.columns_of(k)) for _, t, k in gx.expectations(zero)] == [("expect_column_to_exist", {"id"})]


def test_data_docs_stores(tmp_path: Path) -> None:
    config = """config_version: 3.0
data_docs_sites:
  s3_site: {class_name: SiteBuilder, store_backend: {class_name: TupleS3StoreBackend, bucket: docs-b}}
  az_site: {class_name: SiteBuilder, store_backend: {class_name: TupleAzureBlobStoreBackend, container: $web}}
  local_site: {class_name: SiteBuilder, store_backend: {class_name: TupleFilesystemStoreBackend, base_directory: x/}}
  broken: 3
"""
    doc = _doc(tmp_path, "gx/great_expectations.yml", config)
    assert gx.data_docs_stores(doc) == [
        ("s3_site", "TupleS3StoreBackend", "docs-b"),
        ("az_site", "TupleAzureBlobStoreBackend", "$web"),
    ]
