"""Scan a corpus of real repositories and tabulate what happened to each one.

    python bench/realworld.py --fetch-list                 # what to fetch, pinned by bench/realworld/repos.json
    python bench/realworld.py --checkout-from MIRRORS CORPUS   # clone fetched mirrors at the pinned commits
    python bench/realworld.py CORPUS [--json table.json] [--only NAME ...] [--timeout 900]
    python bench/realworld.py CORPUS --judge [--from-json table.json]   # score against the judged sample

CORPUS holds one checkout per subfolder. Each is scanned by the scanner of this checkout, in a
subprocess (`python -m scanner scan DIR --sarif-output --json-output`), and one line per
repository is printed: files, documents, findings by severity, scan errors by kind, wall time,
peak RSS of the whole process tree, and how the scan ended (a crash, a traceback, a timeout, a
missing or unreadable output). `--json` writes the table with every finding and scan error, each
finding keyed by (repository, commit, path, line, rule) so a later judgement file can refer to it.
Exit code 1 when any scan crashed.

`--judge` scores the findings at medium and above against `bench/realworld/judgments.json`
(see bench/judge.py): precision per rule and overall, the judged true positives no longer
reported, and every reported finding nobody judged. It fails (exit 1) when a finding at medium
or above is not judged, a judged true positive is lost, overall precision is below 90%, or a
rule with at least 5 judged findings is below 80%. `--from-json` scores a table written earlier
by `--json` instead of scanning again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judge import JudgementError, failures, judgement_key, load_judgements, score, table
from proctree import run_measured

REPO = Path(__file__).resolve().parent.parent
PINS = REPO / "bench" / "realworld" / "repos.json"
JUDGEMENTS = REPO / "bench" / "realworld" / "judgments.json"
SEVERITIES = ("critical", "high", "medium", "low", "info")
# What the table keeps of each finding: enough to judge it (the message is already redacted).
FINDING_FIELDS = ("rule_id", "path", "start_line", "severity", "fingerprint", "message", "address")


@dataclass(frozen=True)
class Pin:
    name: str
    source: str  # github:owner/name
    commit: str
    kind: str


@dataclass
class Row:
    name: str
    kind: str
    commit: str | None
    files: int = 0
    documents: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mib: float = 0.0
    exit_code: int | None = None
    crash: str | None = None  # why this scan counts as a crash; None when it ended properly
    finding_list: list[dict[str, Any]] = field(default_factory=list)
    error_list: list[dict[str, Any]] = field(default_factory=list)


def load_pins(path: Path = PINS) -> list[Pin]:
    return [Pin(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]


def finding_key(repository: str, commit: str | None, finding: dict[str, Any]) -> str:
    """The key a judgement is filed under: stable for one finding of one pinned commit."""
    return judgement_key(
        repository,
        commit,
        finding["path"],
        finding.get("start_line"),
        finding["rule_id"],
        finding.get("address"),
        finding.get("caller") or (finding.get("properties") or {}).get("caller"),
    )


def head_commit(checkout: Path) -> str | None:
    out = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


def crash_reason(code: int | None, stderr: str, sarif: Path, results: Path) -> str | None:
    """A scan that did not end as the CLI promises: exit 0/1/2, no traceback, both outputs valid."""
    if code is None:
        return "timeout"
    if code < 0:
        return f"killed by signal {-code}"
    if code not in (0, 1, 2):
        return f"exit code {code}"
    if "Traceback" in stderr:
        # The exception type only: its text may quote the scanned file.
        last = [line for line in stderr.splitlines() if line and not line.startswith(" ")][-1:]
        return "traceback: " + (last[0].split(":")[0] if last else "?")
    for out in (sarif, results):
        try:
            json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return f"{out.suffix[1:]} output {'missing' if isinstance(exc, OSError) else 'not JSON'}"
    return None


def scan_one(checkout: Path, kind: str, timeout: float) -> Row:
    row = Row(checkout.name, kind, head_commit(checkout))
    with tempfile.TemporaryDirectory(prefix="realworld-") as tmp:
        sarif, results = Path(tmp) / "out.sarif", Path(tmp) / "out.json"
        cmd = [sys.executable, "-m", "scanner", "scan", str(checkout), "--sarif-output", str(sarif)]
        cmd += ["--json-output", str(results), "--quiet"]
        env = {**os.environ, "PYTHONPATH": str(REPO), "AWS_EC2_METADATA_DISABLED": "true"}
        run = run_measured(cmd, timeout, env=env)
        row.seconds, row.peak_rss_mib, row.exit_code = run.seconds, run.peak_rss_mib, run.returncode
        row.crash = crash_reason(run.returncode, run.stderr, sarif, results)
        if row.crash is None or results.is_file():
            try:
                doc = json.loads(results.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return row
            summary = doc["summary"]
            row.files, row.documents = summary["files_scanned"], summary["documents"]
            row.findings = {s: summary["by_severity"].get(s, 0) for s in SEVERITIES}
            row.errors = dict(Counter(e["kind"] for e in doc["errors"]).most_common())
            row.finding_list = [
                {k: f.get(k) for k in FINDING_FIELDS}
                | {"caller": (f.get("properties") or {}).get("caller"), "key": finding_key(row.name, row.commit, f)}
                for f in doc["findings"]
            ]
            row.error_list = doc["errors"]
    return row


def format_row(row: Row) -> str:
    sev = "/".join(str(row.findings.get(s, 0)) for s in SEVERITIES)
    errs = " ".join(f"{k}x{n}" for k, n in row.errors.items()) or "-"
    status = row.crash or "ok"
    return (
        f"{row.name[:34]:<34} {row.kind[:20]:<20} {row.files:>6} {row.documents:>6} {sev:>16} "
        f"{row.seconds:>7.1f} {row.peak_rss_mib:>7.0f}  {status:<10} {errs}"
    )


HEADER = (
    f"{'repository':<34} {'kind':<20} {'files':>6} {'docs':>6} {'findings c/h/m/l/i':>16} "
    f"{'wall s':>7} {'rss MiB':>7}  {'status':<10} scan errors"
)


def error_shapes(rows: list[Row], top: int) -> list[str]:
    """The most common scan error messages per kind, numbers blanked, to explain the counts."""
    shapes: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        for e in row.error_list:
            shapes[(e["kind"], re.sub(r"\d+", "N", e["message"])[:100], row.name)] += 1
    return [f"  {kind:<9} x{n:<4} {repo:<28} {msg}" for (kind, msg, repo), n in shapes.most_common(top)]


def fetch_list(pins: list[Pin]) -> None:
    print("# fetch each source with the `fetch` tool, then check out the pinned commits:")
    for pin in pins:
        print(f"fetch {pin.source:<58} # {pin.name} @ {pin.commit[:12]} ({pin.kind})")
    print("# python bench/realworld.py --checkout-from /work/.mirror /work/corpus")


def checkout_from(mirrors: Path, corpus: Path, pins: list[Pin]) -> None:
    """Clone each fetched mirror at its pinned commit. Snapshots lack their largest blobs, so a
    plain checkout fails: the index is built from the commit and absent blobs are left out."""
    corpus.mkdir(parents=True, exist_ok=True)
    for pin in pins:
        mirror = mirrors / pin.source.removeprefix("github:").replace("/", "+") / "repo"
        dest = corpus / pin.name
        if dest.exists() or not mirror.is_dir():
            print(f"{pin.name}: {'already there' if dest.exists() else 'not fetched'}")
            continue
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(mirror), str(dest)], check=True)
        subprocess.run(["git", "-C", str(dest), "read-tree", pin.commit], check=True)
        tree = subprocess.run(
            ["git", "-C", str(dest), "ls-files", "-s"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        paths: dict[str, list[str]] = {}
        for line in tree:
            paths.setdefault(line.split()[1], []).append(line.split("\t", 1)[1])
        check = subprocess.run(
            ["git", "-C", str(dest), "cat-file", "--batch-check"],
            input="\n".join(paths),
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        absent = [rel for line in check if line.endswith(" missing") for rel in paths[line.split()[0]]]
        if absent:
            subprocess.run(["git", "-C", str(dest), "rm", "-q", "--cached", "--", *absent], check=True)
        subprocess.run(["git", "-C", str(dest), "update-ref", "HEAD", pin.commit], check=True)
        subprocess.run(["git", "-C", str(dest), "checkout-index", "-a"], check=True)
        kept = len(tree) - len(absent)
        print(f"{pin.name}: {pin.commit[:12]}, {kept} files ({len(absent)} absent from the snapshot)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", nargs="?", type=Path, help="folder with one checkout per subfolder")
    p.add_argument("--fetch-list", action="store_true", help="print what to fetch and stop")
    p.add_argument("--checkout-from", type=Path, metavar="MIRRORS", help="clone fetched mirrors into CORPUS")
    p.add_argument("--pins", type=Path, default=PINS, help="the pinned corpus (default: %(default)s)")
    p.add_argument("--only", nargs="+", metavar="NAME", help="scan only these subfolders")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per repository (default: %(default)s)")
    p.add_argument("--json", type=Path, metavar="F", help="write the table, findings and scan errors to F")
    p.add_argument("--shapes", type=int, default=25, metavar="N", help="print the N commonest scan error shapes")
    p.add_argument("--judge", action="store_true", help="score findings against the judged sample (see above)")
    p.add_argument("--judgments", type=Path, default=JUDGEMENTS, help="the judged sample (default: %(default)s)")
    p.add_argument("--from-json", type=Path, metavar="F", help="with --judge: score the table F instead of scanning")
    args = p.parse_args(argv)
    pins = load_pins(args.pins)
    if args.fetch_list:
        fetch_list(pins)
        return 0
    if args.judge and args.from_json:
        rows = [Row(**r) for r in json.loads(args.from_json.read_text(encoding="utf-8"))["repositories"]]
        return judge(rows, pins, args.judgments)
    if args.corpus is None:
        p.error("give CORPUS, or --fetch-list")
    if args.checkout_from:
        checkout_from(args.checkout_from, args.corpus, pins)
        return 0
    kinds = {pin.name: pin for pin in pins}
    checkouts = sorted(d for d in args.corpus.iterdir() if d.is_dir() and (not args.only or d.name in args.only))
    rows: list[Row] = []
    print(HEADER)
    for checkout in checkouts:
        pin = kinds.get(checkout.name)
        row = scan_one(checkout, pin.kind if pin else "?", args.timeout)
        if pin and row.commit != pin.commit:
            row.kind += "*"  # not at the pinned commit
        rows.append(row)
        print(format_row(row), flush=True)
    crashed = [r.name for r in rows if r.crash]
    errors = Counter[str]()
    for r in rows:
        errors.update(r.errors)
    print(
        f"\n{len(rows)} repositories, {sum(r.files for r in rows)} files, {sum(r.documents for r in rows)} documents, "
        f"{sum(sum(r.findings.values()) for r in rows)} findings, scan errors "
        f"{' '.join(f'{k}x{n}' for k, n in errors.most_common()) or 'none'}, "
        f"{sum(r.seconds for r in rows):.1f} s, max {max((r.peak_rss_mib for r in rows), default=0):.0f} MiB, "
        f"{len(crashed)} crashed{': ' + ', '.join(crashed) if crashed else ''}"
    )
    if args.shapes:
        print("\ncommonest scan error shapes (kind, count, repository, message):")
        print("\n".join(error_shapes(rows, args.shapes)))
    if args.json:
        table = {"scanner": head_commit(REPO), "pins": str(args.pins), "repositories": [asdict(r) for r in rows]}
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    if args.judge:
        return max(1 if crashed else 0, judge(rows, pins, args.judgments))
    return 1 if crashed else 0


def judge(rows: list[Row], pins: list[Pin], judgments: Path) -> int:
    """Print the precision table and what is lost or unjudged; 1 when the bar is not met."""
    pinned = {pin.name: pin.commit for pin in pins}
    try:
        judged = load_judgements(judgments, pinned)
    except (OSError, JudgementError) as exc:
        print(f"judging: {exc}", file=sys.stderr)
        return 1
    off_pin = [r.name for r in rows if pinned.get(r.name) != r.commit]
    if off_pin:
        print(f"judging: not at the pinned commit (findings cannot match): {', '.join(off_pin)}", file=sys.stderr)
    scanned = {r.name for r in rows}
    # Only the judgements of the repositories scanned in this run can be lost or matched.
    judged = {k: v for k, v in judged.items() if v["repository"] in scanned}
    result = score([f for r in rows for f in r.finding_list], judged)
    print(f"\njudged sample: {len(judged)} judgements on {len(scanned)} repositories ({judgments})")
    print("\n".join(table(result)))
    for title, keys in (
        ("judged true positives no longer reported", result.lost),
        ("judged true positives now below medium", result.demoted),
        ("findings at medium or above not judged", result.unjudged),
    ):
        if keys:
            print(f"\n{title} ({len(keys)}):")
            print("\n".join(f"  {k}" for k in keys[:200]))
    problems = failures(result)
    print("\n" + ("; ".join(problems) if problems else "the judged sample meets the bar"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
