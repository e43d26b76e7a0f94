"""What counts as declaring personal data, a legal basis and a purpose, and as a training use;
through the consent rule end to end (findings, severities)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.scan import ScanResult

RULE = "MLC-CONSENT-001"


def _card(section: str, extra: str = "") -> str:
    head = "---\npretty_name: Loans\ntask_categories:\n- tabular-classification\n---\n# Loans\n"
    return f"{head}{extra}\n### Personal and Sensitive Information\n\n{section}\n"


def _found(result: ScanResult) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity, f.message) for f in result.findings if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("section", "reported"),
    [
        ("Rows hold customers' names and phone numbers.", True),
        ("[More Information Needed]", False),
        ("The dataset does not contain any personal information.", False),
        ("No PII: identifiers were removed before release.", False),
        ("Only mouse antibody sequences; no human sequences or personal information is included.", False),
        ("Court decisions; personal information was anonymized by the court before publication.", False),
        ("A subset of open datasets: all of it is already on the internet.", False),  # says nothing
        ("[Needs More Information]", False),
        ("Usernames and personal information were not collected with the reviews.", False),
        ("Mentions of the user were removed to keep them anonymous.", False),
        ("Likely names of famous individuals from Wikidata.", False),
        ("Voice recordings of speakers, who agreed in writing to their use for speech technology.", False),
        ("The authors removed speaker IDs but did not otherwise anonymize the users' posts.", True),
        ("Names and emails, collected with consent for the purpose of fraud modelling.", False),
        ("Names and emails, collected without consent for the purpose of fraud modelling.", True),
        ("Names and emails under legitimate interest (GDPR Art. 6(1)(f)).", True),  # no purpose
    ],
)
def test_card_section(
    section: str, reported: bool, make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    found = _found(scan_repo(make_repo({"data/loans/README.md": _card(section)})))
    assert bool(found) is reported
    if reported:
        assert found[0][1] == "low"  # nothing in the repository trains on it


def test_personal_columns_beside_a_card_and_dvc_training_use(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    files = {
        "data/loans/README.md": _card("[More Information Needed]"),
        "data/loans/train.csv": "id,email,amount\n1,ana@mail.com,3\n2,bo@mail.com,4\n",
        "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps:\n    - data/loans/train.csv\n",
    }
    ((path, severity, message),) = _found(scan_repo(make_repo(files)))
    assert (path, severity) == ("data/loans/README.md", "medium")
    assert "data/loans/train.csv has personal-data columns" in message
    assert "DVC stage train depends on data/loans/train.csv" in message
    assert "ana@mail.com" not in message


def test_data_contract_forms(make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]) -> None:
    contract = """dataContractSpecification: 1.1.0
id: customers
info: {title: Customers, version: 1.0.0}
terms: {usage: "Churn model training."}
models:
  customers:
    fields:
      address:
        type: object
        fields:
          street: {type: string, classification: PII}
definitions:
  email: {type: string, pii: false}
"""
    ((path, _, message),) = _found(scan_repo(make_repo({"datacontract.yaml": contract})))
    assert path == "datacontract.yaml" and "declares no a legal basis" not in message
    assert (
        message.endswith("declares no a legal basis") is False and "legal basis" in message and "purpose" not in message
    )


def _mlflow_input(uri: str) -> dict[str, str]:
    run = "mlruns/1/r7"
    return {
        "mlruns/1/datasets/d41d/meta.yaml": (
            f'name: loans-train\ndigest: 8b2f1e0c\nsource_type: local\nsource: \'{{"uri": "{uri}"}}\'\n'
        ),
        f"{run}/inputs/i1/meta.yaml": (
            "source_type: DATASET\nsource_id: d41d\ndestination_type: RUN\ndestination_id: r7\n"
        ),
        f"{run}/meta.yaml": "run_id: r7\nexperiment_id: '1'\nstatus: 3\n",
    }


def _record(activity_type: str, location: str) -> str:
    q = {"type": "prov:QUALIFIED_NAME"}
    return json.dumps(
        {
            "prefix": {"ex": "https://example.org/ml/", "mlp": "https://example.org/ns/mlprov#"},
            "entity": {
                "ex:model": {"prov:type": {"$": "mlp:Model", **q}, "prov:location": "models/credit/model.pkl"},
                "ex:data": {"prov:type": {"$": "mlp:Dataset", **q}, "prov:location": location},
            },
            "activity": {"ex:step": {"prov:type": {"$": activity_type, **q}}},
            "wasGeneratedBy": {"_:g": {"prov:entity": "ex:model", "prov:activity": "ex:step"}},
            "used": {"_:u": {"prov:activity": "ex:step", "prov:entity": "ex:data"}},
        }
    )


@pytest.mark.parametrize(
    ("files", "use"),
    [
        (_mlflow_input("data/loans/train.csv"), "MLflow run r7 logged data/loans/train.csv as an input"),
        # by the dataset's name when its source is elsewhere (the card's folder is `loans`)
        (_mlflow_input("s3://acme-lake/loans"), "MLflow run r7 logged s3://acme-lake/loans as an input"),
        (
            {"models/credit/model.prov.json": _record("mlp:Training", "data/loans/train.csv")},
            "provenance record models/credit/model.prov.json: training activity 'step' used data/loans/train.csv",
        ),
        # not this dataset: no link
        (_mlflow_input("data/weather/train.csv"), None),
        ({"models/credit/model.prov.json": _record("mlp:Training", "data/weather/train.csv")}, None),
    ],
)
def test_training_use_through_mlflow_and_provenance(
    files: dict[str, str], use: str | None, make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    repo = {"data/loans/README.md": _card("Rows hold customers' names and phone numbers."), **files}
    ((path, severity, message),) = _found(scan_repo(make_repo(repo)))
    assert path == "data/loans/README.md"
    if use is None:
        assert (severity, "used for training" in message) == ("low", False)
    else:
        assert severity == "medium" and message.endswith(f"used for training: {use}")


def test_a_provenance_activity_that_trains_nothing_is_no_training_use(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    """An activity that uses the data and generates a dataset (a preparation step) trains no model."""
    record = json.loads(_record("mlp:Preparation", "data/loans/train.csv"))
    record["entity"]["ex:model"] = {"prov:type": {"$": "mlp:Dataset", "type": "prov:QUALIFIED_NAME"}}
    files = {"data/loans/README.md": _card("Rows hold customers' names."), "prep.prov.json": json.dumps(record)}
    ((_, severity, message),) = _found(scan_repo(make_repo(files)))
    assert severity == "low" and "used for training" not in message
