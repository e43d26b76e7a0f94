"""What the pre-commit hook's process imports: heavy libraries only where a file needs them.

Start-up is most of a hook run on a few files, so libraries that only some formats or writers
use (RDF, JSON Schema, CycloneDX, Dask, GitPython, the HCL and Terraform parsers, which run in
worker processes) are imported by the code that uses them. Checked in a fresh interpreter
through sys.modules: deterministic, no timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, init_repo

# Libraries no Terraform-only hook run needs in its own process.
HEAVY = frozenset(
    {"rdflib", "prov", "jsonschema", "cyclonedx", "dask", "distributed", "git", "hcl2", "tfparse", "pygohcl"}
    | {"pathspec", "pandas", "numpy", "opa"}
)

REPORT = "import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
# Every module by its full name, with its code run (a lazy module not yet used does not count).
REPORT_FULL = (  # by type: reading any attribute of a lazy module would run it
    "import json, sys; print(json.dumps(sorted(n for n, m in list(sys.modules.items())"
    " if type(m).__name__ != '_LazyModule')))"
)

ROOT = """module "data" {
  source = "../../modules/data"
  name   = "acme-%s"
}
"""
MODULE = """variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = "public-read"
}
"""


def _loaded(code: str, cwd: Path, report: str = REPORT) -> tuple[set[str], str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "AWS_EC2_METADATA_DISABLED": "true"},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    *printed, modules = out.stdout.strip().splitlines()
    return set(json.loads(modules)), "\n".join(printed)


def test_importing_the_cli_imports_no_heavy_library(tmp_path: Path) -> None:
    loaded, _ = _loaded("import scanner.cli", tmp_path)
    assert not (HEAVY | {"yaml", "regorus"}) & loaded


def test_a_terraform_hook_run_imports_no_heavy_library(tmp_path: Path) -> None:
    files = {f"stacks/s{i}/main.tf": ROOT % i for i in range(3)} | {"modules/data/main.tf": MODULE}
    init_repo(tmp_path, files | {"docs/README.md": "# docs\n", "train.py": "print('fit')\n"})
    code = (
        "from scanner import cli\n"
        "code = cli.main(['scan', '--files-only', 'stacks/s1/main.tf', 'modules/data/main.tf',"
        " '--no-cache', '--format', 'compact', '--fail-on', 'none'])\n"
        "print('exit', code)"
    )
    loaded, printed = _loaded(code, tmp_path)
    assert "exit 0" in printed
    assert "modules/data/main.tf" in printed  # the scan ran and reported the public bucket
    assert not HEAVY & loaded, sorted(HEAVY & loaded)
    assert "regorus" in loaded  # the Rego rules did run here


# The loaders and writers of other formats: a hook run on .tf files never runs their code.
OTHER_FORMATS = frozenset(
    {
        "scanner.airflow.load",
        "scanner.artifacts.load",
        "scanner.consent.load",
        "scanner.evidence.load",
        "scanner.helm.load",
        "scanner.inventory.build",
        "scanner.loaders.notebook",
        "scanner.mlflow.load",
        "scanner.modelcard.load",
        "scanner.provenance.load",
        "yaml",
    }
)


def test_a_terraform_hook_run_runs_only_the_terraform_and_text_rules_and_loaders(tmp_path: Path) -> None:
    files = {f"stacks/s{i}/main.tf": ROOT % i for i in range(3)} | {"modules/data/main.tf": MODULE}
    init_repo(tmp_path, files | {"docs/README.md": "# docs\n", "train.ipynb": "{}\n", "dvc.yaml": "stages: {}\n"})
    code = (
        "from scanner import cli\n"
        "code = cli.main(['scan', '--files-only', 'stacks/s1/main.tf', 'modules/data/main.tf', '--no-cache',"
        " '--format', 'compact', '--fail-on', 'none'])\n"
        "print('exit', code)"
    )
    loaded, printed = _loaded(code, tmp_path, REPORT_FULL)
    assert "exit 0" in printed and "modules/data/main.tf" in printed
    assert not OTHER_FORMATS & loaded, sorted(OTHER_FORMATS & loaded)
    # Rule modules by file (scanner.engines.python names them mlcomply_rules_<hash>_<stem>): the
    # secrets rules (every text) and no rule of another kind's folder.
    rule_modules = {name.split("_", 3)[3] for name in loaded if name.startswith("mlcomply_rules_")}
    assert "secrets" in rule_modules
    assert not rule_modules & {"airflow", "artifacts", "consent", "dvc", "mlflow", "modelcard", "provenance"}


def test_telling_file_kinds_apart_runs_no_loader(tmp_path: Path) -> None:
    # A file's kind is decided by name tests that live beside their packages (names.py), not in
    # the loaders: a scan whose files are Terraform and plain text runs no other loader's code.
    init_repo(
        tmp_path, {"infra/main.tf": MODULE, "LICENSE": "MIT\n", "Makefile": "all:\n\ttrue\n", "notes.txt": "hi\n"}
    )
    code = (
        "from scanner import cli\n"
        "code = cli.main(['scan', '.', '--no-cache', '--format', 'compact', '--fail-on', 'none'])\n"
        "print('exit', code)"
    )
    loaded, printed = _loaded(code, tmp_path, REPORT_FULL)
    assert "exit 0" in printed and "infra/main.tf" in printed
    loaders = {"scanner.artifacts.load", "scanner.docker.load", "scanner.evidence.load", "scanner.github.load"}
    loaders |= {"scanner.mlflow.load", "scanner.consent.load", "scanner.artifacts.model_files"}
    assert not loaders & loaded, sorted(loaders & loaded)
