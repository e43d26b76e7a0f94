"""Formats decided by content: JSON Lines under any name, JSONC, Helm templates, empty JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner import formats
from scanner.scan import ScanResult
from scanner.walk import FileEntry

RECORDS = '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n'


@pytest.mark.parametrize(
    ("rel", "content", "kind"),
    [
        ("data/train.json", RECORDS, "tabular"),
        ("data/train.txt", RECORDS, "tabular"),
        ("data/train", "\ufeff" + RECORDS, "tabular"),
        ("data/big.json", RECORDS * 400, "tabular"),  # the sniff's 8 KiB cut its last line short
        # Twins that are not JSON Lines.
        ("data/one.json", '{"id": 1}\n', "json"),
        ("data/pretty.json", '{\n  "id": 1\n}\n', "json"),
        ("data/arrays.json", "[1]\n[2]\n", "json"),  # records are objects
        ("logs/run.log", '{"id": 1}\nstarted\n', "text"),
        ("tsconfig.json", '{\n  // c\n  "a": 1,\n}\n', "json"),
        ("settings.json5", "{}\n", "json"),
        ("chart/templates/x.yaml", "a: {{ .Values.a }}\n", "yaml"),  # no Chart.yaml: plain YAML
    ],
)
def test_kind_by_content(tmp_path: Path, rel: str, content: str, kind: str) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    assert formats.kind_for(FileEntry(rel=rel, abs=path, size=path.stat().st_size, binary=False)) == kind


def test_helm_template_kind(tmp_path: Path) -> None:
    (tmp_path / "chart" / "templates").mkdir(parents=True)
    (tmp_path / "chart" / "Chart.yaml").write_text("name: c\n")
    path = tmp_path / "chart" / "templates" / "x.yaml"
    path.write_text("a: {{ .Values.a }}\n")
    assert formats.kind_for(FileEntry(rel="chart/templates/x.yaml", abs=path, size=1, binary=False)) == "helm-template"


def test_real_shapes_load_without_parse_errors(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo(
        {
            "website/tsconfig.json": '{\n  "compilerOptions": {\n    // strict mode\n    "strict": true,\n  },\n}\n',
            ".devcontainer/devcontainer.json": '{\n  "name": "dev", /* image below */\n  "image": "x",\n}\n',
            "dbt/catalog/catalog.json": "",
            "data/people.json": '{"name": "a", "email": "ann.lee@example.com"}\n'
            '{"name": "b", "email": "bo.chu@example.org"}\n',
            # True-positive twin: malformed JSON is still a parse error naming its line.
            "broken/tsconfig.json": '{\n  // strict mode\n  "strict": true\n  "x": 1\n}\n',
        }
    )
    result = scan_repo(root)
    assert [(e.path, e.line, e.kind) for e in result.errors] == [("broken/tsconfig.json", 4, "parse")]
    tabular = [d for d in result.docs if d.kind == "tabular"]
    assert [(d.path, d.data["format"], d.data["columns"]) for d in tabular] == [
        ("data/people.json", "jsonl", ["name", "email"])
    ]
