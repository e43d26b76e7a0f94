"""Overlap with checkov on real Terraform: for every checkov failure in our categories on the
resource types of the ML rule packs, our finding on the same resource, or a written reason.

    python bench/checkov_overlap.py DIR [DIR ...] [--checkov EXE] [--cache DIR] [--json out.json]

Each DIR (a checkout) is scanned by checkov once (offline: no API key, no mapping download) and by
this checkout's scanner twice, with the default and the strict profile. A checkov failure is
keyed by (file, resource address with instance keys stripped); data sources get their `data.`
prefix back, as our addresses have it. Each failure on a resource type in SCOPE_TYPES is then:

- *covered*: a rule that names the checkov id in its `checkov_ids` (or its data-source twin, see
  TWINS), or for the ids in SECRETS_IDS any secrets finding in the same file, reports the key;
- *difference*: not covered, and DIFFERENCES explains it (a control we implement differently on
  purpose, with the reason and a fixture; tests/bench/test_checkov_overlap.py checks each one still
  occurs), or our resource view has no such instance (count = 0, for_each over an unknown value);
- *out of scope*: the id is in OUT_OF_SCOPE: not a control of our categories for the ML stack
  (availability, backups, cost, hygiene), with the reason;
- *missed*: everything else, including ids no table names (a new checkov check shows up here).

Recall = covered / (covered + missed), per cloud and profile; every miss is listed. checkov
runs from its own environment (`--checkov`, else MLCOMPLY_CHECKOV, else `checkov` on PATH).
Exit code 1 when a scan failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PROFILES = ("default", "strict")

# Resource types of the ML rule packs (issue 18 and the first pack), by prefix.
SCOPE_TYPES: dict[str, tuple[str, ...]] = {
    "aws": (
        "aws_s3_",
        "aws_iam_",
        "aws_security_group",
        "aws_vpc_security_group_",
        "aws_eks_",
        "aws_instance",
        "aws_launch_template",
        "aws_sagemaker_",
        "aws_bedrock",
        "aws_opensearch_",
        "aws_elasticsearch_",
        "aws_codebuild_",
        "aws_codepipeline",
        "aws_ssm_parameter",
        "aws_lambda_",
        "aws_secretsmanager_",
        "aws_sqs_",
        "aws_sns_",
        "aws_kinesis_",
        "aws_fsx_",
        "aws_glue_",
        "aws_cloudwatch_log_group",
        "aws_ecr_",
        "aws_kms_",
        "aws_db_instance",
        "aws_rds_",
        "aws_dynamodb_",
        "aws_ebs_",
        "aws_efs_",
    ),
    "azure": (
        "azurerm_machine_learning_",
        "azurerm_storage_",
        "azurerm_key_vault",
        "azurerm_cognitive_",
        "azurerm_container_registry",
        "azurerm_kubernetes_cluster",
        "azurerm_search_service",
        "azurerm_network_security_",
        "azurerm_role_assignment",
    ),
    "gcp": (
        "google_storage_",
        "google_bigquery_",
        "google_vertex_ai_",
        "google_container_",
        "google_artifact_registry_",
        "google_project_iam_",
        "google_service_account_key",
        "google_compute_firewall",
        "google_notebooks_",
        "google_workbench_",
    ),
    "databricks": ("databricks_",),
}

# checkov's data-source form of a resource check: the same control, on an
# aws_iam_policy_document, which our IAM rules report at the data source itself.
TWINS: dict[str, str] = {
    "CKV_AWS_1": "CKV_AWS_62",  # full admin, data source
    "CKV_AWS_49": "CKV_AWS_63",  # "*" action, data source
    "CKV_AWS_111": "CKV_AWS_290",  # write without constraints, data source
    "CKV_AWS_356": "CKV_AWS_355",  # "*" resource, data source
    "CKV_AWS_109": "CKV_AWS_289",  # permissions management, data source
    "CKV_AWS_108": "CKV_AWS_288",  # data exfiltration, data source
    "CKV2_AWS_2": "CKV_AWS_3",  # unencrypted EBS volume, graph form
}

# Literal credentials: the one secrets detector reports them by file and line, not by resource.
SECRETS_IDS = frozenset({"CKV_AWS_41", "CKV_AWS_45", "CKV_AWS_46", "CKV_AZURE_41", "CKV_SECRET_2", "CKV_SECRET_6"})


@dataclass(frozen=True)
class Difference:
    """A control we implement, where checkov flags a shape we deliberately do not report."""

    ids: tuple[str, ...]
    reason: str
    fixture: str  # a minimal main.tf (with ./mod/main.tf after a "# mod" line) checkov flags and we do not
    # (repository, address) pairs the difference explains; None: every uncovered failure of `ids`
    occurrences: tuple[tuple[str, str], ...] | None = None


DIFFERENCES: dict[str, Difference] = {
    "eks-endpoint-restricted": Difference(
        ("CKV_AWS_39",),
        "an EKS public endpoint restricted by public_access_cidrs is not reported (MLC-AWS-EKS-001 "
        "reports an endpoint open to 0.0.0.0/0, as CKV_AWS_38 does); checkov flags every public endpoint",
        'resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn:aws:iam::111122223333:role/eks"\n'
        '  vpc_config {\n    subnet_ids          = ["subnet-1"]\n'
        '    public_access_cidrs = ["203.0.113.0/24"]\n  }\n}\n',
    ),
    "opensearch-tls-default": Difference(
        ("CKV_AWS_228",),
        "an OpenSearch domain without tls_security_policy is left to the service default; "
        "MLC-AWS-OPENSEARCH-003 reports an explicit TLS 1.0 policy or enforce_https = false",
        'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n}\n',
    ),
    "opensearch-cmk-unencrypted": Difference(
        ("CKV_AWS_247",),
        "a domain without encryption at rest is MLC-AWS-OPENSEARCH-001's finding (high); the CMK "
        "rule asks for a customer key only where encryption is on, so the domain is not reported twice",
        'resource "aws_elasticsearch_domain" "d" {\n  domain_name = "d"\n  encrypt_at_rest {\n'
        "    enabled = false\n  }\n}\n",
    ),
    "iam-describe-on-star": Difference(
        ("CKV_AWS_355", "CKV_AWS_356"),
        "Describe/List/Get reads of metadata on Resource * (ec2:Describe*, which has no resource-level "
        "permissions for most calls) are not reported; cloudsplaining expands the wildcard to restrictable "
        "reads. Data and secret reads (s3:GetObject, GetSecretValue, GetParameter) are reported",
        'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", '
        'Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }] })\n}\n',
        (
            ("terraform-aws-eks", "aws_iam_policy.additional"),
            ("terraform-aws-eks", "aws_iam_policy.node_additional"),
            ("terraform-aws-eks", "module.eks_hybrid_node_role.data.aws_iam_policy_document.this"),
            ("terraform-aws-eks", "module.ira_eks_hybrid_node_role.data.aws_iam_policy_document.this"),
        ),
    ),
    "dynamic-block-from-caller": Difference(
        ("CKV_AWS_58", "CKV_AWS_37", "CKV_AWS_79"),
        "a dynamic block whose for_each the caller's arguments decide (encryption_config, "
        "metadata_options, log types from module variables): checkov judges the module without the "
        "caller's values and reports it missing; the resource view evaluates it with them (and stays "
        "silent where it cannot)",
        'module "eks" {\n  source            = "./mod"\n  encryption_config = { resources = ["secrets"], '
        'key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k" }\n}\n'
        "# mod\n"
        'variable "encryption_config" {\n  type    = any\n  default = null\n}\n'
        'resource "aws_eks_cluster" "this" {\n  name     = "c"\n  role_arn = "arn:aws:iam::111122223333:role/eks"\n'
        '  vpc_config {\n    subnet_ids             = ["subnet-1"]\n    endpoint_public_access = false\n  }\n'
        '  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n'
        '  dynamic "encryption_config" {\n    for_each = var.encryption_config != null ? [var.encryption_config] : []\n'
        "    content {\n      resources = encryption_config.value.resources\n      provider {\n"
        "        key_arn = encryption_config.value.key_arn\n      }\n    }\n  }\n}\n",
        (
            ("terraform-aws-eks", "module.eks.aws_eks_cluster.this"),
            ("terraform-aws-eks", "module.eks_auto_custom_node_pools.aws_eks_cluster.this"),
        ),
    ),
}


def difference_for(repo: str, cid: str, address: str) -> Difference | None:
    for diff in DIFFERENCES.values():
        if cid in diff.ids and (diff.occurrences is None or (repo, address) in diff.occurrences):
            return diff
    return None


OUT_OF_SCOPE: dict[str, str] = {
    # availability, backups and recovery
    "CKV2_AWS_16": "DynamoDB auto scaling: capacity, not security",
    "CKV2_AWS_8": "RDS in an AWS Backup plan: recovery",
    "CKV2_AWS_59": "OpenSearch dedicated masters: availability",
    "CKV_AWS_28": "DynamoDB point-in-time recovery: recovery",
    "CKV_AWS_115": "Lambda reserved concurrency: capacity",
    "CKV_AWS_116": "Lambda dead-letter queue: reliability",
    "CKV_AWS_133": "RDS backup retention: recovery",
    "CKV_AWS_139": "RDS cluster deletion protection: recovery",
    "CKV_AWS_144": "S3 cross-region replication: disaster recovery",
    "CKV_AWS_157": "RDS Multi-AZ: availability",
    "CKV_AWS_293": "RDS deletion protection: recovery",
    "CKV_AWS_318": "OpenSearch three dedicated masters: availability",
    "CKV_AWS_326": "Aurora backtracking: recovery",
    # cost, performance and hygiene
    "CKV2_AWS_5": "security group not attached to a resource: hygiene, it exposes nothing",
    "CKV2_AWS_60": "RDS copy tags to snapshots: hygiene",
    "CKV2_AWS_61": "S3 lifecycle configuration: cost",
    "CKV_AWS_300": "S3 lifecycle abort of failed multipart uploads: cost",
    "CKV_AWS_313": "RDS cluster copy tags to snapshots: hygiene",
    "CKV_AWS_23": "security group rule description: hygiene",
    "CKV_AWS_126": "EC2 detailed monitoring: operations metrics",
    "CKV_AWS_135": "EC2 EBS optimisation: performance",
    "CKV_AWS_118": "RDS enhanced monitoring: operations metrics",
    "CKV_AWS_50": "Lambda X-Ray tracing: operations",
    "CKV_AWS_226": "RDS automatic minor upgrades: patch scheduling",
    "CKV_AWS_363": "deprecated Lambda runtime: a maintenance date, not configuration",
    # policy choices outside the ML-stack controls, or reported elsewhere
    "CKV2_AWS_62": "S3 event notifications: a workflow choice, not a control",
    "CKV2_AWS_64": "KMS key without an explicit key policy: the default policy delegates to IAM, "
    "whose grants the IAM rules check",
    "CKV2_AWS_65": "S3 ACLs not disabled: BucketOwnerEnforced is the default since April 2023; "
    "public ACLs are MLC-AWS-S3-002",
    "CKV2_AWS_57": "Secrets Manager rotation: needs a rotation Lambda per secret type, a lifecycle "
    "policy of the secret's owner",
    "CKV2_AWS_41": "EC2 instance without an instance profile: no credentials is not a risk",
    "CKV_AWS_273": "IAM users instead of SSO: the risk of a user is its long-lived key (MLC-AWS-IAM-007) "
    "and direct policies (MLC-AWS-IAM-008)",
    "CKV_AWS_283": "a policy document allowing any principal: reported at the resource whose policy "
    "it is (S3, ECR, OpenSearch, SageMaker registry), where it takes effect",
    "CKV_AWS_186": "S3 object without its own CMK: objects take the bucket's default encryption, "
    "which MLC-AWS-S3-004 checks",
    "CKV_AWS_117": "Lambda outside a VPC: a function has no inbound network path; VPC placement is "
    "an egress-control choice",
    "CKV_AWS_272": "Lambda code signing: needs an AWS Signer profile, a release-process choice",
    "CKV_AWS_260": "port 80 open to the internet: how public web endpoints are served; ML tool and "
    "admin ports are MLC-AWS-VPC-001/002",
    "CKV_AWS_248": "OpenSearch in the default security group: its rules are what expose it (VPC rules)",
    "CKV_AWS_88": "EC2 public IP: exposes only what the security group allows (MLC-AWS-VPC-001..003)",
    "CKV_AWS_341": "launch template hop limit above 1: pods on EKS nodes need 2 to reach IMDSv2 "
    "(MLC-AWS-EC2-001 requires the session tokens)",
    "CKV_AWS_66": "CloudWatch log retention unset: logs are kept forever; length is a records policy",
    "CKV_AWS_338": "CloudWatch log retention under a year: a records policy (cost against audit needs)",
    "CKV_AWS_314": "CodeBuild without logs_config: CodeBuild logs to CloudWatch unless told not to",
    "CKV_AWS_286": "privilege escalation paths (cloudsplaining action combinations): we report "
    "the unconstrained grants they use (MLC-AWS-IAM-002/003)",
    "CKV_AWS_287": "credentials exposure actions (cloudsplaining), many without resource-level "
    "permissions: we report unconstrained write and secret-read grants (MLC-AWS-IAM-003)",
    "CKV_AWS_107": "credentials exposure actions, data source (see CKV_AWS_287)",
    "CKV_AWS_110": "privilege escalation, data source (see CKV_AWS_286)",
}

NOT_IN_VIEW = "no such instance in our resource view (count = 0, or for_each over a value the scan cannot know)"

_INSTANCE_KEY = re.compile(r"\[[^\]]*\]")


def strip_keys(address: str) -> str:
    """`module.a["x"].aws_s3_bucket.b[0]` -> `module.a.aws_s3_bucket.b`."""
    return _INSTANCE_KEY.sub("", address)


def checkov_key(check: dict[str, Any]) -> tuple[str, str]:
    """(file, address) of a checkov failure, in our form: no leading slash, no instance keys,
    `data.` before a data source (checkov's data checks live in checkov.terraform.checks.data)."""
    address = strip_keys(check["resource"])
    if ".checks.data." in str(check.get("check_class", "")):
        parts = address.split(".")
        address = ".".join([*parts[:-2], "data", *parts[-2:]])
    return check["file_path"].lstrip("/"), address


def resource_type(address: str) -> str:
    parts = address.split(".")
    return parts[-2] if len(parts) >= 2 else ""


def cloud_of(type_name: str) -> str | None:
    for cloud, prefixes in SCOPE_TYPES.items():
        if type_name.startswith(prefixes):
            return cloud
    return None


def rules_by_checkov_id(rules: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        for cid in rule.get("checkov_ids") or ():
            out[cid].add(rule["id"])
    return dict(out)


@dataclass(frozen=True)
class Verdict:
    repo: str
    cloud: str
    check_id: str
    file: str
    address: str
    status: str  # covered | difference | out-of-scope | missed
    note: str


def classify(
    repo: str,
    failures: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    mapping: dict[str, set[str]],
    view: set[tuple[str, str]] | None = None,
) -> list[Verdict]:
    """One verdict per distinct in-scope (check id, file, address) that checkov failed. `view`:
    the (file, address) of every resource instance in our resource view, when known; a failure
    on an instance it lacks (count = 0, for_each over a value the scan cannot know) is a
    difference, since no rule can report what Terraform would not create or cannot be known."""
    ours: dict[tuple[str, str], set[str]] = defaultdict(set)
    secrets_files = set()
    for f in findings:
        if f.get("suppression"):
            continue
        if f.get("address"):
            ours[(f["path"], strip_keys(f["address"]))].add(f["rule_id"])
        if f.get("category") == "secrets":
            secrets_files.add(f["path"])
    seen = set()
    out = []
    for check in failures:
        cid = check["check_id"]
        file, address = checkov_key(check)
        cloud = cloud_of(resource_type(address))
        if cloud is None or (cid, file, address) in seen:
            continue
        seen.add((cid, file, address))
        rules = mapping.get(cid) or mapping.get(TWINS.get(cid, ""), set())
        if cid in SECRETS_IDS:
            status, note = ("covered", "secrets") if file in secrets_files else ("missed", "no secrets finding")
        elif rules and ours.get((file, address), set()) & rules:
            status, note = "covered", ",".join(sorted(ours[(file, address)] & rules))
        elif cid in OUT_OF_SCOPE and not rules:
            status, note = "out-of-scope", OUT_OF_SCOPE[cid]
        elif (diff := difference_for(repo, cid, address)) is not None:
            status, note = "difference", diff.reason
        elif view is not None and (file, address) not in view:
            status, note = "difference", NOT_IN_VIEW
        elif rules:
            status, note = "missed", f"{','.join(sorted(rules))} silent"
        else:
            status, note = "missed", "no rule and no reason"
        out.append(Verdict(repo, cloud, cid, file, address, status, note))
    return out


def recall_table(verdicts: list[Verdict]) -> dict[str, dict[str, int]]:
    """cloud -> {status: count}, with "all" over every cloud."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for v in verdicts:
        table[v.cloud][v.status] += 1
        table["all"][v.status] += 1
    return {cloud: dict(c) for cloud, c in table.items()}


def recall(counts: dict[str, int]) -> float | None:
    denominator = counts.get("covered", 0) + counts.get("missed", 0)
    return counts.get("covered", 0) / denominator if denominator else None


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BC_", "PRISMA_", "CKV_"))}
    env.update(
        {
            "BC_SKIP_MAPPING": "TRUE",
            "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
            "ENABLE_DEFINITION_KEY": "false",
            "LOG_LEVEL": "ERROR",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    return env


def failed_checks(report: Any) -> list[dict[str, Any]]:
    reports = report if isinstance(report, list) else [report]
    return [c for r in reports if isinstance(r, dict) for c in r.get("results", {}).get("failed_checks", [])]


def run_checkov(exe: str, target: Path, cache: Path | None, timeout: float) -> list[dict[str, Any]]:
    cached = cache / f"{target.name}.json" if cache else None
    if cached and cached.is_file():
        return failed_checks(json.loads(cached.read_text(encoding="utf-8")))
    cmd = [exe, "-d", str(target), "-o", "json", "--framework", "terraform", "--quiet", "--compact", "--skip-download"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=offline_env(), timeout=timeout)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"checkov on {target}: exit {proc.returncode}: {proc.stderr[-500:]}")
    report = json.loads(proc.stdout or "[]")
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(proc.stdout, encoding="utf-8")
    return failed_checks(report)


def run_ours(target: Path, profile: str, timeout: float) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        cmd = [sys.executable, "-m", "scanner", "scan", str(target), "--profile", profile, "--fail-on", "none"]
        env = {**os.environ, "AWS_EC2_METADATA_DISABLED": "true"}
        proc = subprocess.run(
            [*cmd, "--json-output", str(out)], capture_output=True, text=True, env=env, timeout=timeout
        )
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"scan {target} ({profile}): exit {proc.returncode}: {proc.stderr[-500:]}")
        return json.loads(out.read_text(encoding="utf-8"))["findings"]


def resource_view(target: Path) -> set[tuple[str, str]]:
    """(file, address without instance keys) of every resource and data source we load."""
    from scanner.scan import DEFAULT_MAX_FILE_BYTES, load_documents
    from scanner.walk import list_files

    docs, _ = load_documents(list_files([target]), {"terraform"}, DEFAULT_MAX_FILE_BYTES)
    return {
        (str(r.get("file") or doc.path), strip_keys(r["address"]))
        for doc in docs
        if isinstance(doc.data, dict)
        for r in doc.data.get("resources") or []
        if isinstance(r, dict) and r.get("address")
    }


def our_rules() -> list[dict[str, Any]]:
    proc = subprocess.run(
        [sys.executable, "-m", "scanner", "rules", "--format", "json"], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def _fmt(r: float | None) -> str:
    return "-" if r is None else f"{100 * r:.1f}%"


def print_report(results: dict[str, list[Verdict]]) -> None:
    print(f"{'profile':<8} {'cloud':<11} {'covered':>7} {'missed':>6} {'diff':>5} {'out':>5} {'recall':>7}")
    for profile, verdicts in results.items():
        for cloud, counts in sorted(recall_table(verdicts).items()):
            print(
                f"{profile:<8} {cloud:<11} {counts.get('covered', 0):>7} {counts.get('missed', 0):>6} "
                f"{counts.get('difference', 0):>5} {counts.get('out-of-scope', 0):>5} {_fmt(recall(counts)):>7}"
            )
    for profile, verdicts in results.items():
        misses = sorted(
            (v.cloud, v.check_id, v.repo, v.file, v.address, v.note) for v in verdicts if v.status == "missed"
        )
        print(f"\nmisses ({profile}): {len(misses)}")
        for cloud, cid, repo, file, address, note in misses:
            print(f"  {cloud:<6} {cid:<13} {repo}: {file} {address}  [{note}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path, help="Terraform checkouts to compare on")
    parser.add_argument("--checkov", default=os.environ.get("MLCOMPLY_CHECKOV") or shutil.which("checkov"))
    parser.add_argument("--cache", type=Path, help="reuse (or write) checkov's JSON per checkout in this folder")
    parser.add_argument("--json", type=Path, help="write every verdict to this file")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)
    if not args.checkov:
        parser.error("checkov not found: pass --checkov or set MLCOMPLY_CHECKOV")
    mapping = rules_by_checkov_id(our_rules())
    results: dict[str, list[Verdict]] = {p: [] for p in PROFILES}
    code = 0
    for target in args.dirs:
        try:
            failures = run_checkov(args.checkov, target, args.cache, args.timeout)
            view = resource_view(target)
            for profile in PROFILES:
                findings = run_ours(target, profile, args.timeout)
                results[profile] += classify(target.name, failures, findings, mapping, view)
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
            print(f"checkov overlap: {target}: {exc}", file=sys.stderr)
            code = 1
    print_report(results)
    if args.json:
        args.json.write_text(
            json.dumps({p: [asdict(v) for v in vs] for p, vs in results.items()}, indent=1), encoding="utf-8"
        )
    return code


if __name__ == "__main__":
    sys.exit(main())
