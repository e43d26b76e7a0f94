"""Evidence-record coverage across the org: which repositories attest what, and what lapsed.

Record counts come from each repository's stored results document (its `evidence` section, the
records its own scan trusted); statuses per repository from the history's NIST statuses, so a
subcategory a static result decides is not counted as attested, as in the per-repository report.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from typing import Any

from scanner.org.history import History
from scanner.org.nist_status import ATTESTATION, ATTESTATION_EXPIRED, ATTESTED, NOT_ASSESSED, subcategories


def _records(blob: bytes | None) -> list[dict[str, Any]] | None:
    """The evidence records of a stored results document; None without an evidence file."""
    if blob is None:
        return None
    evidence = json.loads(zlib.decompress(blob)).get("evidence")
    return None if evidence is None else list(evidence["records"])


def evidence_coverage(history: History, run_id: int) -> dict[str, Any]:
    statuses: dict[str, dict[str, int]] = defaultdict(dict)
    for row in history.nist_statuses_by_repo(run_id):
        statuses[row["repo"]][row["status"]] = row["subcategories"]
    by_repo = []
    by_sub: dict[str, dict[str, int]] = defaultdict(lambda: {"records": 0, "expired": 0, "repos": 0})
    for row in history.repo_runs(run_id):
        if row["status"] != "ok":
            continue
        records = _records(row["results"])
        counts = statuses[row["repo"]]
        by_repo.append(
            {
                "repo": row["repo"],
                "evidence_file": records is not None,
                "records": len(records or ()),
                "expired": sum(r["expired"] for r in records or ()),
                "attested": counts.get(ATTESTED, 0),
                "attestation_expired": counts.get(ATTESTATION_EXPIRED, 0),
                # Subcategories with neither a static result nor a record: what a record could cover.
                "open": counts.get(ATTESTATION, 0) + counts.get(NOT_ASSESSED, 0),
            }
        )
        for sub_id in {r["subcategory"] for r in records or ()}:
            by_sub[sub_id]["repos"] += 1
        for r in records or ():
            by_sub[r["subcategory"]]["records"] += 1
            by_sub[r["subcategory"]]["expired"] += r["expired"]
    order = {s["id"]: i for i, s in enumerate(subcategories())}
    labels = {s["id"]: s["label"] for s in subcategories()}
    return {
        "repos": len(by_repo),
        "repos_with_evidence_file": sum(r["evidence_file"] for r in by_repo),
        "records": sum(r["records"] for r in by_repo),
        "expired": sum(r["expired"] for r in by_repo),
        "by_repo": by_repo,
        "by_subcategory": [
            {"id": sid, "label": labels[sid], **by_sub[sid]} for sid in sorted(by_sub, key=order.__getitem__)
        ],
    }
