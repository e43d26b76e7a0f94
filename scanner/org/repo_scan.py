"""One repository of an org run: check it out, scan it, and reduce the results for the history."""

from __future__ import annotations

import argparse
import json
import os
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.config import Config, load_config
from scanner.filters import stage as filters
from scanner.fingerprints import keys_from_env
from scanner.inventory.build import build as build_inventory
from scanner.inventory.commands import listed
from scanner.inventory.summary import summarise as inventory_summary
from scanner.org.nist_status import nist_statuses
from scanner.org.outcome import OK, FindingRow, RepoOutcome
from scanner.org.sources import RepoSpec, checkout, head_commit
from scanner.rulesets import RuleSet, load_ruleset
from scanner.scan import DEFAULT_MAX_FILE_BYTES, scan
from scanner.severity import SEVERITIES
from scanner.writers.json_out import to_json


def summarise(name: str, results: dict[str, Any], fail_on: str) -> RepoOutcome:
    active = [f for f in results["findings"] if f["suppression"] is None]
    by_sev = Counter(f["severity"] for f in active)
    return RepoOutcome(
        name=name,
        status=OK,
        seconds=0.0,
        by_severity={s: by_sev.get(s, 0) for s in SEVERITIES},
        rule_counts=dict(sorted(Counter(f["rule_id"] for f in active).items())),
        nist=nist_statuses(results, fail_on),
        findings=[
            FindingRow(
                f["fingerprint"],
                f["rule_id"],
                f["severity"],
                f["path"],
                f["address"] or f["pointer"] or f"line {f['start_line']}",
            )
            for f in active
        ],
        results=zlib.compress(json.dumps(results, sort_keys=True).encode(), 6),
    )


@dataclass(frozen=True)
class ScanSetup:
    """What every repository of a run is scanned with: the rules and the user's config."""

    ruleset: RuleSet
    config: Config

    @classmethod
    def from_config(cls, path: Path | None) -> ScanSetup:
        config = load_config(path)
        ruleset = load_ruleset(config.policy_dirs, config.rules_dirs)
        ruleset.configure(config, source=str(path))
        return cls(ruleset, config)


def scan_repository(spec: RepoSpec, cache_dir: Path, setup: ScanSetup, fail_on: str) -> RepoOutcome:
    started = time.perf_counter()
    root = checkout(spec, cache_dir)
    config = setup.config
    max_bytes = config.max_file_bytes or DEFAULT_MAX_FILE_BYTES
    # The org config (the operator's own file) may name the key of secret fingerprints.
    keys = keys_from_env(config.fingerprint_key_env, os.environ)
    result = scan(
        [root],
        setup.ruleset,
        max_bytes,
        config.rule_options,
        budgets=config.budgets,
        provenance_vocabulary=config.provenance_vocabulary,
        secret_keys=keys,
    )
    # The repository's own inline ignores and .mlcomply-ignore.yaml, as `mlcomply scan` applies them:
    # suppressed findings are kept (and counted) in the results, not in the finding counts.
    plain = argparse.Namespace(paths=[root], ignore_file=None, baseline=None, diff_base=None, files_only=False)
    result = filters.apply(result, plain, config, lambda paths: scan(paths, setup.ruleset, secret_keys=keys), notes=[])
    outcome = summarise(spec.name, to_json(result), fail_on)
    files = listed([root])  # weights no loader reads, and cards' checksum lines
    outcome.inventory = inventory_summary(build_inventory(result.docs, result.root, False, files)[0])
    outcome.commit = head_commit(root)
    outcome.seconds = time.perf_counter() - started
    return outcome
