"""Notebooks over the size cap: their source cells, read as the file streams past, with the line
of every source item; outputs skipped, however long, and one `note` that says so."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.loaders import notebook_sources
from scanner.loaders.notebook import load as load_whole
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.walk import FileEntry
from tests.conftest import run_cli

HEX40 = "eedf1c984f6b995ec40ecc6658356044847ffb31"
KEY = "b7Qz9vX2mK4pL8wR3tY6nJ1hF5cD0sAe"
HF = "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"


def _notebook(image_bytes: int, seed: int = 1) -> dict[str, object]:
    image = base64.b64encode(random.Random(seed).randbytes(image_bytes)).decode()
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title \\u00e9\n", 'with "quotes" \\\\ and \\n\n']},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {"tags": ["a", {"nested": [1, 2.5e3, None, True]}]},
                "outputs": [
                    {"output_type": "display_data", "data": {"image/png": image, "text/plain": ["<Figure>"]}},
                    {"output_type": "stream", "name": "stdout", "text": [f"token: {HF}\n"]},
                ],
                "source": ["import os\n", f'os.environ["WANDB_API_KEY"] = "{HEX40}"\n'],
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [],
                "source": f'openai.api_key = "{KEY}"',
            },
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _entry(tmp_path: Path, text: str) -> FileEntry:
    path = tmp_path / "nb.ipynb"
    path.write_text(text, encoding="utf-8")
    return FileEntry("nb.ipynb", path, path.stat().st_size, False)


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_sources_and_lines_match_the_whole_file_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Any chunk size (cutting strings, escapes and numbers anywhere) reads the same cells."""
    monkeypatch.setattr(notebook_sources, "CHUNK", chunk)
    entry = _entry(tmp_path, json.dumps(_notebook(3000), indent=1))
    (whole,) = load_whole(entry)
    (doc,), note = notebook_sources.load(entry, max_bytes=1000)
    assert note.kind == "note" and "outputs were not" in note.message
    for i, cell in enumerate(whole.data["cells"]):
        assert doc.data["cells"][i] == {"cell_type": cell["cell_type"], "source": cell["source"]}
    for pointer, span in doc.spans.items():
        assert whole.spans[pointer].line == span.line, pointer


def test_source_budget_is_a_limit_error(tmp_path: Path) -> None:
    entry = _entry(tmp_path, json.dumps(_notebook(100), indent=1))
    (doc,), error = notebook_sources.load(entry, max_bytes=30)
    assert error.kind == "limit" and "only the first" in error.message
    assert len(doc.data["cells"]) < 3


@pytest.mark.parametrize("text", ['{"cells": [{"source": "abc', '{"cells": [1, ', '{"cells": {"a": }}'])
def test_truncated_or_malformed_is_a_load_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(LoadError, match="invalid notebook JSON"):
        notebook_sources.load(_entry(tmp_path, text), max_bytes=10)


def test_scan_finds_source_secrets_of_a_notebook_over_the_cap(tmp_path: Path, builtin_rules: RuleSet) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "nb.ipynb").write_text(json.dumps(_notebook(200_000), indent=1), encoding="utf-8")
    result = scan([root], builtin_rules, max_file_bytes=50_000)
    secrets = sorted(
        (f.path, f.start_line, dict(f.properties).get("cell_part")) for f in result.findings if f.category == "secrets"
    )
    lines = (root / "nb.ipynb").read_text().splitlines()
    wandb_line = next(i for i, line in enumerate(lines, 1) if "WANDB_API_KEY" in line)
    openai_line = next(i for i, line in enumerate(lines, 1) if "openai.api_key" in line)
    assert secrets == [("nb.ipynb", wandb_line, "source"), ("nb.ipynb", openai_line, "source")]
    assert [(e.path, e.kind) for e in result.errors] == [("nb.ipynb", "note")]

    # The same notebook under the cap: the output's key is found too.
    whole = scan([root], builtin_rules, max_file_bytes=5_000_000)
    assert {dict(f.properties).get("cell_part") for f in whole.findings if f.category == "secrets"} == {
        "source",
        "output",
    }


def test_cli_reports_the_note_and_the_finding_never_the_secret(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "nb.ipynb").write_text(json.dumps(_notebook(200_000), indent=1), encoding="utf-8")
    out = tmp_path / "o.json"
    proc = run_cli("scan", root, "--max-file-bytes", "50000", "--json-output", out)
    doc = json.loads(out.read_text())
    assert [e["kind"] for e in doc["errors"]] == ["note"]
    assert any(f["path"] == "nb.ipynb" and f["category"] == "secrets" for f in doc["findings"])
    assert HEX40 not in proc.stdout + proc.stderr + out.read_text()
