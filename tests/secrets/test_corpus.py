"""Recall and false positives on the gitleaks-derived corpus (tests/reference),
and redaction: no corpus secret appears in any writer's output, stdout or stderr."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.secrets.detect import detect
from scanner.writers.json_out import to_json
from scanner.writers.sarif import to_sarif
from scanner.writers.text import write_text
from tests.conftest import REFERENCE, run_cli, write_files
from tests.scripts import load_script

CORPUS = REFERENCE / "secrets-corpus-gitleaks.json"
SUFFIXES = (".txt", ".py", ".env", ".yaml", ".js", ".tf")


def _bench() -> ModuleType:
    return load_script("bench/secrets_corpus.py")


def _corpus() -> dict[str, Any]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_recall_and_false_positive_thresholds() -> None:
    bench = _bench()
    totals = bench.totals(bench.evaluate(_corpus()))
    assert totals["tps"] >= 200, "too few samples left after removing templates and stubs"
    assert totals["recall"] >= 0.97, totals
    assert totals["fp_rate"] <= 0.02, totals


def test_no_secret_in_any_output(tmp_path: Path, builtin_rules: RuleSet) -> None:
    samples = [s for entry in _corpus().values() for key in ("tps", "fps") for s in entry.get(key, [])]
    files = {f"s{i:04d}{SUFFIXES[i % len(SUFFIXES)]}": s + "\n" for i, s in enumerate(samples)}
    root = tmp_path / "repo"
    write_files(root, files)
    secrets = {d.secret for s in samples for d in detect(s, "x.txt") if len(d.secret) >= 8}
    assert len(secrets) > 150

    result = scan([root], builtin_rules)
    assert sum(f.category == "secrets" for f in result.findings) > 150
    text = io.StringIO()
    write_text(result, text, "high")
    proc = run_cli("scan", root, "--sarif-output", tmp_path / "o.sarif", "--json-output", tmp_path / "o.json")
    outputs = {
        "sarif": json.dumps(to_sarif(result)),
        "json": json.dumps(to_json(result)),
        "text": text.getvalue(),
        "cli stdout": proc.stdout,
        "cli stderr": proc.stderr,
        "cli sarif": (tmp_path / "o.sarif").read_text(),
        "cli json": (tmp_path / "o.json").read_text(),
    }
    for name, output in outputs.items():
        leaked = [s[:6] for s in secrets if s in output or json.dumps(s)[1:-1] in output]
        assert leaked == [], f"{name} shows {len(leaked)} secrets in clear"
        shown = [s[:6] for s in samples if len(s) >= 12 and s in output]
        assert shown == [], f"{name} shows {len(shown)} corpus samples"
