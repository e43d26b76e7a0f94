"""The evidence file's parser: schema, AI RMF ids and evidence path shapes, with the line."""

from __future__ import annotations

import datetime

import pytest

from scanner.documents import LoadError
from scanner.evidence.records import document, path_problem, records

GOOD = """\
version: 1
records:
  - subcategory: GOVERN 2.2
    statement: every ML engineer completed
      the AI risk training
    evidence: docs/training.md
    owner: head-of-ml@example.com
    date: 2026-03-01
    expires: 2027-03-01
  - subcategory: MEASURE 2.2
    statement: IRB protocol followed
    evidence: https://irb.example.com/protocols/7
    owner: ethics@example.com
    date: 2019-03-01
    expires: 2020-03-01
"""


def test_records_with_their_lines_and_expiry() -> None:
    found = records(document(".mlcomply-evidence.yaml", GOOD))
    assert [(r.subcategory, r.line, r.evidence_line, r.is_url) for r in found] == [
        ("GOVERN 2.2", 3, 6, False),
        ("MEASURE 2.2", 10, 12, True),
    ]
    assert found[0].statement == "every ML engineer completed the AI risk training"
    today = datetime.date(2026, 12, 7)
    assert [r.expired(today) for r in found] == [False, True]
    assert found[1].to_dict(today) == {
        "subcategory": "MEASURE 2.2",
        "statement": "IRB protocol followed",
        "evidence": "https://irb.example.com/protocols/7",
        "evidence_kind": "url",
        "owner": "ethics@example.com",
        "date": "2019-03-01",
        "expires": "2020-03-01",
        "line": 10,
        "expired": True,
    }


def test_only_comments_under_records_is_no_record() -> None:
    assert records(document("e.yaml", "version: 1\nrecords:\n#  - subcategory: GOVERN 2.2\n")) == ()


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("subcategory: MEASURE 2.2", "subcategory: MEASURE 2.99", 10, "unknown AI RMF 1.0 subcategory id"),
        ("subcategory: GOVERN 2.2", "subcategory: Govern two", 3, "records/0/subcategory: expected a string matching"),
        ("evidence: docs/training.md", "evidence: ../outside.md", 6, "relative path inside the repository"),
        ("evidence: docs/training.md", "evidence: /etc/passwd", 6, "relative path inside the repository"),
        ("evidence: docs/training.md", "evidence: ftp://files.example.com/x", 6, "must start with https://"),
        ("expires: 2020-03-01", "expires: next year", 15, "records/1/expires: expected a valid date"),
        ("    owner: ethics@example.com\n", "", 10, "records/1: missing required key 'owner'"),
        ("version: 1", "version: 2", 1, "version: expected 1"),
    ],
)
def test_problems_name_the_line(old: str, new: str, line: int, message: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(LoadError) as err:
        document(".mlcomply-evidence.yaml", text)
    assert err.value.line == line
    assert message in err.value.message


def test_an_unknown_id_is_not_quoted() -> None:
    """No value from the file goes into an error message."""
    with pytest.raises(LoadError) as err:
        document("e.yaml", GOOD.replace("MEASURE 2.2", "MEASURE 9.9"))
    assert "9.9" not in err.value.message


@pytest.mark.parametrize(
    ("evidence", "ok"),
    [("docs/a.md", True), ("docs/", True), ("a\\b", False), ("./../x", False), ("c:/x", False), ("/abs", False)],
)
def test_path_shapes(evidence: str, ok: bool) -> None:
    assert (path_problem(evidence) is None) is ok
