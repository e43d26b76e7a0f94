from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner import formats
from scanner.engines.python import load_python_rules
from scanner.errors import FatalError
from tests.conftest import run_cli, write_files

RULE = """
from scanner.findings import Hit
from scanner.pyrules import PythonRule


class NoTodo(PythonRule):
    id = "MLC-USER-002"
    title = "TODO left in a config"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.9",)
    description = "A YAML config still says TODO."
    remediation = "Finish the config."
    input_kinds = ("yaml",)

    def check(self, doc, ctx):
        for key, value in (doc.data or {}).items():
            if value == "TODO":
                yield Hit(f"{key} is TODO", pointer=(key,))


class Crashes(PythonRule):
    id = "MLC-USER-003"
    title = "A rule with a bug"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.9",)
    description = "Raises on every document."
    remediation = "Fix the rule please."
    input_kinds = ("yaml",)

    def check(self, doc, ctx):
        raise KeyError(f"boom {doc.data}")  # a bug whose text quotes the document


RULES = [NoTodo, Crashes]
"""


def test_rules_load_from_named_folder(tmp_path: Path) -> None:
    write_files(tmp_path, {"rules/todo.py": RULE, "rules/_helper.py": "raise SystemExit", "rules/test_x.py": "x"})
    loaded = load_python_rules([tmp_path / "rules"], formats.kinds())
    assert [r.meta.id for r in loaded] == ["MLC-USER-002", "MLC-USER-003"]
    assert loaded[0].meta.engine == "python"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("x = 1\n", "must define a RULES list"),
        ("RULES = [int]\n", "not a PythonRule subclass"),
        ("import nope_not_a_module\nRULES = []\n", "bad.py:1: ModuleNotFoundError"),
        (
            "from scanner.pyrules import PythonRule\nclass R(PythonRule):\n    id = 'MLC-X-001'\nRULES = [R]\n",
            "missing required key",
        ),
    ],
)
def test_broken_rule_files_name_the_file(tmp_path: Path, source: str, message: str) -> None:
    write_files(tmp_path, {"bad.py": source})
    with pytest.raises(FatalError, match=r"bad\.py") as info:
        load_python_rules([tmp_path / "bad.py"], formats.kinds())
    assert message in str(info.value)


def test_rules_in_scanned_repo_are_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = f"open({str(marker)!r}, 'w').write('x')\nRULES = []\n"
    write_files(tmp_path, {"repo/rules/evil.py": evil, "repo/rego/x.rego": "package evil\n", "repo/a.yaml": "a: 1"})
    proc = run_cli("scan", tmp_path / "repo")
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()


def test_rule_crash_is_an_engine_error_other_findings_kept(tmp_path: Path) -> None:
    write_files(tmp_path, {"rules/todo.py": RULE, "repo/a.yaml": "owner: TODO\n", "repo/b.yaml": "x: 1\n"})
    out = tmp_path / "r.json"
    proc = run_cli("scan", tmp_path / "repo", "--rules-dir", tmp_path / "rules", "--json-output", out)
    assert proc.returncode == 2
    results = json.loads(out.read_text())
    assert [(f["rule_id"], f["path"], f["start_line"]) for f in results["findings"]] == [("MLC-USER-002", "a.yaml", 1)]
    errors = [e for e in results["errors"] if e["kind"] == "engine"]
    assert {e["path"] for e in errors} == {"a.yaml", "b.yaml"}
    assert all("MLC-USER-003" in e["message"] and "KeyError" in e["message"] for e in errors)
    assert not any("boom" in e["message"] or "TODO" in e["message"] for e in errors)  # never its text
