"""The incremental path (scanner.incremental): the same findings for the named files as a full scan.

The repository is generated from every rule's good and bad examples (every document kind, each in
its own folder) plus a many-roots Terraform layout (roots sharing modules, a nested call chain, a
root passing a sensitive value into a shared module, a module nobody calls), a Kustomize base
with overlays, a Helm chart, model folders pairing cards with provenance, DVC pipelines, data and
secrets. For many random subsets of its files, `--files-only` (a scan with `focus`) must give
exactly the findings, severities, messages and scan errors the whole scan gives those files.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner import incremental
from scanner.filters.stage import only_files
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from scanner.walk import list_files
from tests.conftest import REPO_ROOT, init_repo, run_cli, write_files

LAKE = """variable "name" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

module "logs" {
  source = "../logs"
  name   = "${var.name}-logs"
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}
"""

LOGS = """variable "name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = var.name
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "public-read"
}
"""

ENDPOINT = """variable "model" {
  type = string
}

resource "aws_sagemaker_endpoint_configuration" "this" {
  name = "${var.model}-config"
  production_variants {
    variant_name  = "main"
    model_name    = var.model
    instance_type = "ml.m5.large"
  }
}
"""


SECRET = """
variable "db_password" {
  type      = string
  sensitive = true
  default   = "x"
}
"""

SERVE = """module "endpoint" {
  source = "../../../modules/endpoint"
  model  = var.model
}

variable "model" {
  type = string
}
"""


def _stack(i: int, shared: bool, sensitive: bool) -> dict[str, str]:
    acl = "public-read" if i % 2 else "private"
    files = {
        "variables.tf": f'variable "env" {{\n  default = "e{i}"\n}}\n' + (SECRET if sensitive else ""),
        "main.tf": f"""locals {{
  prefix = "team-{i}-${{var.env}}"
}}

resource "aws_s3_bucket" "raw" {{
  bucket = "${{local.prefix}}-raw"
}}

resource "aws_s3_bucket_acl" "raw" {{
  bucket = aws_s3_bucket.raw.id
  acl    = "{acl}"
}}

resource "aws_sagemaker_notebook_instance" "nb" {{
  name                   = "${{local.prefix}}-nb"
  role_arn               = "arn:aws:iam::123456789012:role/r"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}}
""",
        "terraform.tfvars": f'env = "prod{i}"\n',
    }
    if shared:
        name = "var.db_password" if sensitive else '"${local.prefix}-lake"'
        files["lake.tf"] = f"""module "lake" {{
  source = "../../modules/lake"
  name   = {name}
}}

module "serve" {{
  source = "./serve"
  model  = module.lake.bucket
}}
"""
        files["serve/main.tf"] = SERVE
    return files


DAGSTER = """from dagster import Definitions
from dagster_aws.s3 import S3PickleIOManager, S3Resource

defs = Definitions(resources={"io_manager": S3PickleIOManager(s3_resource=S3Resource(), s3_bucket="solo")})
"""


def terraform_layout() -> dict[str, str]:
    files: dict[str, str] = {
        "infra/modules/lake/main.tf": LAKE,
        "infra/modules/logs/main.tf": LOGS,
        "infra/modules/endpoint/main.tf": ENDPOINT,
        "infra/orphan/main.tf": 'resource "aws_s3_bucket" "orphan" {\n  bucket = "orphan"\n}\n',
    }
    for i in range(8):
        for rel, text in _stack(i, shared=i < 5, sensitive=i == 3).items():
            files[f"infra/stacks/s{i}/{rel}"] = text
    # Two roots that share nothing with the others, and one on a module of their own.
    files["infra/solo/main.tf"] = 'module "own" {\n  source = "./own"\n}\n'
    files["infra/solo/own/main.tf"] = LOGS.replace("type = string\n}", 'type    = string\n  default = "solo"\n}')
    return files


DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api
"""

CARD = """---
license: mit
library_name: sklearn
datasets:
  - acme/churn
---

# churn

The model file model.pkl has sha256 {sha}.
"""

PROV = {
    "prefix": {"ex": "http://example.org/"},
    "entity": {"ex:model": {"prov:type": "ml:Model", "prov:location": "model.pkl", "ex:sha256": "1" * 64}},
    "activity": {"ex:train": {}},
    "wasGeneratedBy": {"_:g": {"prov:entity": "ex:model", "prov:activity": "ex:train"}},
}

DVC_YAML = """stages:
  train:
    cmd: python train.py
    outs: [model.pkl]
  eval:
    cmd: python eval.py
"""

DVC_LOCK = """schema: '2.0'
stages:
  train:
    cmd: python train.py
    outs:
      - path: model.pkl
        hash: md5
        md5: 9dd4e461268c8034f5c8564e155c67a6
"""

WORKFLOW = """on: [pull_request_target]
jobs:
  t:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: ./.github/actions/setup
      - run: echo ${{ github.event.pull_request.title }}
"""


def other_layout() -> dict[str, str]:
    """Cross-document shapes the examples keep apart: overlays, a chart, paired model folders."""
    template = DEPLOY.replace("ghcr.io/acme/api", "{{ .Values.image.repository }}:{{ .Values.image.tag }}")
    return {
        "k8s/base/deploy.yaml": DEPLOY,
        "k8s/base/kustomization.yaml": "resources:\n  - deploy.yaml\n",
        "k8s/overlays/prod/kustomization.yaml": (
            "resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/api\n    newTag: 1.2.3\n"
        ),
        "k8s/overlays/dev/kustomization.yaml": "resources:\n  - ../../base\n",
        "charts/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "charts/api/values.yaml": "image:\n  repository: ghcr.io/acme/api\n  tag: latest\n",
        "charts/api/templates/deploy.yaml": template,
        "models/churn/README.md": CARD.format(sha="0" * 64),
        "models/churn/model.pkl": "not a pickle\n",
        "models/churn/prov.json": json.dumps(PROV),
        "pipelines/a/dvc.yaml": DVC_YAML,
        "pipelines/a/dvc.lock": DVC_LOCK,
        "pipelines/a/params.yaml": "lr: 0.1\n",
        "data/customers.csv": "id,email\n1,ana@mailbox.org\n2,bo@mailbox.org\n",
        # Named by the churn card's datasets: a public benchmark only that card tells about.
        "data/churn.csv": "id,email\n1,ana@mailbox.org\n2,bo@mailbox.org\n",
        "data/customers.csv.dvc": "outs:\n- md5: 9dd4e461268c8034f5c8564e155c67a6\n  path: customers.csv\n",
        "notes/deploy.txt": "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n",
        ".github/workflows/ci.yml": WORKFLOW,
        ".github/actions/setup/action.yml": "runs:\n  using: composite\n  steps:\n    - uses: some/action@main\n",
        # A root with no bucket, and pipeline code writing to the public bucket of infra/solo.
        "infra/compute/main.tf": 'module "endpoint" {\n  source = "../modules/endpoint"\n  model  = "churn"\n}\n',
        "flows/defs.py": DAGSTER,
        "flows/steps.py": "def train(rows):\n    return [r * 2 for r in rows]\n",
        "flows/split.py": DAGSTER.replace('s3_bucket="solo"', 'base_path="s3:/" "/solo/features"'),
    }


def example_layout() -> dict[str, str]:
    """Every Python rule's examples and a sample of the Rego ones, each case in its own folder."""
    files: dict[str, str] = {}
    specs = sorted((REPO_ROOT / "rules").rglob("*.yaml")) + sorted((REPO_ROOT / "rego").rglob("*.yaml"))[::6]
    for path in specs:
        spec: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(spec, dict) or "rule" not in spec:
            continue
        for polarity in ("bad", "good"):
            for i, case in enumerate(spec.get(polarity) or []):
                if case.get("options"):
                    continue  # rule options differ per case; this scan has one set
                for rel, content in (case.get("files") or {}).items():
                    if isinstance(content, str):
                        files[f"examples/{spec['rule']}/{polarity}{i}/{rel}"] = content
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "repo"
    init_repo(root, {**example_layout(), **terraform_layout(), **other_layout()})
    return root


@pytest.fixture(scope="module")
def full(repo: Path, builtin_rules: RuleSet) -> ScanResult:
    return scan([repo], builtin_rules)


def _findings(result: ScanResult) -> list[tuple[Any, ...]]:
    return sorted(
        (f.fingerprint, f.rule_id, f.severity, f.message, f.path, f.start_line, f.end_line, f.address, f.pointer)
        for f in result.findings
    )


def _errors(result: ScanResult) -> list[tuple[Any, ...]]:
    return sorted((e.path, e.line or 0, e.kind, e.message) for e in result.errors)


# One named file per family whose context is not the file alone.
FAMILY_CASES = [
    ["examples/MLC-DOCKER-CONTEXT-001/bad0/serving/Dockerfile"],
    ["data/churn.csv"],
    ["models/churn/README.md"],
    ["models/churn/prov.json"],
    ["k8s/base/deploy.yaml"],
    ["charts/api/values.yaml", "charts/api/templates/deploy.yaml"],
    ["pipelines/a/dvc.yaml"],
    ["infra/modules/lake/main.tf"],
    ["infra/modules/logs/main.tf", "infra/stacks/s4/main.tf"],
    ["infra/stacks/s1/serve/main.tf"],
    ["infra/stacks/s3/lake.tf", "infra/orphan/main.tf"],
    ["flows/defs.py"],
    ["flows/split.py", "flows/steps.py"],
    ["examples/MLC-PIN-004/bad0/data/loans.csv.dvc"],
    ["examples/MLC-PIN-004/bad0/train.py", "infra/compute/main.tf"],
    # MLC-GX-002 reads every suite of the repository for a data file or a data contract.
    ["examples/MLC-PII-001/good2/seeds/raw_customers.csv"],
    ["examples/MLC-RETENTION-001/good0/datacontract.yaml"],
]


def _subsets(repo: Path, count: int) -> list[list[str]]:
    rels = [e.rel for e in list_files([repo]).files]
    tf = [r for r in rels if r.endswith(".tf")]
    rng = random.Random(16)
    out = list(FAMILY_CASES)
    out += [rng.sample(rels, rng.randint(1, 4)) for _ in range(count)]
    out += [rng.sample(tf, rng.randint(1, 3)) for _ in range(count // 2)]  # Terraform is the costly case
    return out


def test_full_scan_covers_every_document_kind(full: ScanResult) -> None:
    kinds = {d.kind for d in full.docs}
    wanted = {"terraform", "dvc", "modelcard", "provenance", "yaml", "text", "notebook", "tabular", "mlflow"}
    wanted |= {"airflow", "github-workflow", "model-artifact", "dockerfile"}
    assert wanted <= kinds, f"the generated repository lacks {sorted(wanted - kinds)}"
    assert len({f.rule_id for f in full.findings}) >= 40


@pytest.mark.parametrize("n", range(len(FAMILY_CASES) + 30))
def test_named_files_get_the_full_scans_findings(n: int, repo: Path, full: ScanResult, builtin_rules: RuleSet) -> None:
    named = _subsets(repo, 20)[n]
    paths = [repo / rel for rel in named]
    expected = only_files(full, paths)
    got = only_files(scan([repo], builtin_rules, focus=paths), paths)
    assert _findings(got) == _findings(expected), named
    assert _errors(got) == _errors(expected), named


def test_the_context_is_smaller_than_the_repository(repo: Path, builtin_rules: RuleSet) -> None:
    listing = list_files([repo])
    named = ["infra/stacks/s6/main.tf", "infra/stacks/s1/lake.tf"]
    loaded = {e.rel for e in incremental.restricted(listing, builtin_rules, [repo / r for r in named]).files}
    # s6 shares nothing; s1 reaches the shared modules, whose other callers are roots too, and
    # s3 passes a sensitive value into the lake module: every root calling it is loaded.
    assert "infra/stacks/s6/variables.tf" in loaded and "infra/modules/logs/main.tf" in loaded
    assert "infra/stacks/s3/lake.tf" in loaded
    assert "infra/solo/main.tf" not in loaded and "infra/orphan/main.tf" not in loaded
    assert not any(r.startswith("examples/") for r in loaded)


def test_shared_module_context_without_sensitive_callers(tmp_path: Path, builtin_rules: RuleSet) -> None:
    files = {k: v for k, v in terraform_layout().items() if not k.startswith("infra/stacks/s3/")}
    init_repo(tmp_path, files)
    named = [tmp_path / "infra/stacks/s1/main.tf"]
    loaded = {e.rel for e in incremental.restricted(list_files([tmp_path]), builtin_rules, named).files}
    assert "infra/modules/lake/main.tf" in loaded and "infra/stacks/s1/serve/main.tf" in loaded
    assert "infra/stacks/s2/main.tf" not in loaded  # another caller of the shared module


@pytest.mark.parametrize(
    ("named", "loaded", "left_out"),
    [
        # Names a bucket: the roots whose views can hold a bucket, and only them.
        (["flows/defs.py"], ["infra/solo/own/main.tf", "infra/stacks/s6/main.tf"], ["infra/compute/main.tf"]),
        # Adjacent literals that Python joins into a URI.
        (["flows/split.py"], ["infra/solo/own/main.tf", "infra/modules/lake/main.tf"], ["infra/compute/main.tf"]),
        (["examples/MLC-PIN-004/bad0/data/loans.csv.dvc"], ["examples/MLC-PIN-004/bad0/infra/main.tf"], []),
        # Names no bucket: no Terraform at all.
        (["flows/steps.py"], [], ["infra/solo/own/main.tf", "infra/compute/main.tf"]),
        (["k8s/base/deploy.yaml"], [], ["infra/solo/own/main.tf"]),
    ],
)
def test_bucket_context_loads_the_roots_that_can_declare_a_bucket(
    named: list[str], loaded: list[str], left_out: list[str], repo: Path, builtin_rules: RuleSet
) -> None:
    got = {e.rel for e in incremental.restricted(list_files([repo]), builtin_rules, [repo / r for r in named]).files}
    assert set(loaded) <= got
    assert not set(left_out) & got
    if not loaded:
        assert not any(r.endswith(".tf") for r in got)


def test_a_user_rule_loads_everything(repo: Path, tmp_path: Path) -> None:
    from scanner.rulesets import load_ruleset

    (tmp_path / "mine.py").write_text(
        "from scanner.pyrules import PythonRule\n\n"
        "class Count(PythonRule):\n"
        "    id = 'MLC-USER-901'\n    title = 'Counts documents'\n    severity = 'low'\n"
        "    category = 'supply-chain'\n    nist_ai_rmf = ('MANAGE 2.2',)\n"
        "    description = 'Reads every document of the scan, which no family declares.'\n"
        "    remediation = 'Nothing to remedy: a test rule.'\n    input_kinds = ('text',)\n\n"
        "    def check(self, doc, ctx):\n        return []\n\n"
        "RULES = [Count]\n"
    )
    ruleset = load_ruleset([], [tmp_path])
    listing = list_files([repo])
    assert incremental.restricted(listing, ruleset, [repo / "notes/deploy.txt"]) is listing


def test_cli_files_only_matches_the_full_scan(repo: Path, tmp_path: Path) -> None:
    named = ["infra/stacks/s1/main.tf", "models/churn/README.md", "k8s/base/deploy.yaml"]
    out_inc, out_full = tmp_path / "inc.json", tmp_path / "full.json"
    inc = run_cli("scan", "--files-only", "--fail-on", "none", "--json-output", out_inc, "--", *named, cwd=repo)
    assert inc.returncode == 0, inc.stderr
    whole = run_cli("scan", "--fail-on", "none", "--json-output", out_full, repo, cwd=repo)
    assert whole.returncode == 0, whole.stderr
    got = json.loads(out_inc.read_text())["findings"]
    expected = [f for f in json.loads(out_full.read_text())["findings"] if f["path"] in named]
    assert got == expected and len(got) >= 3


def _diff_scan(repo: Path, out: Path, monkeypatch: pytest.MonkeyPatch, incremental_base: bool) -> dict[str, Any]:
    from scanner import cli

    if not incremental_base:
        monkeypatch.setattr(cli, "_incremental_diff", lambda *a: None)
    monkeypatch.chdir(repo)
    code = cli.main(["scan", "--diff-base", "main", "--fail-on", "none", "-q", "--json-output", str(out), "."])
    monkeypatch.undo()
    assert code == 0
    return json.loads(out.read_text())


@pytest.mark.parametrize("sensitive", [True, False], ids=["sensitive-caller", "shared-modules"])
def test_diff_scan_with_an_incremental_merge_base_is_the_full_diff_scan(
    sensitive: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import git, write_files

    layout = {k: v for k, v in terraform_layout().items() if sensitive or not k.startswith("infra/stacks/s3/")}
    repo = init_repo(tmp_path / "repo", {**layout, **other_layout()})
    git(repo, "checkout", "-q", "-b", "change")
    stack = terraform_layout()["infra/stacks/s1/main.tf"]
    write_files(
        repo,
        {
            "infra/stacks/s1/main.tf": stack.replace('acl    = "public-read"', 'acl    = "public-read-write"'),
            # s6 newly calls an existing module: its findings there are new (caller s6).
            "infra/stacks/s6/logs.tf": 'module "logs" {\n  source = "../../solo/own"\n  name   = "s6"\n}\n',
            "models/churn/model.pkl": "another model\n",
            "k8s/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\n",
            "notes/new.txt": "token = ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n",
        },
    )
    git(repo, "rm", "-q", "pipelines/a/dvc.lock")
    git(repo, "mv", "infra/orphan/main.tf", "infra/orphan/bucket.tf")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")
    full = _diff_scan(repo, tmp_path / "full.json", monkeypatch, incremental_base=False)
    inc = _diff_scan(repo, tmp_path / "inc.json", monkeypatch, incremental_base=True)
    assert inc["findings"] == full["findings"]
    assert inc["errors"] == full["errors"]
    new = {(f["rule_id"], f["path"]) for f in full["findings"] if f.get("suppression") is None}
    assert any(p == "infra/solo/own/main.tf" for _, p in new)
    assert any(p == "infra/stacks/s1/main.tf" for _, p in new)
    assert any(f.get("suppression") for f in full["findings"])  # old findings stay the base's


def test_a_changed_suite_judges_every_data_file_and_contract_again(tmp_path: Path) -> None:
    # MLC-GX-002 reports on the data files and contracts whose columns no suite checks: a change
    # to a suite can add or remove their findings.
    write_files(
        tmp_path,
        {
            "gx/expectations/users.json": '{"expectations": []}\n',
            "data/users.csv": "email,age\na@example.com,3\n",
            "contracts/datacontract.yaml": "dataContractSpecification: 1.1.0\nid: users\n",
            "src/train.py": "print(1)\n",
        },
    )
    listing = list_files([tmp_path])
    judged, _ = incremental.affected(listing, ["gx/expectations/users.json"]) or (set(), set())
    assert {"data/users.csv", "contracts/datacontract.yaml"} <= judged
    assert "src/train.py" not in judged
    unrelated, _ = incremental.affected(listing, ["src/train.py"]) or (set(), set())
    assert "contracts/datacontract.yaml" not in unrelated
