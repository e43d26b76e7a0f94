"""The command line of the inventory: `scan --cyclonedx-output/--openlineage-output` and
`mlcomply bom [PATH...]`. One inventory per scan feeds both writers."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.errors import FatalError
from scanner.writers.escape import console_text

if TYPE_CHECKING:
    from scanner.inventory.model import Inventory

# The inventory itself is imported by the commands that write one: every scan builds this
# module's options, and most write no BOM or lineage.
EVENT_SHAPES = ("static", "run")  # --openlineage-events: one static job per pipeline, or run events

BOM_HELP = """\
Write the CycloneDX 1.6 ML-BOM of a repository: its models (with their model cards), datasets
and model files, their hashes and the lineage between them. No rule runs; every file is loaded as
in a scan. Exit 0 when the BOM is written, 2 on a usage or configuration error."""


def add_scan_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("inventory and lineage")
    g.add_argument(
        "--cyclonedx-output",
        type=Path,
        metavar="F",
        help="write the CycloneDX 1.6 ML-BOM (models, datasets, model files, lineage) to F",
    )
    g.add_argument(
        "--openlineage-output",
        type=Path,
        metavar="F",
        help="write the lineage the scan knows as OpenLineage 2-0-2 events to F (JSON Lines)",
    )
    g.add_argument(
        "--openlineage-events",
        choices=EVENT_SHAPES,
        default="static",
        help="static: JobEvent/DatasetEvent (Marquez); run: COMPLETE RunEvents (DataHub, OpenMetadata)",
    )
    g.add_argument(
        "--openlineage-namespace",
        metavar="NS",
        help="OpenLineage namespace of the jobs and repository datasets (default: mlcomply://<root folder>)",
    )


def add_parser(sub: Any) -> None:
    bom = sub.add_parser("bom", help="write the CycloneDX ML-BOM of a repository", description=BOM_HELP)
    bom.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="directory or files (default: .)")
    bom.add_argument("--output", type=Path, metavar="F", help="write the BOM to F (default: standard output)")
    bom.add_argument("--max-file-bytes", type=int, metavar="N", help="files larger than N bytes are not loaded")


def link_bom(sarif: dict[str, Any], args: argparse.Namespace) -> None:
    """Findings stay in SARIF; its run names the BOM written beside it."""
    if getattr(args, "cyclonedx_output", None):
        for run in sarif.get("runs", []):
            run.setdefault("properties", {})["mlcomply-cyclonedx-bom"] = args.cyclonedx_output.name


def event_time(root: Path) -> str:
    """`SOURCE_DATE_EPOCH` (reproducible builds), else the scanned commit's time, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    from scanner.vcs import safegit

    done = safegit.run(root, "log", "-1", "--format=%cI", text=True)
    stamp = done.stdout.strip() if done.returncode == 0 else ""
    try:
        return datetime.fromisoformat(stamp).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def listed(paths: list[Path]) -> frozenset[str]:
    """The repository paths the scan listed (the same walk: its skips and trust rules)."""
    from scanner.walk import list_files

    return frozenset(f.rel for f in list_files(paths or [Path(".")]).files)


def with_merkle_roots(inv: Inventory, result: Any) -> None:
    """Each dataset that is in the tree gets its Merkle root (scanner.integrity) as a property:
    the same root the JSON results and the attestation record, so a BOM can be checked against the
    data it names. The scan's own digests when it computed them, otherwise computed here."""
    from scanner.integrity.declared_roots import ALGORITHM

    digests = getattr(result, "datasets", None)
    if digests is None:
        from scanner.integrity.datasets import dataset_digests

        digests, _ = dataset_digests(result.root, result.docs)  # their errors are the scan's to report
    by_path = {d.path: d for d in digests}
    for dataset in inv.datasets.values():
        digest = by_path.get(dataset.location or "")
        if digest is not None:
            # the digest form a provenance record declares (scanner.integrity.declared_roots)
            dataset.properties["merkle-root"] = f"{ALGORITHM}:{digest.root}"
            dataset.properties["merkle-files"] = str(len(digest.files))


def write_outputs(result: Any, args: argparse.Namespace) -> None:
    """The BOM and the lineage events the options ask for, from one inventory of `result`."""
    if not (getattr(args, "cyclonedx_output", None) or getattr(args, "openlineage_output", None)):
        return
    from scanner.filters.stage import scan_paths
    from scanner.inventory.build import build
    from scanner.writers.json_bytes import dumps
    from scanner.writers.safe_file import write_output

    inv, notes = build(result.docs, result.root, files=listed(scan_paths(args)))
    with_merkle_roots(inv, result)
    for note in notes:
        print(f"mlcomply: note: {console_text(note)}", file=sys.stderr)
    if args.cyclonedx_output:
        from scanner.writers import cyclonedx

        text = dumps(cyclonedx.to_cyclonedx(inv, result.root.name)).decode("utf-8")
        cyclonedx.validate(text)
        write_output(args.cyclonedx_output, text)
    if args.openlineage_output:
        from scanner.writers import openlineage

        namespace = args.openlineage_namespace or f"mlcomply://{result.root.name}"
        evs = openlineage.events(inv, namespace, event_time(result.root), args.openlineage_events)
        write_output(args.openlineage_output, openlineage.to_json_lines(evs))


def run_bom(args: argparse.Namespace) -> int:
    from scanner.inventory.build import build
    from scanner.rulesets import load_ruleset
    from scanner.scan import DEFAULT_MAX_FILE_BYTES, scan
    from scanner.writers import cyclonedx
    from scanner.writers.json_bytes import dumps
    from scanner.writers.safe_file import write_output

    if args.max_file_bytes is not None and args.max_file_bytes < 1:
        raise FatalError(f"--max-file-bytes {args.max_file_bytes}: must be at least 1")
    paths = args.paths or [Path(".")]
    for p in paths:
        if not p.exists():
            raise FatalError(f"bom {p}: no such file or directory")
    result = scan(paths, load_ruleset([], [], builtin=False), args.max_file_bytes or DEFAULT_MAX_FILE_BYTES)
    inv, notes = build(result.docs, result.root, files=listed(paths))
    with_merkle_roots(inv, result)
    for note in notes:
        print(f"mlcomply: note: {console_text(note)}", file=sys.stderr)
    if result.errors:
        unread = len(result.errors)
        print(f"mlcomply: note: {unread} file(s) could not be read fully (run scan for details)", file=sys.stderr)
    text = dumps(cyclonedx.to_cyclonedx(inv, result.root.name)).decode("utf-8")
    cyclonedx.validate(text)
    if args.output:
        write_output(args.output, text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
