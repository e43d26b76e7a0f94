"""The org report model, built from the history; the writers render it as JSON, Markdown, HTML.

Risk score of a repository = 10 x critical + 5 x high + 2 x medium + 1 x low (info counts 0):
roughly what each severity costs to leave open, so one critical outweighs a handful of mediums.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.inventory.summary import coverage
from scanner.org.atlas_summary import atlas_summary
from scanner.org.evidence import evidence_coverage
from scanner.org.history import History
from scanner.org.nist_status import NOT_ASSESSED, ORG_ORDER, STATUSES, subcategories
from scanner.severity import SEVERITIES, rank

FORMAT_VERSION = 3  # 2: NIST status "concerns"; 3: evidence records (attested, attestation-expired)
RISK_WEIGHTS = {"critical": 10, "high": 5, "medium": 2, "low": 1, "info": 0}
TOP_RULES = 10


def risk_score(by_severity: dict[str, int]) -> int:
    return sum(RISK_WEIGHTS[s] * by_severity[s] for s in SEVERITIES)


def _counts(row: sqlite3.Row) -> dict[str, int] | None:
    if row["status"] != "ok":
        return None
    counts = {s: int(row[s]) for s in SEVERITIES}
    return {**counts, "total": sum(counts.values())}


def _run(row: sqlite3.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "id": row["id"],
        "started": row["started"],
        "finished": row["finished"],
        "mlcomply_version": row["mlcomply_version"],
        "settings": json.loads(row["settings"]),
    }


def _finding(repo: str, row: sqlite3.Row) -> dict[str, Any]:
    keys = ("rule_id", "severity", "path", "location", "fingerprint")
    return {"repo": repo, **{k: row[k] for k in keys}}


def _changes(history: History, run_id: int, previous: int | None, repos: list[dict[str, Any]]) -> dict[str, list]:
    """New and fixed findings by fingerprint, for repositories scanned fine in both runs."""
    new: list[dict[str, Any]] = []
    fixed: list[dict[str, Any]] = []
    before_ok = {r["repo"] for r in history.repo_runs(previous) if r["status"] == "ok"} if previous else set()
    for repo in repos:
        if repo["error"] is not None or repo["name"] not in before_ok:
            repo["new"] = repo["fixed"] = None
            continue
        now = {r["fingerprint"]: r for r in history.findings(run_id, repo["name"])}
        then = {r["fingerprint"]: r for r in history.findings(previous, repo["name"])}  # type: ignore[arg-type]
        added = [_finding(repo["name"], now[fp]) for fp in now.keys() - then.keys()]
        gone = [_finding(repo["name"], then[fp]) for fp in then.keys() - now.keys()]
        repo["new"], repo["fixed"] = len(added), len(gone)
        new.extend(added)
        fixed.extend(gone)
    order = lambda f: (-rank(f["severity"]), f["repo"], f["path"], f["rule_id"], f["location"])  # noqa: E731
    return {"new": sorted(new, key=order), "fixed": sorted(fixed, key=order)}


def _nist(history: History, run_id: int) -> dict[str, Any]:
    tally: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for row in history.nist_statuses(run_id):
        tally[row["subcategory"]][row["status"]] = row["repos"]
    subs = []
    for sub in subcategories():
        counts = tally[sub["id"]]
        # The worst status of any repository (one repository's open finding is a concern); a
        # subcategory is attested only when every repository without a static result attests it.
        status = next((s for s in ORG_ORDER if counts[s]), NOT_ASSESSED)
        subs.append({**sub, "status": status, "repos": counts})
    summary = {s: sum(x["status"] == s for x in subs) for s in STATUSES}
    by_function = {
        fn: {
            "total": sum(x["function"] == fn for x in subs),
            **{s: sum(x["function"] == fn and x["status"] == s for x in subs) for s in STATUSES},
        }
        for fn in dict.fromkeys(x["function"] for x in subs)
    }
    return {"total": len(subs), **summary, "by_function": by_function, "subcategories": subs}


def _trends(history: History, runs: list[sqlite3.Row]) -> list[dict[str, Any]]:
    out = []
    for run in runs:
        rows = history.repo_runs(run["id"])
        totals = {s: 0 for s in SEVERITIES}
        for row in rows:
            if row["status"] == "ok":
                for s in SEVERITIES:
                    totals[s] += row[s]
        out.append(
            {
                "run_id": run["id"],
                "started": run["started"],
                "repos": len(rows),
                "failed": sum(r["status"] != "ok" for r in rows),
                "findings": {**totals, "total": sum(totals.values())},
            }
        )
    return out


def _ai_inventory(history: History, run_id: int, repos: list[dict[str, Any]]) -> dict[str, Any]:
    """Models and datasets per repository, with hash coverage (repositories scanned fine only)."""
    found = history.inventories(run_id)
    rows = [
        {"repo": r["name"], **found[r["name"]], "coverage": coverage(found[r["name"]])}
        for r in sorted(repos, key=lambda r: r["name"])
        if r["name"] in found
    ]
    keys = ("models", "model_files", "model_files_hashed", "datasets", "datasets_hashed", "datasets_strong")
    totals = {k: sum(r["coverage"][k] for r in rows) for k in keys}
    return {"totals": {"repos_with_models": sum(bool(r["models"]) for r in rows), **totals}, "repos": rows}


def build_report(history: History, max_runs: int = 12) -> dict[str, Any]:
    runs = history.finished_runs(max(2, max_runs))
    if not runs:
        raise FatalError(f"read history {history.path}: no finished run yet; run `mlcomply org scan` first")
    current = runs[-1]
    previous = runs[-2] if len(runs) > 1 else None
    repos = []
    for row in history.repo_runs(current["id"]):
        counts = _counts(row)
        repos.append(
            {
                "name": row["repo"],
                "status": row["status"],
                "error": row["error"],
                "commit": row["commit_sha"],
                "seconds": round(row["seconds"], 3),
                "findings": counts,
                "risk_score": None if counts is None else risk_score(counts),
            }
        )
    shown = runs[-max_runs:]
    totals_by_run = [history.repo_totals(run["id"]) for run in shown]
    for repo in repos:
        # Total findings per shown run (aligned with `trends`); null where it failed or was absent.
        repo["history"] = [totals.get(repo["name"]) for totals in totals_by_run]
    changes = _changes(history, current["id"], previous["id"] if previous else None, repos)
    # Highest risk first; failed scans (unknown risk) after every scored repository.
    repos.sort(key=lambda r: (r["risk_score"] is None, -(r["risk_score"] or 0), r["name"]))
    for i, repo in enumerate(repos, 1):
        repo["rank"] = i if repo["risk_score"] is not None else None
    ok = [r for r in repos if r["findings"] is not None]
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "mlcomply", "version": __version__},
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "run": _run(current),
        "previous_run": _run(previous),
        "risk_weights": RISK_WEIGHTS,
        "totals": {
            "repos": len(repos),
            "scanned": len(ok),
            "failed": len(repos) - len(ok),
            "findings": {s: sum(r["findings"][s] for r in ok) for s in (*SEVERITIES, "total")},
        },
        "repos": repos,
        "nist_ai_rmf": _nist(history, current["id"]),
        "evidence": evidence_coverage(history, current["id"]),
        "mitre_atlas": atlas_summary(history, current["id"]),
        "top_rules": [
            {k: row[k] for k in ("rule_id", "title", "severity", "category", "findings", "repos")}
            for row in history.rule_counts(current["id"])[:TOP_RULES]
        ],
        "trends": _trends(history, shown),
        "changes": changes,
        "ai_inventory": _ai_inventory(history, current["id"], repos),
    }
