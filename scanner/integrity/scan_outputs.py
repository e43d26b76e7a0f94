"""What `mlcomply scan` adds to its outputs for integrity: the datasets' Merkle digests (JSON
results) and the in-toto statement (--attestation-output). Called by the CLI after the filter
stage, so the statement's summary is the one the results file and the console show."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scanner.config import Config
from scanner.integrity.attestation import statement
from scanner.integrity.datasets import dataset_digests
from scanner.scan import ScanResult

OUTPUT_OPTIONS = (
    "json_output",
    "sarif_output",
    "report_output",
    "attestation_output",
    "cyclonedx_output",
    "openlineage_output",
)


def add_dataset_digests(result: ScanResult, config: Config) -> None:
    """Set `result.datasets`; a dataset that cannot be digested is a scan error."""
    result.datasets, errors = dataset_digests(result.root, result.docs, config.budgets)
    result.errors.extend(errors)
    result.errors.sort(key=lambda e: (e.path, e.line or 0, e.message))


def own_outputs(args: argparse.Namespace, root: Path) -> list[str]:
    """This scan's output files that lie inside the scanned tree, repo-relative."""
    out = []
    for option in OUTPUT_OPTIONS:
        path = getattr(args, option, None)
        if path is not None:
            absolute = Path(path).absolute()
            if absolute.is_relative_to(root):
                out.append(absolute.relative_to(root).as_posix())
    return sorted(out)


def scan_statement(
    args: argparse.Namespace, config: Config, result: ScanResult, results_doc: dict[str, Any], base: dict[str, Any]
) -> dict[str, Any]:
    """The statement of this scan; `base`: the settings a baseline records (filters.settings)."""
    settings = {
        **base,
        "fail_on": args.fail_on or config.fail_on or "high",
        "profile": args.profile or config.profile or "default",
        "exclude": sorted([*config.exclude, *args.exclude]),
        "diff_base": getattr(args, "diff_base", None),
        "files_only": bool(getattr(args, "files_only", False)),
        "config": str(args.config) if args.config else None,
    }
    files = result.listing.files if result.listing is not None else ()
    return statement(result.root, files, result.datasets or [], results_doc, settings, own_outputs(args, result.root))
