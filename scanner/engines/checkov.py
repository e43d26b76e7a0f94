"""checkov as an optional external engine: run it over the scan root, merge its findings.

checkov is never imported (98 packages, 2.3 s import, internal APIs): it runs as a command,
from --checkov-bin, $MLCOMPLY_CHECKOV or PATH. Its SARIF gives the findings; its JSON report,
written in the same run, gives the Terraform address of each one (checkov's SARIF names only
the first resource per check). Rule ids stay CKV_*; category, severity and NIST subcategories
come from checkov_map.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from scanner.documents import Document, ScanError
from scanner.errors import FatalError
from scanner.findings import Finding, Hit, make_finding
from scanner.metadata import RuleMeta

ENV_VAR = "MLCOMPLY_CHECKOV"
DEFAULT_TIMEOUT = 1800.0
_ID = re.compile(r"^CKV2?_[A-Z0-9]+_\d+$")


def find_checkov(explicit: str | None) -> str:
    candidate = explicit or os.environ.get(ENV_VAR) or shutil.which("checkov")
    if not candidate:
        raise FatalError(
            "engine checkov: no checkov executable: install it in its own virtualenv "
            f"(python3 -m venv V && V/bin/pip install checkov) and pass --checkov-bin V/bin/checkov, "
            f"set ${ENV_VAR}, or put checkov on PATH"
        )
    path = shutil.which(candidate) or candidate
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise FatalError(f"engine checkov: {candidate} is not an executable file")
    return path


@cache
def _table() -> dict[str, Any]:
    text = resources.files("scanner.engines").joinpath("checkov_map.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def rule_meta(check_id: str, name: str, ours: Sequence[RuleMeta] = ()) -> RuleMeta:
    """Our metadata for one checkov check (see the precedence in checkov_map.json)."""
    table = _table()
    category, severity, nist = _classify(check_id, name, ours)
    defaults = table["categories"][category]
    return RuleMeta(
        id=check_id,
        title=name or check_id,
        severity=severity or defaults["severity"],
        category=category,
        nist_ai_rmf=nist or tuple(defaults["nist_ai_rmf"]),
        description=f"checkov check {check_id}: {name}",
        remediation=f"See checkov's guide for {check_id}.",
        input_kinds=("terraform",),
        references=("https://www.checkov.io/5.Policy%20Index/terraform.html",),
        engine="checkov",
        source="checkov",
    )


def _classify(check_id: str, name: str, ours: Sequence[RuleMeta]) -> tuple[str, str | None, tuple[str, ...]]:
    table = _table()
    entry = table["checks"].get(check_id)
    if entry is not None:
        return entry["category"], entry.get("severity"), ()
    equivalent = next((m for m in ours if check_id in m.checkov_ids), None)
    if equivalent is not None:
        return equivalent.category, equivalent.severity, equivalent.nist_ai_rmf
    lowered = name.lower()
    for pattern, category in table["keywords"]:
        if re.search(pattern, lowered):
            return category, None, ()
    return table["default"]["category"], table["default"]["severity"], ()


def run(
    root: Path, binary: str, ours: Sequence[RuleMeta], timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[RuleMeta], list[Finding], list[ScanError]]:
    """checkov's findings over `root`, as our findings, and the metadata of the checks that fired."""
    with tempfile.TemporaryDirectory(prefix="mlcomply-checkov-") as out:
        cmd = [binary, "-d", str(root), "--framework", "terraform", "-o", "sarif", "-o", "json"]
        cmd += ["--output-file-path", out, "--skip-download", "--quiet", "--compact"]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, cwd=root, check=False, env=_offline_env()
            )
        except subprocess.TimeoutExpired:
            return [], [], [ScanError(".", f"engine checkov: gave up after {timeout:g} s", kind="engine")]
        except OSError as exc:
            raise FatalError(f"engine checkov: cannot run {binary}: {exc.strerror}") from None
        if proc.returncode not in (0, 1):  # 1 = some check failed
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            message = f"engine checkov: exit {proc.returncode}: " + " | ".join(tail)
            return [], [], [ScanError(".", message, kind="engine")]
        sarif = _read_json(Path(out) / "results_sarif.sarif")
        report = _read_json(Path(out) / "results_json.json")
    if sarif is None:
        return [], [], [ScanError(".", "engine checkov: no SARIF output", kind="engine")]
    metas, findings = merge(sarif, report, ours)
    return metas, findings, []


def _offline_env() -> dict[str, str]:
    """checkov's settings that keep it off the network and on Terraform only."""
    return {
        **os.environ,
        "BC_SKIP_MAPPING": "TRUE",
        "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
        "ENABLE_SECRETS_SCAN_ALL_FILES": "false",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def merge(sarif: dict[str, Any], report: Any, ours: Sequence[RuleMeta]) -> tuple[list[RuleMeta], list[Finding]]:
    addresses = _addresses(report)
    metas: dict[str, RuleMeta] = {}
    findings: list[Finding] = []
    for run_ in sarif.get("runs") or []:
        rules = (run_.get("tool") or {}).get("driver", {}).get("rules") or []
        for result in run_.get("results") or []:
            check_id = result.get("ruleId", "")
            if not _ID.match(check_id):
                continue
            index = result.get("ruleIndex")
            name = rules[index].get("name", "") if isinstance(index, int) and index < len(rules) else ""
            meta = metas.setdefault(check_id, rule_meta(check_id, name, ours))
            findings.append(_finding(meta, result, addresses))
    return sorted(metas.values(), key=lambda m: m.id), findings


def _finding(meta: RuleMeta, result: dict[str, Any], addresses: dict[tuple[str, str, int], list[str]]) -> Finding:
    loc = ((result.get("locations") or [{}])[0]).get("physicalLocation") or {}
    uri = (loc.get("artifactLocation") or {}).get("uri", "").lstrip("/")
    region = loc.get("region") or {}
    line = int(region.get("startLine", 1))
    queue = addresses.get((meta.id, uri, line))
    address = queue.pop(0) if queue else None
    text = (result.get("message") or {}).get("text") or meta.title
    hit = Hit(
        message=f"{text} ({address})" if address else text,
        address=address,
        line=line,
        end_line=int(region.get("endLine", line)),
        path=uri,
    )
    return make_finding(meta, Document(kind="terraform", path=uri, data=None), hit)


def _addresses(report: Any) -> dict[tuple[str, str, int], list[str]]:
    """(check id, file, first line) -> addresses, in checkov's order (count instances share lines)."""
    out: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for section in _reports(report):
        for check in (section.get("results") or {}).get("failed_checks") or []:
            lines = check.get("file_line_range") or [1]
            key = (check.get("check_id", ""), str(check.get("file_path", "")).lstrip("/"), int(lines[0]))
            if isinstance(check.get("resource"), str):
                out[key].append(check["resource"])
    for queue in out.values():
        queue.sort()
    return out


def _reports(report: Any) -> Iterable[dict[str, Any]]:
    if isinstance(report, dict):
        yield report
    elif isinstance(report, list):  # one section per framework
        yield from (r for r in report if isinstance(r, dict))
