"""What the org history keeps of a repository's inventory, and the org report's "AI inventory":
its models and datasets with their hash coverage (how many a record pins by a hash, how many by a
strong one; see `model.grade_of`)."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Inventory, grade_of


def summarise(inv: Inventory) -> dict[str, Any]:
    """A small JSON-compatible summary (names, ids and grades only: no text of the repository's
    cards), sorted, so it stores and compares cleanly."""
    models = []
    for m in sorted(inv.models.values(), key=lambda m: m.id):
        files = [inv.artifacts[f] for f in m.files if f in inv.artifacts]
        models.append(
            {
                "id": m.id,
                "name": m.name,
                "files": len(files),
                "hashed_files": sum(grade_of(f.hashes) != "none" for f in files),
                "grade": grade_of([h for f in files for h in f.hashes]),
                "datasets": list(m.datasets),
            }
        )
    datasets = [
        {"id": d.id, "name": d.name, "location": d.location, "grade": grade_of(d.hashes)}
        for d in sorted(inv.datasets.values(), key=lambda d: d.id)
    ]
    return {"models": models, "datasets": datasets}


def coverage(summary: dict[str, Any]) -> dict[str, int]:
    models, datasets = summary.get("models", []), summary.get("datasets", [])
    return {
        "models": len(models),
        "model_files": sum(m["files"] for m in models),
        "model_files_hashed": sum(m["hashed_files"] for m in models),
        "datasets": len(datasets),
        "datasets_hashed": sum(d["grade"] != "none" for d in datasets),
        "datasets_strong": sum(d["grade"] == "strong" for d in datasets),
    }
