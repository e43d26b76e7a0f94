"""Notebook cells and outputs: each reported at its cell and the line of the .ipynb file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from scanner.scan import ScanResult

TOKEN = "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"
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_output_secret_reported_at_cell_and_line(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Train\n"]},
            {
                "cell_type": "code",
                "metadata": {},
                "source": ["print(os.environ['HF_TOKEN'])\n"],
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["ok\n", TOKEN + "\n"]},
                    {"output_type": "display_data", "data": {"image/png": PNG, "text/plain": ["<Figure>"]}},
                ],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(nb, indent=1)
    root = make_repo({"nb.ipynb": text})
    result = scan_repo(root)
    secrets = [f for f in result.findings if f.category == "secrets"]
    assert [(f.rule_id, f.start_line) for f in secrets] == [("MLC-SECRET-HUGGINGFACE-001", _line_of(text, TOKEN))]
    props = dict(secrets[0].properties)
    assert (props["cell"], props["cell_part"]) == (1, "output")
    assert "cell 1 output" in secrets[0].message
