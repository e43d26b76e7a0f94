"""The judged real-world sample: its file is well formed and the scoring says what it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scripts import load_script

REPO_ROOT = Path(__file__).resolve().parents[2]


judge = load_script("bench/judge.py")


def _entry(**over: object) -> dict[str, object]:
    entry = {
        "repository": "r",
        "commit": "c1",
        "path": "a.tf",
        "line": 3,
        "rule": "MLC-X-001",
        "address": None,
        "caller": None,
        "verdict": "TP",
        "why": "a real open bucket",
    }
    entry.update(over)
    return entry


def _write(tmp_path: Path, entries: list[dict[str, object]]) -> Path:
    path = tmp_path / "judgments.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def _finding(line: int, severity: str = "high", rule: str = "MLC-X-001", address: str | None = None) -> dict:
    return {
        "key": judge.judgement_key("r", "c1", "a.tf", line, rule, address),
        "rule_id": rule,
        "severity": severity,
    }


def test_the_committed_sample_is_well_formed_and_pinned() -> None:
    pins = {p["name"]: p["commit"] for p in json.loads((REPO_ROOT / "bench/realworld/repos.json").read_text())}
    judged = judge.load_judgements(REPO_ROOT / "bench/realworld/judgments.json", pins)
    assert len(judged) >= 150
    assert {e["repository"] for e in judged.values()} <= set(pins)


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        (_entry(verdict="maybe"), "verdict"),
        (_entry(why="bad"), "in words"),
        (_entry(commit="other"), "not pinned"),
        ({k: v for k, v in _entry().items() if k != "address"}, "fields"),
    ],
)
def test_a_bad_judgement_is_named(tmp_path: Path, entry: dict, complaint: str) -> None:
    with pytest.raises(judge.JudgementError, match=complaint):
        judge.load_judgements(_write(tmp_path, [entry]), {"r": "c1"})


def test_the_same_finding_judged_twice_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(judge.JudgementError, match="twice"):
        judge.load_judgements(_write(tmp_path, [_entry(), _entry(verdict="FP")]), {"r": "c1"})


def test_score_counts_verdicts_and_finds_lost_demoted_and_unjudged(tmp_path: Path) -> None:
    judged = judge.load_judgements(
        _write(
            tmp_path,
            [
                _entry(line=1),
                _entry(line=2, verdict="FP", why="a reference, not a literal"),
                _entry(line=3),  # a true positive the scan no longer reports
                _entry(line=4),  # a true positive now reported at low
            ],
        ),
        {"r": "c1"},
    )
    result = judge.score([_finding(1), _finding(2), _finding(4, "low"), _finding(5)], judged)
    assert result.per_rule["MLC-X-001"] == {"TP": 1, "FP": 1}
    assert [k.split(":")[-2] for k in result.unjudged] == ["5"]
    assert [k.split(":")[-2] for k in result.lost] == ["3"]
    assert [k.split(":")[-2] for k in result.demoted] == ["4"]
    problems = judge.failures(result)
    assert any("not judged" in p for p in problems)
    assert any("no longer reported" in p for p in problems)
    assert any("overall precision 50.0%" in p for p in problems)


def test_findings_on_one_line_are_told_apart_by_address(tmp_path: Path) -> None:
    judged = judge.load_judgements(
        _write(
            tmp_path,
            [
                _entry(address="module.a.aws_s3_bucket.this[0]"),
                _entry(address="module.b.aws_s3_bucket.this[0]", verdict="noise", why="policy choice at medium"),
            ],
        ),
        {"r": "c1"},
    )
    result = judge.score(
        [_finding(3, address="module.a.aws_s3_bucket.this[0]"), _finding(3, address="module.b.aws_s3_bucket.this[0]")],
        judged,
    )
    assert result.per_rule["MLC-X-001"] == {"TP": 1, "noise": 1}


def test_one_module_called_from_two_roots_is_judged_per_caller(tmp_path: Path) -> None:
    address = "module.s3_bucket.aws_s3_bucket.this[0]"
    judged = judge.load_judgements(
        _write(
            tmp_path,
            [
                _entry(address=address, caller="examples/complete", verdict="FP", why="that root sets KMS"),
                _entry(address=address, caller="examples/object", why="that root sets nothing"),
            ],
        ),
        {"r": "c1"},
    )
    key = judge.judgement_key("r", "c1", "a.tf", 3, "MLC-X-001", address, "examples/object")
    result = judge.score([{"key": key, "rule_id": "MLC-X-001", "severity": "high"}], judged)
    assert result.per_rule["MLC-X-001"] == {"TP": 1}
    assert [k.rsplit("<-", 1)[-1] for k in result.lost] == []


def test_the_bar_per_rule_needs_five_judged_findings(tmp_path: Path) -> None:
    entries = [_entry(line=n, rule="MLC-Y-001", verdict="FP", why="wrong for a reason") for n in range(4)]
    entries += [_entry(line=100 + n) for n in range(40)]
    judged = judge.load_judgements(_write(tmp_path, entries), {"r": "c1"})
    findings = [_finding(n, rule="MLC-Y-001") for n in range(4)] + [_finding(100 + n) for n in range(40)]
    result = judge.score(findings, judged)
    assert judge.failures(result) == []  # 40/44 = 90.9% overall; MLC-Y-001 has only 4 judged
    result = judge.score([*findings, _finding(4, rule="MLC-Y-001")], judged)
    assert any("not judged" in p for p in judge.failures(result))
