"""Run the real CLI on a batch of hostile files and judge the outcome file by file.

A batch is one git repository holding several mutants and a control file. The scan runs in a
subprocess in its own process group, under an address-space limit and a timeout. The batch
passes when the scan ends as the CLI promises (exit 0, 1 or 2, no traceback, strict-JSON SARIF
and results, SARIF valid against the schema, the control file's finding reported, no secret in
clear anywhere); a mutant passes when no `internal` scan error names it and, while it still holds
its seed's planted marker, a finding or a scan error names it.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from tests.conftest import REFERENCE, REPO_ROOT, init_repo
from tests.hostile.seeds import TOKEN
from tests.writers.sarif_validation import SCHEMAS

MEMORY_LIMIT = 2 * 2**30
CONTROL = "control/settings.yaml"
CONTROL_TEXT = f"# deploy token {TOKEN}\nname: control\n"


@dataclass(frozen=True)
class Case:
    rel: str  # where the mutant sits in the scanned repository
    content: bytes
    marker: bytes  # the seed's planted marker; reported while it is intact
    operator: str
    seed: str  # the seed's path
    reproduce: str  # how to regenerate this one case alone


@dataclass
class Outcome:
    returncode: int | None  # None: killed by the timeout
    stderr: str
    stdout: str
    seconds: float
    sarif: dict[str, Any] | None = None
    results: dict[str, Any] | None = None
    output_problems: list[str] = field(default_factory=list)
    raw_outputs: str = ""


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _strict_json(path: Path, problems: list[str]) -> tuple[dict[str, Any] | None, str]:
    """Parsed output, refusing what Python's json accepts but JSON forbids (NaN, Infinity)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"non-JSON constant {constant}")

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name} not written or unreadable ({type(exc).__name__})")
        return None, ""
    try:
        return json.loads(text, parse_constant=refuse), text
    except ValueError as exc:
        problems.append(f"{path.name} is not valid JSON: {str(exc)[:120]}")
        return None, text


def run_scan(root: Path, outputs: Path, timeout: float, extra: Sequence[str] = ()) -> Outcome:
    sarif_path, results_path = outputs / "out.sarif", outputs / "out.json"
    cmd = [sys.executable, "-m", "scanner", "scan", str(root), "--sarif-output", str(sarif_path)]
    cmd += ["--json-output", str(results_path), "--quiet", *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "AWS_EC2_METADATA_DISABLED": "true"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=limit_memory,
        start_new_session=True,  # a timeout ends the whole tree, the Terraform worker included
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    outcome = Outcome(code, err.decode(errors="replace"), out.decode(errors="replace"), time.perf_counter() - started)
    if code is not None:
        outcome.sarif, sarif_text = _strict_json(sarif_path, outcome.output_problems)
        outcome.results, results_text = _strict_json(results_path, outcome.output_problems)
        outcome.raw_outputs = sarif_text + results_text
    return outcome


def scan_batch(root: Path, cases: Sequence[Case], timeout: float) -> Outcome:
    files: dict[str, str | bytes] = {c.rel: c.content for c in cases}
    files[CONTROL] = CONTROL_TEXT
    init_repo(root, files, commit=False)
    outputs = root.parent / f"{root.name}-out"
    outputs.mkdir(exist_ok=True)
    return run_scan(root, outputs, timeout)


def sarif_schema_errors(doc: dict[str, Any], schemas: Path) -> list[str]:
    problems = []
    for name in SCHEMAS:
        schema = json.loads((schemas / name).read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        error = next(iter(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc)), None)
        if error is not None:
            problems.append(f"SARIF invalid against {name}: {error.message[:120]} at {list(error.absolute_path)}")
    return problems


def batch_problems(outcome: Outcome, timeout: float, schemas: Path | None = REFERENCE) -> list[str]:
    """What is wrong with the scan as a whole; every mutant of the batch shares these."""
    if outcome.returncode is None:
        return [f"did not finish within {timeout:.0f} s"]
    problems = []
    if outcome.returncode not in (0, 1, 2):
        problems.append(f"exit code {outcome.returncode}")
    if "Traceback" in outcome.stderr:
        problems.append("traceback on stderr: " + outcome.stderr.strip().splitlines()[-1].split(":")[0])
    problems.extend(outcome.output_problems)
    if outcome.sarif is not None and schemas is not None:
        problems.extend(sarif_schema_errors(outcome.sarif, schemas))
    if outcome.results is not None and not any(f["path"] == CONTROL for f in outcome.results["findings"]):
        problems.append(f"the control file {CONTROL} beside the mutants lost its finding")
    if TOKEN in outcome.stdout + outcome.stderr + outcome.raw_outputs:
        problems.append("the planted secret appears in clear in an output")
    return problems


def _names(error: dict[str, Any], rel: str) -> bool:
    """A scan error names a file directly, names the Terraform module directory holding it, or
    says the Terraform module above it was not evaluated (the module's files share that fate)."""
    path = error["path"]
    if path == rel or rel.startswith(path.rstrip("/") + "/"):
        return True
    prefix = "evaluate terraform module "
    if error["kind"] == "parse" and error["message"].startswith(prefix):
        module = error["message"][len(prefix) :].split(":", 1)[0]
        return module == "." or rel.startswith(module + "/")
    return False


def case_problems(case: Case, outcome: Outcome) -> list[str]:
    if outcome.results is None:
        return []  # the batch problems already say why there is nothing to judge
    errors = [e for e in outcome.results["errors"] if _names(e, case.rel)]
    problems = [f"internal error: {e['message']}" for e in errors if e["kind"] == "internal"]
    findings = [f for f in outcome.results["findings"] if f["path"] == case.rel]
    if case.marker in case.content and not findings and not errors:
        problems.append("its planted finding is intact but neither a finding nor a scan error names it")
    return problems
