"""Secrets findings on large real codebases, against a committed verdict per finding.

    python bench/secrets_realcode.py FOLDER [--verdicts F] [--only NAME ...] [--json-dir D]

FOLDER holds one git checkout per subfolder (fetched ML codebases: diffusers, accelerate, ...;
never committed here). Each is scanned by this checkout's scanner in a subprocess with only the
secrets rules (`python -m scanner scan DIR --config <secrets only> --json-output ...`), and
every finding is looked up in the verdict file (`bench/secrets_realcode/verdicts.json`: repo,
commit, path, line, rule, verdict `TP` or `wrong`, why; facts only, no secret values, no file
contents). One line per repository: files, findings, TP, wrong, findings at low for their place
(fixture, docs, vendored...), and wrong findings per 10,000 files outside test fixtures (the
target is at most 5). Exit 1 when a finding has no verdict or a judged TP is no longer reported.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "secrets_realcode" / "verdicts.json"
TARGET_PER_10K = 5.0
FIXTURE_REASON = "test fixture"


@dataclass
class Row:
    repo: str
    files: int = 0
    findings: int = 0
    tp: int = 0
    wrong: int = 0
    low_for_place: int = 0
    wrong_outside_fixtures: int = 0
    unjudged: int = 0

    def per_10k(self) -> float:
        return 10_000 * self.wrong_outside_fixtures / max(self.files, 1)


def secrets_config(directory: Path) -> Path:
    """A config selecting the secrets rules only, outside the scanned trees."""
    sys.path.insert(0, str(HERE.parent))
    from rules.secrets.secrets import RULES

    path = directory / "secrets-only.yaml"
    path.write_text("select_rules: [" + ", ".join(r.id for r in RULES) + "]\n", encoding="utf-8")
    return path


def scan(checkout: Path, config: Path, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "scanner", "scan", str(checkout), "--config", str(config)]
    cmd += ["--json-output", str(out), "--fail-on", "none", "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"scan {checkout.name}: exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def commit_of(checkout: Path) -> str:
    out = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip()


def key(repo: str, path: str, line: int, rule: str) -> tuple[str, str, int, str]:
    return (repo, path, int(line), rule)


def tally(repo: str, result: dict[str, Any], verdicts: dict[tuple[str, str, int, str], dict[str, Any]]) -> Row:
    row = Row(repo, files=int(result["summary"].get("files_scanned", 0)))
    for f in result["findings"]:
        row.findings += 1
        reason = str(dict(f.get("properties") or {}).get("severity_reason", ""))
        if reason:
            row.low_for_place += 1
        v = verdicts.get(key(repo, f["path"], f["start_line"], f["rule_id"]))
        if v is None:
            row.unjudged += 1
            print(f"  unjudged: {repo} {f['path']}:{f['start_line']} {f['rule_id']} {f['message']}")
        elif v["verdict"] == "TP":
            row.tp += 1
        else:
            row.wrong += 1
            if FIXTURE_REASON not in reason:
                row.wrong_outside_fixtures += 1
    return row


def lost_tps(repo: str, result: dict[str, Any], verdicts: Iterable[dict[str, Any]]) -> list[str]:
    reported = {key(repo, f["path"], f["start_line"], f["rule_id"]) for f in result["findings"]}
    return [
        f"{v['path']}:{v['line']} {v['rule']}"
        for v in verdicts
        if v["repo"] == repo and v["verdict"] == "TP" and key(repo, v["path"], v["line"], v["rule"]) not in reported
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path, help="one git checkout per subfolder")
    p.add_argument("--verdicts", type=Path, default=VERDICTS, help="the verdict file (default: %(default)s)")
    p.add_argument("--only", nargs="+", metavar="NAME", help="scan only these subfolders")
    p.add_argument("--json-dir", type=Path, metavar="D", help="keep each scan's JSON output in D")
    args = p.parse_args(argv)
    judged = json.loads(args.verdicts.read_text(encoding="utf-8"))
    verdicts = {key(v["repo"], v["path"], v["line"], v["rule"]): v for v in judged}
    checkouts = sorted(d for d in args.folder.iterdir() if d.is_dir() and (not args.only or d.name in args.only))
    rows, lost, stale = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        config = secrets_config(Path(tmp))
        out_dir = args.json_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for checkout in checkouts:
            result = scan(checkout, config, out_dir / f"{checkout.name}.json")
            commit = commit_of(checkout)
            stale += [
                f"{checkout.name}: verdicts for {v['commit'][:12]}, checkout at {commit[:12]}"
                for v in judged
                if v["repo"] == checkout.name and v["commit"] != commit
            ][:1]
            rows.append(tally(checkout.name, result, verdicts))
            lost += [f"{checkout.name} {x}" for x in lost_tps(checkout.name, result, judged)]
    total = Row("TOTAL")
    print(f"{'repo':<20} {'files':>7} {'findings':>8} {'TP':>4} {'wrong':>5} {'low*':>5} {'wrong/10k':>9}")
    for r in [*rows, total]:
        if r is not total:
            for name in ("files", "findings", "tp", "wrong", "low_for_place", "wrong_outside_fixtures", "unjudged"):
                setattr(total, name, getattr(total, name) + getattr(r, name))
        print(
            f"{r.repo:<20} {r.files:>7} {r.findings:>8} {r.tp:>4} {r.wrong:>5} {r.low_for_place:>5} {r.per_10k():>9.2f}"
        )
    print(
        "low*: reported at low for their place (fixture, example, template, docs, vendored); "
        f"wrong/10k: wrong findings outside test fixtures per 10,000 files (target <= {TARGET_PER_10K})"
    )
    for line in stale + [f"lost TP: {x}" for x in lost]:
        print(line)
    return 1 if total.unjudged or lost or total.per_10k() > TARGET_PER_10K else 0


if __name__ == "__main__":
    sys.exit(main())
