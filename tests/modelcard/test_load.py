from __future__ import annotations

from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.formats import kind_for
from scanner.modelcard import load as model_card
from scanner.walk import FileEntry
from tests.conftest import write_files

CARD = """---
license: mit
datasets:
  - acme/churn
---

# churn-clf

<!-- a template comment -->

## Uses

### Direct Use

Ranking accounts.
Second line.

## Evaluation

[More Information Needed]
"""


def entry(root: Path, rel: str) -> FileEntry:
    path = root / rel
    return FileEntry(rel, path, path.stat().st_size, False)


@pytest.mark.parametrize(
    ("files", "rel", "kind"),
    [
        ({"README.md": CARD}, "README.md", "modelcard"),
        ({"README.md": "# Project\n\nHow to build.\n"}, "README.md", "text"),
        # A Hugging Face model repository layout: config.json and weights beside the README.
        ({"m/README.md": "# Model\n", "m/config.json": "{}", "m/model.safetensors": "x"}, "m/README.md", "modelcard"),
        (
            {"m/README.md": "# Model\n", "m/adapter_config.json": "{}", "m/adapter_model.bin": "x"},
            "m/README.md",
            "modelcard",
        ),
        # A plain README beside a model file, or beside a config alone, is not a card: the Java
        # build README next to `model.onnx` (its twin with card front matter is).
        ({"java/README.md": "# Build\n\nmvn package\n", "java/model.onnx": "x"}, "java/README.md", "text"),
        (
            {"java/README.md": "---\npipeline_tag: image-classification\n---\n", "java/model.onnx": "x"},
            "java/README.md",
            "modelcard",
        ),
        ({"m/README.md": "# Model\n", "m/config.json": "{}"}, "m/README.md", "text"),
        ({"m/README.md": "# Model\n", "m/model.safetensors": "x"}, "m/README.md", "text"),
        ({"model-card.md": "# Model Card: Whisper\n"}, "model-card.md", "modelcard"),
        ({"docs/modelcard.md": "# Card\n"}, "docs/modelcard.md", "modelcard"),
        ({"README.md": "---\ntitle: demo\nsdk: gradio\ndatasets: [a/b]\n---\n"}, "README.md", "text"),
        # A dataset card is not a model card: it is read as a dataset declaration (scanner/consent).
        ({"README.md": "---\nlicense: mit\ntask_categories: [x]\n---\n"}, "README.md", "datacard"),
        ({"docs/MODEL_CARD.md": "# Card\n"}, "docs/MODEL_CARD.md", "modelcard"),
        ({"model_card.md": "# Card\n"}, "model_card.md", "modelcard"),
        ({"card.json": '{"model_details": {"name": "m"}}'}, "card.json", "modelcard"),
        ({"other.json": '{"name": "m"}'}, "other.json", "json"),
    ],
)
def test_what_is_a_model_card(files: dict[str, str], rel: str, kind: str, tmp_path: Path) -> None:
    write_files(tmp_path, files)
    assert kind_for(entry(tmp_path, rel)) == kind


def test_front_matter_and_sections_point_at_their_lines(tmp_path: Path) -> None:
    write_files(tmp_path, {"README.md": CARD})
    doc = model_card.load(entry(tmp_path, "README.md"))[0]
    assert doc.data["metadata"] == {"license": "mit", "datasets": ["acme/churn"]}
    assert doc.span_of(("metadata", "license")).line == 2
    assert doc.span_of(("metadata", "datasets", 0)).line == 4
    sections = {s["path"]: (s["line"], s["text"]) for s in doc.data["sections"]}
    assert sections == {
        "churn-clf": (7, ""),
        "Uses": (11, ""),
        "Uses > Direct Use": (13, "Ranking accounts. Second line."),
        "Evaluation": (18, "[More Information Needed]"),
    }
    assert doc.addresses["Uses > Direct Use"].line == 13


def test_headings_in_code_fences_are_not_sections(tmp_path: Path) -> None:
    write_files(tmp_path, {"MODEL_CARD.md": "# Card\n\n```bash\n# not a heading\n```\n"})
    doc = model_card.load(entry(tmp_path, "MODEL_CARD.md"))[0]
    assert [s["title"] for s in doc.data["sections"]] == ["Card"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nlicense: [mit\n---\n# x\n", 3),
        ("---\n- a\n- b\n---\n", 2),
    ],
)
def test_bad_front_matter_names_the_line(text: str, line: int, tmp_path: Path) -> None:
    write_files(tmp_path, {"MODEL_CARD.md": text})
    with pytest.raises(LoadError) as err:
        model_card.load(entry(tmp_path, "MODEL_CARD.md"))
    assert err.value.line == line


def test_model_card_toolkit_json(tmp_path: Path) -> None:
    card = """{
  "model_details": {"name": "m", "overview": "Fraud scores.",
                    "licenses": [{"identifier": "Apache-2.0"}]},
  "model_parameters": {"data": [{"name": "acme/tx", "link": "https://example.org/tx"}]},
  "considerations": {"use_cases": [{"description": "Score card payments."}],
                     "limitations": [{"description": "EU only."}]}
}"""
    write_files(tmp_path, {"model_card.json": card})
    doc = model_card.load(entry(tmp_path, "model_card.json"))[0]
    assert doc.data["metadata"] == {
        "license": "Apache-2.0",
        "datasets": [{"name": "acme/tx", "link": "https://example.org/tx"}],
    }
    assert [s["title"] for s in doc.data["sections"]] == [
        "Model Description",
        "Direct Use",
        "Limitations",
        "Training Data",
    ]
    assert doc.addresses["Limitations"].line == 6
