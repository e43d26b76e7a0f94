"""MLC-PII-001 end to end: each false-positive shape from real repositories beside its
true-positive twin, and the severity (with its reason) the column's kind and share give."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from stdnum import luhn

from scanner.findings import Finding
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from tests.conftest import write_files

RULE = "MLC-PII-001"


def _card(prefix: str) -> str:
    return prefix + luhn.calc_check_digit(prefix)


def _csv(header: str, cells: list[str]) -> str:
    return header + "\n" + "".join(f"{i},{c}\n" for i, c in enumerate(cells))


# 100 consecutive order ids of card length: one in ten passes Luhn, as for any numbers.
_IDS = [f"41{n:014d}" for n in range(100)]
_CARDS = [_card(f"41{n:013d}") for n in range(100)]
_TEXT = [f"ticket {n} was closed" for n in range(199)] + ["write to ana@mailbox.org"]

_INCIDENTAL = "incidental: 1 of 200 sampled rows (0.5%) match, in a column not named for personal data"
_DECLARED = "a public dataset a model card of this repository declares in `datasets`"

CASES: list[tuple[str, Mapping[str, str], list[tuple[str, str, str | None]]]] = [
    (
        "float predictions are not card numbers; a card column is",
        {
            "preds.csv": _csv("id,prediction", ["0.4111111111111111", "4.111111111111111e+15", "4111111111111111.0"]),
            "payments.csv": _csv("id,card", ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"]),
        },
        [("payments.csv", "high", None)],
    ),
    (
        "card-length ids passing Luhn by chance are not cards; a column of valid numbers is",
        {"orders.csv": _csv("n,order_no", _IDS), "wallet.csv": _csv("n,number", _CARDS)},
        [("wallet.csv", "high", None)],
    ),
    (
        "one e-mail in 200 rows of free text is incidental; an email column is a customer table",
        {
            "notes.csv": _csv("id,comment", _TEXT),
            "customers.csv": _csv("id,contact_email", ["ana@mailbox.org"] + ["-"] * 199),
        },
        [
            (
                "notes.csv",
                "low",
                _INCIDENTAL,
            ),
            ("customers.csv", "high", None),
        ],
    ),
    (
        "a public benchmark on the allow list is low; the same data under another name is not",
        {
            "data/titanic.csv": _csv("id,email", ["ana@mailbox.org", "bo@mailbox.org"]),
            "data/members.csv": _csv("id,email", ["ana@mailbox.org", "bo@mailbox.org"]),
        },
        [
            ("data/titanic.csv", "low", "public benchmark dataset: Kaggle's Titanic passenger list"),
            ("data/members.csv", "high", None),
        ],
    ),
    (
        "data under a Hugging Face dataset card is published; data beside a plain README is not",
        {
            "public/README.md": "---\ntask_categories:\n- text-classification\n---\n# Reviews\n",
            "public/raw/reviews.csv": _csv("id,email", ["ana@mailbox.org"]),
            "private/README.md": "# Exports\n",
            "private/reviews.csv": _csv("id,email", ["ana@mailbox.org"]),
        },
        [
            ("public/raw/reviews.csv", "low", "published with a dataset card (public/README.md)"),
            ("private/reviews.csv", "high", None),
        ],
    ),
    (
        "a dataset a model card declares is public; an undeclared one is not",
        {
            "MODEL_CARD.md": "---\ndatasets:\n- acme/support-tickets\nlicense: mit\n---\n# Model\n",
            "data/support_tickets_train.csv": _csv("id,email", ["ana@mailbox.org"]),
            "data/crm_export.csv": _csv("id,email", ["ana@mailbox.org"]),
        },
        [
            (
                "data/support_tickets_train.csv",
                "low",
                _DECLARED,
            ),
            ("data/crm_export.csv", "high", None),
        ],
    ),
]


def _pii(result: ScanResult) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == RULE]


@pytest.mark.parametrize(("files", "expected"), [pytest.param(f, e, id=n) for n, f, e in CASES])
def test_pii_severity(
    files: Mapping[str, str],
    expected: list[tuple[str, str, str | None]],
    tmp_path: Path,
    scan_repo: Callable[[Path], ScanResult],
) -> None:
    write_files(tmp_path, files)
    got = sorted((f.path, f.severity, dict(f.properties).get("severity_reason")) for f in _pii(scan_repo(tmp_path)))
    assert got == sorted(expected)


def test_public_datasets_option_adds_names(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"acme_benchmark.csv": _csv("id,email", ["ana@mailbox.org"])})
    options = {RULE: {"public_datasets": {"acme-benchmark": "ACME's published support benchmark"}}}
    found = _pii(scan([tmp_path], builtin_rules, rule_options=options))
    assert [(f.severity, dict(f.properties)["severity_reason"]) for f in found] == [
        ("low", "public benchmark dataset: ACME's published support benchmark")
    ]


def test_a_generic_file_name_takes_the_benchmark_from_its_folder(
    tmp_path: Path, scan_repo: Callable[[Path], ScanResult]
) -> None:
    rows = [f"post {n} from user{n}@mailbox.org" for n in range(20)]
    write_files(
        tmp_path,
        {
            "text-classification-newsgroup/train_data.csv": _csv("id,X", rows),
            "glue/jobs/train_data.csv": _csv("id,X", rows),  # an AWS Glue folder is not GLUE
        },
    )
    got = {f.path: dict(f.properties).get("severity_reason") for f in _pii(scan_repo(tmp_path))}
    assert got["text-classification-newsgroup/train_data.csv"] == (
        "public benchmark dataset: 20 Newsgroups (Lang, 1995) (named by the folder 'text-classification-newsgroup')"
    )
    assert "glue/jobs/train_data.csv" in got
    assert got["glue/jobs/train_data.csv"] is None or "benchmark" not in got["glue/jobs/train_data.csv"]
