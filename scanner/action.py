"""The GitHub Action's scan step (`python -m scanner.action`), a thin wrapper over `mlcomply scan`.

Inputs arrive as MLCOMPLY_* environment variables (action.yml maps `inputs.*` through `env:`, never
into the script text). It runs the CLI, then writes step outputs to $GITHUB_OUTPUT, the report
to $GITHUB_STEP_SUMMARY and at most MAX_ANNOTATIONS workflow-command annotations. It exits 0 when
the scan ran, whatever it found, so that the SARIF upload still happens; the action's last step
turns the recorded exit code into the job's result.

The workspace is the pull request's: a file there may be a link to one of the runner's. So the
CLI writes into a folder this run creates under $RUNNER_TEMP, the outputs and the summary are
read only from there, and a path the workflow asks for is then written from that copy, never
through a link (writers.safe_file).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scanner.errors import FatalError
from scanner.writers.escape import md_cell, md_fence
from scanner.writers.safe_file import write_output

MAX_ANNOTATIONS = 10
MAX_SUMMARY_BYTES = 1_000_000  # GitHub's limit for one step's summary is 1 MiB
_COMMAND = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def supports(flag: str) -> bool:
    """Whether `mlcomply scan` has `flag`: the NIST report (--report-output) is optional."""
    from scanner.cli import _parser

    _, unknown = _parser().parse_known_args(["scan", flag, "x.md"])
    return flag not in unknown


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    from scanner.vcs import safegit

    result: subprocess.CompletedProcess[str] = safegit.run(cwd, *args, text=True)
    return result


def resolve_base(ref: str, cwd: Path) -> str:
    """The diff base as a local revision: `origin/<ref>` (what CI has), else `<ref>`, else fetch it."""
    for candidate in (f"origin/{ref}", ref):
        if _git(cwd, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}").returncode == 0:
            return candidate
    print(f"mlcomply: fetching {ref} from origin to find the merge base", flush=True)
    _git(cwd, "fetch", "--no-tags", "--quiet", "origin", f"+refs/heads/{ref}:refs/remotes/origin/{ref}")
    if _git(cwd, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        # A merge base needs history; actions/checkout fetches one commit unless `fetch-depth: 0`.
        _git(cwd, "fetch", "--no-tags", "--quiet", "--unshallow", "origin")
    return f"origin/{ref}"


def scan_argv(env: Mapping[str, str], cwd: Path) -> list[str]:
    argv = ["scan", *(env.get("MLCOMPLY_PATH") or ".").split()]
    argv += ["--fail-on", env.get("MLCOMPLY_FAIL_ON") or "high"]
    argv += ["--sarif-output", env["MLCOMPLY_SARIF"], "--json-output", env["MLCOMPLY_JSON"]]
    if env.get("MLCOMPLY_CONFIG"):
        argv += ["--config", env["MLCOMPLY_CONFIG"]]
    if env.get("MLCOMPLY_REPORT") and supports("--report-output"):
        argv += ["--report-output", env["MLCOMPLY_REPORT"]]
    if (env.get("MLCOMPLY_ATTEST") or "").strip().lower() == "true":
        argv += ["--attestation-output", env["MLCOMPLY_ATTESTATION"]]
    if env.get("MLCOMPLY_DIFF_BASE"):
        argv += ["--diff-base", resolve_base(env["MLCOMPLY_DIFF_BASE"], cwd)]
        if (env.get("MLCOMPLY_TRUST_PR_SUPPRESSIONS") or "").strip().lower() == "true":
            argv.append("--trust-pr-suppressions")
    return argv


def _escape(value: str, prop: bool = False) -> str:
    # Workflow command encoding (actions/toolkit `command.ts`): data and property values differ.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def annotations(findings: Sequence[Mapping[str, Any]]) -> list[str]:
    active = [f for f in findings if f.get("suppression") is None]
    lines = []
    for f in active[:MAX_ANNOTATIONS]:
        props = ",".join(
            f"{k}={_escape(str(v), prop=True)}"
            for k, v in (
                ("file", f["path"]),
                ("line", f["start_line"]),
                ("endLine", f["end_line"]),
                ("title", f"{f['rule_id']}: {f['title']}"),
            )
        )
        lines.append(f"::{_COMMAND[f['severity']]} {props}::{_escape(f['message'])}")
    if len(active) > MAX_ANNOTATIONS:
        rest = len(active) - MAX_ANNOTATIONS
        lines.append(f"::notice::mlcomply: {rest} more finding(s); see the step summary and code scanning")
    return lines


def review_markdown(findings: Sequence[Mapping[str, Any]]) -> str:
    """The findings whose suppression the change itself added, for a reviewer to look at."""
    added = [f for f in findings if f.get("suppression") is None and "needs-review" in (f.get("properties") or {})]
    if not added:
        return ""
    text = f"### Suppressions added in this change: needs review ({len(added)})\n\n"
    text += "Not honoured: a change does not silence the gate that judges it.\n\n"
    for f in added:
        where, how = f"{f['path']}:{f['start_line']}", f["properties"]["added-suppression"]
        text += f"- {md_cell(f['rule_id'])} ({md_cell(f['severity'])}) in {md_cell(where)}: {md_cell(how)}\n"
    return text + "\n"


def summary_markdown(report: str | None, stdout: str, doc: Mapping[str, Any] | None, base: str) -> str:
    """`report` is the Markdown NIST AI RMF report this run wrote, if any."""
    text = "## mlcomply\n\n"
    if base:
        text += f"Gated to what this change adds relative to the merge base with {md_cell(base)}.\n\n"
    if doc is not None:
        s = doc["summary"]
        counts = " · ".join(f"{n} {k}" for k, n in s["by_severity"].items() if n) or "none"
        text += f"**{s['total']} finding(s)** ({counts}); {s['suppressed']} suppressed.\n\n"
        text += review_markdown(doc.get("findings", []))
    # The NIST AI RMF report when the CLI wrote one, else the console report: it quotes file
    # names and messages, so it goes in a fence that no line of it can close.
    body = report if report is not None else md_fence(stdout.strip())
    if len((text + body).encode()) > MAX_SUMMARY_BYTES:  # GitHub rejects a larger step summary
        cut = body.encode()[: MAX_SUMMARY_BYTES - len(text.encode()) - 200].decode(errors="ignore")
        body = cut + "\n\n*(truncated: the full report is the `report-file` / JSON output)*"
    return text + body + "\n"


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


# The CLI's outputs in this run's private folder, by input variable, and their step outputs.
OUTPUTS = {
    "MLCOMPLY_SARIF": "mlcomply.sarif",
    "MLCOMPLY_JSON": "mlcomply.json",
    "MLCOMPLY_REPORT": "mlcomply-report.md",
    "MLCOMPLY_ATTESTATION": "mlcomply.intoto.json",
}
STEP_OUTPUTS = {
    "MLCOMPLY_SARIF": "sarif-file",
    "MLCOMPLY_JSON": "json-file",
    "MLCOMPLY_REPORT": "report-file",
    "MLCOMPLY_ATTESTATION": "attestation-file",
}


def _run_folder(env: Mapping[str, str]) -> Path:
    """A new folder only this run writes to (mode 0700), under $RUNNER_TEMP when there is one."""
    return Path(tempfile.mkdtemp(prefix="mlcomply-", dir=env.get("RUNNER_TEMP") or None))


def _read_ours(path: Path) -> str | None:
    """A file the CLI wrote into this run's folder; None when it wrote none."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _deliver(ours: Path, wanted: str, cwd: Path) -> tuple[Path, str | None]:
    """Copy this run's file to the path the workflow asked for (relative to the workspace), never
    through a link: (where the file now is, an error or None). A refused copy leaves the run's
    own file as the output."""
    if not wanted:
        return ours, None
    dest = cwd / wanted
    try:
        write_output(dest, ours.read_bytes())
    except FatalError as exc:
        return ours, str(exc)
    return dest, None


def main(env: Mapping[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)
    cwd = Path(env.get("GITHUB_WORKSPACE") or ".")
    run = _run_folder(env)
    argv = scan_argv({**env, **{variable: str(run / name) for variable, name in OUTPUTS.items()}}, cwd)
    base = next((argv[i + 1] for i, a in enumerate(argv) if a == "--diff-base"), "")
    print("mlcomply " + " ".join(argv), flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", "scanner", *argv], cwd=cwd, capture_output=True, text=True, check=False
    )
    # The console report quotes the scanned repository (names, values): a line in it must not be
    # taken for a workflow command, so command processing is paused while it is echoed.
    pause = secrets.token_hex(16)
    print(f"::stop-commands::{pause}")
    sys.stdout.write(proc.stdout + proc.stderr)
    print(f"::{pause}::", flush=True)

    json_text = _read_ours(run / OUTPUTS["MLCOMPLY_JSON"])
    doc = json.loads(json_text) if json_text is not None else None
    exit_code = proc.returncode
    outputs = {step: "" for step in STEP_OUTPUTS.values()}
    for variable, name in OUTPUTS.items():
        if (run / name).is_file():
            where, error = _deliver(run / name, env.get(variable, ""), cwd)
            outputs[STEP_OUTPUTS[variable]] = str(where)
            if error is not None:
                print(f"mlcomply: error: {error}", flush=True)
                exit_code = max(exit_code, 2)  # as the CLI does when it cannot write an output
    outputs["exit-code"] = str(exit_code)
    if doc is not None:
        s = doc["summary"]
        outputs.update(findings=str(s["total"]), suppressed=str(s["suppressed"]), errors=str(s["errors"]))
        outputs.update({sev: str(n) for sev, n in s["by_severity"].items()})
        for line in annotations(doc["findings"]):
            print(line)
    _append(env.get("GITHUB_OUTPUT"), "".join(f"{k}={v}\n" for k, v in outputs.items()))
    report = _read_ours(run / OUTPUTS["MLCOMPLY_REPORT"])
    _append(env.get("GITHUB_STEP_SUMMARY"), summary_markdown(report, proc.stdout, doc, base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
