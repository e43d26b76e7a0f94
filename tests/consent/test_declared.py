"""What counts as declaring personal data, a legal basis and a purpose, and as a training use;
through the consent rule end to end (findings, severities)."""

from __future__ import annotations

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
