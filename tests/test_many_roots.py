"""Many root modules in one repository: a root's cost does not grow with the other roots, and
each root's findings are those it has when scanned alone (the shared, once-per-scan indexes of
scanner/terraform/load.py and scanner/secrets/terraform.py change nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner import scan as pipeline
from scanner.context import ScanContext
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from scanner.terraform import taint
from scanner.walk import FileEntry, Listing

MODULES = {
    "modules/lake/main.tf": """variable "name" {}
variable "kms_key_arn" {}
variable "token" {
  sensitive = true
}
variable "public" {
  default = false
}
locals {
  marker = "${var.token}-x"
}
resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags = {
    marker = local.marker
  }
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
resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}
output "bucket" {
  value = aws_s3_bucket.this.bucket
}
""",
}


def _stack(i: int) -> dict[str, str]:
    """One root module in three files with cross-file references; some roots misconfigured,
    every third with a literal credential in its tfvars that reaches a resource."""
    d = f"stacks/s{i:02d}"
    password = f"Zq8{i:02d}vLw3xTr9mKp2Ha7" if i % 3 == 0 else ""
    return {
        f"{d}/variables.tf": 'variable "env" {\n  default = "dev"\n}\nvariable "db_password" {\n  default = ""\n}\n',
        f"{d}/terraform.tfvars": f'db_password = "{password}"\n' if password else 'env = "prod"\n',
        f"{d}/kms.tf": f"""locals {{
  name = "acme-${{var.env}}-{i}"
}}
resource "aws_kms_key" "data" {{
  enable_key_rotation = {"false" if i % 2 else "true"}
}}
""",
        f"{d}/storage.tf": f"""module "raw" {{
  source      = "../../modules/lake"
  name        = "${{local.name}}-raw"
  kms_key_arn = aws_kms_key.data.arn
  token       = var.env
  public      = {"true" if i % 4 == 0 else "false"}
}}
resource "aws_db_instance" "meta" {{
  identifier        = local.name
  password          = var.db_password
  storage_encrypted = {"false" if i % 5 == 0 else "true"}
}}
resource "aws_s3_bucket_acl" "raw" {{
  bucket = module.raw.bucket
  acl    = "{"public-read" if i % 3 == 1 else "private"}"
}}
""",
    }


def _repo(make_repo: Callable[..., Path], roots: range, name: str) -> Path:
    files = dict(MODULES)
    for i in roots:
        files.update(_stack(i))
    return make_repo(files, name=name)


def _found(result: ScanResult) -> list[tuple[Any, ...]]:
    return sorted(
        (
            f.rule_id,
            f.path,
            f.start_line,
            f.end_line,
            f.address or "",
            f.message,
            f.fingerprint,
            f.severity,
            f.properties,
        )
        for f in result.findings
    )


class _CountingFiles(tuple[FileEntry, ...]):
    """The listing's files, counting every pass over all of them."""

    passes = 0

    def __iter__(self) -> Iterator[FileEntry]:
        type(self).passes += 1
        return super().__iter__()


def _work(
    make_repo: Callable[..., Path], rules: RuleSet, roots: int, monkeypatch: pytest.MonkeyPatch
) -> dict[str, int]:
    """Passes over the whole listing and taint look-ups in one scan of `roots` roots."""
    root = _repo(make_repo, range(roots), f"work{roots}")
    list_files = pipeline.list_files
    lookups = 0
    reads_names = taint.reads_names

    def counting_listing(paths: Any) -> Listing:
        listing = list_files(paths)
        return Listing(listing.root, _CountingFiles(listing.files), listing.skipped, listing.git_tracked)

    def counting_reads(text: str, names: set[str]) -> bool:
        nonlocal lookups
        lookups += 1
        return reads_names(text, names)

    _CountingFiles.passes = 0
    with monkeypatch.context() as m:
        m.setattr(pipeline, "list_files", counting_listing)
        m.setattr(taint, "reads_names", counting_reads)
        result = scan([root], rules)
    assert [e for e in result.errors if e.kind != "note"] == []
    assert sorted(d.path for d in result.docs if d.kind == "terraform") == [f"stacks/s{i:02d}" for i in range(roots)]
    return {"listing passes": _CountingFiles.passes, "taint look-ups": lookups}


def test_whole_tree_work_does_not_grow_per_root(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 8 times the roots: the same number of passes over the listing (each index is built
    once per scan, not once per root) and at most 8 times the taint work (each root's own)."""
    few = _work(make_repo, builtin_rules, 3, monkeypatch)
    many = _work(make_repo, builtin_rules, 24, monkeypatch)
    assert many["listing passes"] == few["listing passes"], (few, many)
    assert many["taint look-ups"] <= 8 * few["taint look-ups"] * 1.1, (few, many)


def test_each_root_finds_what_it_finds_alone(make_repo: Callable[..., Path], builtin_rules: RuleSet) -> None:
    """The reference is each root scanned in a repository of its own (with the shared module):
    sharing the module tree's indexes across roots must not add, lose or change a finding."""
    roots = range(6)
    together = _found(scan([_repo(make_repo, roots, "together")], builtin_rules))
    alone = sorted(
        f for i in roots for f in _found(scan([_repo(make_repo, range(i, i + 1), f"alone{i}")], builtin_rules))
    )
    # The shared module's findings are reported once per calling root (the caller is part of
    # their identity), so both sides count them the same way.
    assert together == alone
    rules = {f[0] for f in together}
    assert {"MLC-AWS-KMS-001", "MLC-AWS-S3-003"} <= rules, rules
    assert any(f[0].startswith("MLC-SECRET-") and f[1].endswith(".tfvars") for f in together), rules


def test_context_indexes_answer_as_the_listing_and_documents_do(
    make_repo: Callable[..., Path], builtin_rules: RuleSet
) -> None:
    """ScanContext.file and documents_of, built once per scan, give what a pass over the
    listing or the documents gives."""
    result = scan([_repo(make_repo, range(3), "ctx")], builtin_rules)
    listing = pipeline.list_files([result.root])
    ctx = ScanContext(listing=listing, documents=result.docs)
    for entry in listing.files:
        assert ctx.file(entry.rel) == entry
    assert ctx.file("stacks/nowhere.tf") is None
    for kind in {d.kind for d in result.docs} | {"dvc"}:
        assert ctx.documents_of(kind) == [d for d in result.docs if d.kind == kind]
    ctx.documents_of("terraform").clear()  # a caller's copy: the index stays whole
    assert len(ctx.documents_of("terraform")) == 3
