"""Rebuild `techniques.json` from a checkout of mitre-atlas/atlas-data.

    git clone https://github.com/mitre-atlas/atlas-data /tmp/atlas-data
    python -m scanner.atlas.regenerate /tmp/atlas-data

Reads the published release file `dist/ATLAS.yaml` (never the contribution sources, which use a
custom `!include` tag) and keeps ids, names, tactics and URLs only: the descriptions stay on
atlas.mitre.org, which every technique links to. The output is deterministic (sorted by id), so
a regeneration diff shows exactly which techniques a release added, renamed or moved.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from scanner.atlas.catalog import DATA_FILE

SITE = "https://atlas.mitre.org"
REPOSITORY = "https://github.com/mitre-atlas/atlas-data"
LICENSE_NOTE = (
    "Technique and tactic ids, names and tactic assignments from MITRE ATLAS "
    "(https://atlas.mitre.org), Copyright 2021-2025 MITRE, licensed under the Apache License, "
    "Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0); extracted unmodified from "
    "dist/ATLAS.yaml of mitre-atlas/atlas-data."
)


def build(atlas: dict[str, Any], commit: str | None) -> dict[str, Any]:
    """The shipped catalogue from the parsed ATLAS.yaml. Sub-techniques carry no tactics in the
    source: they inherit their parent's, which is how atlas.mitre.org files them."""
    matrix = next(m for m in atlas["matrices"] if m["id"] == "ATLAS")
    by_id = {t["id"]: t for t in matrix["techniques"]}
    techniques = []
    for tid in sorted(by_id):
        t = by_id[tid]
        parent = t.get("subtechnique-of")
        tactics = t.get("tactics") or (by_id[parent].get("tactics", []) if parent in by_id else [])
        techniques.append(
            {
                "id": tid,
                "name": t["name"],
                "parent": parent,
                "tactics": list(tactics),
                "url": f"{SITE}/techniques/{tid}",
            }
        )
    tactics = [{"id": t["id"], "name": t["name"], "url": f"{SITE}/tactics/{t['id']}"} for t in matrix["tactics"]]
    return {
        "name": atlas["name"],
        "version": str(atlas["version"]),
        "source": {"repository": REPOSITORY, "file": "dist/ATLAS.yaml", "commit": commit},
        "license": "Apache-2.0",
        "license_note": LICENSE_NOTE,
        "tactics": tactics,
        "techniques": techniques,
    }


def _commit(checkout: Path) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scanner.atlas.regenerate", description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout of mitre-atlas/atlas-data")
    parser.add_argument("--output", type=Path, default=DATA_FILE, help="where to write (default: the shipped file)")
    args = parser.parse_args(argv)
    source = args.checkout / "dist" / "ATLAS.yaml"
    try:
        atlas = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        print(f"read {source}: {exc}", file=sys.stderr)
        return 2
    catalogue = build(atlas, _commit(args.checkout))
    args.output.write_text(json.dumps(catalogue, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: ATLAS {catalogue['version']}, {len(catalogue['techniques'])} techniques")
    return 0


if __name__ == "__main__":
    sys.exit(main())
