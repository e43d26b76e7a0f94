"""The judged real-world sample: one verdict per finding, and what a scan's findings score.

`bench/realworld/judgments.json` is a list of judgements, one per finding the scanner reported
(or once reported) at medium or above on a pinned checkout:

    {"repository": "katib", "commit": "<pinned sha>", "path": "a/b.yaml", "line": 12,
     "rule": "MLC-K8S-IMAGE-001", "address": null, "caller": null, "verdict": "TP", "why": "own words"}

`address` is the finding's logical address when it has one (a Terraform resource address such as
`module.log_bucket.aws_s3_bucket.this[0]`): one module file reached from several roots gives
several findings on one line, told apart by it, and `caller` (the calling root module, when a
module is called from several roots under one module name).

Verdicts: TP (worth acting on), FP (wrong: the file does not say what the finding says),
noise (true but nobody would act on it at that severity). A judgement stays in the file after
the finding it judged is gone: a judged TP that is no longer reported is a lost true positive,
a judged FP or noise that is gone is a fix. Precision counts the findings a scan reports at
medium and above: TP / (TP + FP + noise).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERDICTS = ("TP", "FP", "noise")
GATED = ("critical", "high", "medium")
FIELDS = ("repository", "commit", "path", "line", "rule", "address", "caller", "verdict", "why")


class JudgementError(ValueError):
    """The judgement file is not what this module promises; the message names the entry."""


def judgement_key(
    repository: str,
    commit: str | None,
    path: str,
    line: int | None,
    rule: str,
    address: str | None = None,
    caller: str | None = None,
) -> str:
    """The same key `realworld.finding_key` gives a reported finding."""
    key = f"{repository}@{commit}:{path}:{line}:{rule}"
    key = f"{key}:{address}" if address else key
    return f"{key}<-{caller}" if caller else key


def load_judgements(path: Path, pins: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Judgements by key. Every entry has every field, a known verdict, a reason in words, and
    (when `pins` maps repository -> pinned commit) the pinned commit of a pinned repository."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise JudgementError(f"{path}: expected a list of judgements")
    out: dict[str, dict[str, Any]] = {}
    for n, entry in enumerate(entries):
        where = f"{path} entry {n}"
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            raise JudgementError(f"{where}: expected exactly the fields {', '.join(FIELDS)}")
        if entry["verdict"] not in VERDICTS:
            raise JudgementError(f"{where}: verdict {entry['verdict']!r} is not one of {', '.join(VERDICTS)}")
        if not isinstance(entry["why"], str) or len(entry["why"].split()) < 3:
            raise JudgementError(f"{where}: 'why' must say in words why ({entry['why']!r})")
        if pins is not None and pins.get(entry["repository"]) != entry["commit"]:
            raise JudgementError(f"{where}: {entry['repository']} is not pinned at {entry['commit']}")
        key = judgement_key(
            entry["repository"],
            entry["commit"],
            entry["path"],
            entry["line"],
            entry["rule"],
            entry["address"],
            entry["caller"],
        )
        if key in out:
            raise JudgementError(f"{where}: {key} is judged twice")
        out[key] = entry
    return out


@dataclass
class Score:
    """What one scan's findings at medium and above score against the judgements."""

    per_rule: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    unjudged: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # judged TP, not reported at all
    demoted: list[str] = field(default_factory=list)  # judged TP, reported below medium

    @property
    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.per_rule.values():
            out.update(counts)
        return out

    @staticmethod
    def precision(counts: Counter[str]) -> float | None:
        judged = sum(counts[v] for v in VERDICTS)
        return counts["TP"] / judged if judged else None


def score(findings: list[dict[str, Any]], judgements: dict[str, dict[str, Any]]) -> Score:
    """`findings`: dicts with `key`, `rule_id` and `severity` (as `realworld.py --json` writes)."""
    result = Score()
    reported: dict[str, str] = {}
    for f in findings:
        reported[f["key"]] = f["severity"]
        if f["severity"] not in GATED:
            continue
        verdict = judgements.get(f["key"], {}).get("verdict")
        if verdict is None:
            result.unjudged.append(f["key"])
        else:
            result.per_rule[f["rule_id"]][verdict] += 1
    for key, entry in judgements.items():
        if entry["verdict"] != "TP":
            continue
        if key not in reported:
            result.lost.append(key)
        elif reported[key] not in GATED:
            result.demoted.append(key)
    return result


def failures(result: Score, overall: float = 0.90, per_rule: float = 0.80, min_judged: int = 5) -> list[str]:
    """Why this score does not meet the bar (empty when it does)."""
    out = []
    if result.unjudged:
        out.append(f"{len(result.unjudged)} finding(s) at medium or above are not judged")
    if result.lost:
        out.append(f"{len(result.lost)} judged true positive(s) are no longer reported")
    total = Score.precision(result.total)
    if total is not None and total < overall:
        out.append(f"overall precision {total:.1%} is below {overall:.0%}")
    for rule, counts in sorted(result.per_rule.items()):
        p = Score.precision(counts)
        if p is not None and sum(counts.values()) >= min_judged and p < per_rule:
            out.append(f"{rule}: precision {p:.1%} on {sum(counts.values())} findings is below {per_rule:.0%}")
    return out


def table(result: Score) -> list[str]:
    """Precision per rule and overall, most findings first."""
    lines = [f"{'rule':<28} {'TP':>5} {'FP':>5} {'noise':>5} {'precision':>10}"]
    rows = sorted(result.per_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for rule, counts in [*rows, ("overall", result.total)]:
        p = Score.precision(counts)
        shown = "-" if p is None else f"{p:.1%}"
        lines.append(f"{rule:<28} {counts['TP']:>5} {counts['FP']:>5} {counts['noise']:>5} {shown:>10}")
    return lines
