"""Must-show: a complete model card stays silent; one with gaps names each gap."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT, write_files

COMPLETE = """---
license: apache-2.0
datasets:
  - acme/churn
base_model: distilbert/distilbert-base-uncased
model-index:
  - name: churn-clf-v3
    results:
      - task: {type: text-classification}
        dataset: {type: acme/churn, name: Churn (v7), revision: 5503434ddd753f426f4b38109466949a1217c2bb}
        metrics:
          - {type: f1, value: 0.912}
---

# churn-clf-v3

## Uses

### Direct Use

Ranking B2B accounts for the retention team.

### Out-of-Scope Use

Decisions about individual people.

## Bias, Risks, and Limitations

EU accounts only.

## Training Details

### Training Data

acme/churn v7; fine-tuned from distilbert/distilbert-base-uncased
(revision 12040accade4e8a0f71eabdb258fecc2e7e948be).

## Evaluation

F1 0.912 on the test split.
"""

# What the huggingface_hub template gives before anyone fills it in.
TEMPLATE = """---
license: other
datasets:
  - acme/churn
base_model: distilbert/distilbert-base-uncased
model-index:
  - name: churn-clf-v3
    results:
      - task: {type: text-classification}
        dataset: {type: acme/churn, name: Churn}
---

# Model Card for churn-clf-v3

<!-- Provide a quick summary of what the model is/does. -->

## Uses

### Direct Use

[More Information Needed]

### Out-of-Scope Use

[More Information Needed]

## Bias, Risks, and Limitations

[More Information Needed]

## Training Details

### Training Data

[More Information Needed]

## Evaluation

### Testing Data, Factors & Metrics

- **Testing Data:** [More Information Needed]
"""


def card_findings(tmp_path: Path, rules: RuleSet, card: str) -> list[tuple[str, str]]:
    record = json.loads((REPO_ROOT / "tests/fixtures/provenance/example-model.prov.json").read_text())
    record["entity"]["ex:data/train-v7"]["prov:label"] = "acme/churn v7"
    write_files(
        tmp_path,
        {
            "models/churn/README.md": card,
            "models/churn/config.json": "{}\n",
            "models/churn/model.prov.json": json.dumps(record),
        },
    )
    result = scan([tmp_path], rules)
    assert result.errors == []
    return sorted(
        (f.rule_id, f.address or f.pointer or f"{f.path}:{f.start_line}")
        for f in result.findings
        if f.path.endswith("README.md")
    )


def test_complete_card_stays_silent(tmp_path: Path, builtin_rules: RuleSet) -> None:
    assert card_findings(tmp_path, builtin_rules, COMPLETE) == []


def test_card_with_gaps_names_each_gap(tmp_path: Path, builtin_rules: RuleSet) -> None:
    assert card_findings(tmp_path, builtin_rules, TEMPLATE) == [
        ("MLC-CARD-BASEMODEL-001", "metadata/base_model"),
        ("MLC-CARD-DATA-002", "metadata/datasets/0"),
        ("MLC-CARD-EVAL-001", "Evaluation"),
        ("MLC-CARD-LICENSE-001", "metadata/license"),
        ("MLC-CARD-METRICS-001", "metadata/model-index/0/results/0"),
        ("MLC-CARD-PLACEHOLDER-001", "Bias, Risks, and Limitations"),
        ("MLC-CARD-PLACEHOLDER-001", "Evaluation > Testing Data, Factors & Metrics"),
        ("MLC-CARD-PLACEHOLDER-001", "Training Details > Training Data"),
        ("MLC-CARD-PLACEHOLDER-001", "Uses > Direct Use"),
        ("MLC-CARD-PLACEHOLDER-001", "Uses > Out-of-Scope Use"),
        ("MLC-CARD-RISKS-001", "Bias, Risks, and Limitations"),
        ("MLC-CARD-TRAINDATA-001", "Training Details > Training Data"),
        ("MLC-CARD-USES-001", "Uses"),
    ]


def test_gaps_point_at_the_lines_of_the_card(tmp_path: Path, builtin_rules: RuleSet) -> None:
    card_findings(tmp_path, builtin_rules, TEMPLATE)
    result = scan([tmp_path], builtin_rules)
    lines = {(f.rule_id, f.start_line) for f in result.findings if f.path.endswith("README.md")}
    assert ("MLC-CARD-LICENSE-001", 2) in lines
    assert ("MLC-CARD-USES-001", 17) in lines


# What `transformers.Trainer.create_model_card` writes for a fine-tune nobody documented.
TRAINER_CARD = """---
license: apache-2.0
base_model: distilbert/distilbert-base-uncased
tags:
- generated_from_trainer
model-index:
- name: churn-clf
  results: []
---

# churn-clf

This model is a fine-tuned version of distilbert/distilbert-base-uncased on an unknown dataset.

## Model description

More information needed

## Intended uses & limitations

More information needed

## Training and evaluation data

More information needed
"""


def test_trainer_placeholders_are_placeholders(tmp_path: Path, builtin_rules: RuleSet) -> None:
    found = card_findings(tmp_path, builtin_rules, TRAINER_CARD)
    placeholders = [a for r, a in found if r == "MLC-CARD-PLACEHOLDER-001"]
    assert placeholders == [
        "Intended uses & limitations",
        "Model description",
        "Training and evaluation data",
    ]
    # "More information needed" is no content: the sections count as empty.
    assert ("MLC-CARD-TRAINDATA-001", "Training and evaluation data") in found


# Meta's Llama 3 card: out-of-scope use as a bold label inside "Intended Use", results under
# "Benchmarks"; its twin says nothing after the label and has no results section.
LABELLED = """---
license: llama3
datasets: [acme/corpus]
---

# Model

## Intended Use

**Intended Use Cases** Research and commercial use in English.

**Out-of-scope** Use in any manner that violates applicable laws or regulations.

## Training Data

**Overview** Pretrained on 15 trillion tokens of public data.

## Benchmarks

MMLU 66.6 (5-shot).

## Ethical Considerations and Limitations

Outputs may be inaccurate.
"""


def test_labelled_paragraphs_and_benchmarks_document_their_topics(tmp_path: Path, builtin_rules: RuleSet) -> None:
    rules = {r for r, _ in card_findings(tmp_path, builtin_rules, LABELLED)}
    assert not rules & {"MLC-CARD-USES-001", "MLC-CARD-EVAL-001"}


def test_a_bare_label_documents_nothing(tmp_path: Path, builtin_rules: RuleSet) -> None:
    twin = LABELLED.replace(
        "**Out-of-scope** Use in any manner that violates applicable laws or regulations.", "**Out-of-scope**"
    )
    twin = twin.replace("## Benchmarks\n\nMMLU 66.6 (5-shot).\n", "")
    rules = {r for r, _ in card_findings(tmp_path, builtin_rules, twin)}
    assert {"MLC-CARD-USES-001", "MLC-CARD-EVAL-001"} <= rules


def test_no_license_in_metadata_is_low_beside_a_license_file(tmp_path: Path, builtin_rules: RuleSet) -> None:
    card = "# Model\n\n## Uses\n\nRanking.\n"
    write_files(tmp_path, {"with/MODEL_CARD.md": card, "with/LICENSE": "MIT License\n", "without/MODEL_CARD.md": card})
    found = {
        f.path: (f.severity, dict(f.properties).get("severity_reason"))
        for f in scan([tmp_path], builtin_rules).findings
        if f.rule_id == "MLC-CARD-LICENSE-001"
    }
    assert found == {
        "with/MODEL_CARD.md": ("low", "with/LICENSE beside the card states the terms; the card's metadata does not"),
        "without/MODEL_CARD.md": ("medium", None),
    }


# OpenAI's Whisper model-card.md: no front matter; uses under "Model Use > Evaluated Use" with the
# out-of-scope uses in its text; results under "Performance and Limitations"; data in prose.
WHISPER = """# Model Card: Whisper

## Model Use

### Evaluated Use

The primary intended users of these models are AI researchers studying robustness.

We recommend against use in high-risk domains like decision-making contexts.

## Training Data

The models are trained on 680,000 hours of audio and transcripts collected from the internet.

## Performance and Limitations

Accuracy on speech recognition is near the state of the art; lower on low-resource languages.
"""


def test_whisper_card_documents_uses_evaluation_and_data(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"model-card.md": WHISPER})
    found = {
        (f.rule_id, f.severity) for f in scan([tmp_path], builtin_rules).findings if f.rule_id.startswith("MLC-CARD")
    }
    assert ("MLC-CARD-DATA-001", "low") in found
    assert not {r for r, _ in found} & {"MLC-CARD-USES-001", "MLC-CARD-EVAL-001"}


def test_whisper_twin_without_cautions_results_or_data_prose(tmp_path: Path, builtin_rules: RuleSet) -> None:
    twin = WHISPER.replace("We recommend against use in high-risk domains like decision-making contexts.\n", "")
    twin = twin.split("## Training Data")[0]
    write_files(tmp_path, {"model-card.md": twin})
    found = {
        (f.rule_id, f.severity) for f in scan([tmp_path], builtin_rules).findings if f.rule_id.startswith("MLC-CARD")
    }
    assert {("MLC-CARD-DATA-001", "medium"), ("MLC-CARD-USES-001", "medium"), ("MLC-CARD-EVAL-001", "medium")} <= found


# A Mitchell-style card (OpenAI's CLIP model-card.md) that describes its training data under a
# heading titled only "Data". Its twin has a "Data" section that says nothing of training.
DATA_HEADING = """# Model Card: Encoder

## Model Use

Research on zero-shot classification; we recommend against any deployed use.

## Data

The model was trained on publicly available image-caption pairs crawled from the web.

## Performance

Top-1 accuracy 76.2% on the validation split.
"""


def test_a_data_heading_with_training_prose_documents_training_data(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"model-card.md": DATA_HEADING})
    found = {
        (f.rule_id, f.severity) for f in scan([tmp_path], builtin_rules).findings if f.rule_id.startswith("MLC-CARD")
    }
    assert "MLC-CARD-TRAINDATA-001" not in {r for r, _ in found}
    assert ("MLC-CARD-DATA-001", "low") in found


def test_a_data_heading_without_training_prose_documents_nothing(tmp_path: Path, builtin_rules: RuleSet) -> None:
    twin = DATA_HEADING.replace(
        "The model was trained on publicly available image-caption pairs crawled from the web.",
        "Inputs are RGB images of 224x224 pixels.",
    )
    write_files(tmp_path, {"model-card.md": twin})
    found = {
        (f.rule_id, f.severity) for f in scan([tmp_path], builtin_rules).findings if f.rule_id.startswith("MLC-CARD")
    }
    assert {("MLC-CARD-TRAINDATA-001", "medium"), ("MLC-CARD-DATA-001", "medium")} <= found
