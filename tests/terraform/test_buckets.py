"""What the repository's Terraform says about its buckets (public, unencrypted, versioned,
expiring), by their literal names: one index, read through its views."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from scanner.documents import Document
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.terraform import buckets
from scanner.terraform.buckets import BucketIndex, index
from tests.conftest import init_repo


def _one(resources: list[dict[str, Any]]) -> BucketIndex:
    return index([Document(kind="terraform", path="infra", data={"resources": resources})])


def _tf(*resources: dict[str, Any]) -> Document:
    return Document(kind="terraform", path="infra", data={"resources": list(resources)})


def _res(type_: str, label: str, **config: Any) -> dict[str, Any]:
    return {"type": type_, "address": f"{type_}.{label}", "config": config}


def _r(type_: str, name: str, config: dict[str, Any]) -> dict[str, Any]:
    return {"type": type_, "address": f"{type_}.{name}", "config": config}


def test_versioned_buckets_by_every_form() -> None:
    resources = [
        _r("aws_s3_bucket", "inline", {"bucket": "inline-b", "versioning": [{"enabled": True}]}),
        _r("aws_s3_bucket", "separate", {"bucket": "separate-b"}),
        _r(
            "aws_s3_bucket_versioning",
            "separate",
            {"bucket": "aws_s3_bucket.separate", "versioning_configuration": [{"status": "Enabled"}]},
        ),
        _r(
            "aws_s3_bucket_versioning",
            "byname",
            {"bucket": "other-b", "versioning_configuration": {"status": "Enabled"}},
        ),
        _r("aws_s3_bucket", "suspended", {"bucket": "suspended-b"}),
        _r(
            "aws_s3_bucket_versioning",
            "suspended",
            {"bucket": "aws_s3_bucket.suspended", "versioning_configuration": [{"status": "Suspended"}]},
        ),
        _r("google_storage_bucket", "gcs", {"name": "gcs-b", "versioning": [{"enabled": True}]}),
        _r("google_storage_bucket", "plain", {"name": "plain-b"}),
        _r("aws_s3_bucket", "computed", {"bucket": {"__unknown__": "var.name"}, "versioning": [{"enabled": True}]}),
    ]
    assert _one(resources).versioned == {
        "inline-b": "aws_s3_bucket.inline",
        "separate-b": "aws_s3_bucket.separate",
        "other-b": "aws_s3_bucket_versioning.byname",
        "gcs-b": "google_storage_bucket.gcs",
    }


def test_public_buckets_by_every_form() -> None:
    policy = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}'
    conditioned = {
        "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Condition": {"x": 1}}
    }
    resources = [
        _r("aws_s3_bucket", "inline", {"bucket": "inline-b", "acl": "public-read"}),
        _r("aws_s3_bucket", "a", {"bucket": "acl-b"}),
        _r("aws_s3_bucket_acl", "a", {"bucket": "aws_s3_bucket.a", "acl": "public-read-write"}),
        _r("aws_s3_bucket", "p", {"bucket": "policy-b"}),
        _r("aws_s3_bucket_policy", "p", {"bucket": "aws_s3_bucket.p", "policy": policy}),
        _r("aws_s3_bucket", "c", {"bucket": "conditioned-b"}),
        _r("aws_s3_bucket_policy", "c", {"bucket": "aws_s3_bucket.c", "policy": conditioned}),
        _r("aws_s3_bucket_policy", "bad", {"bucket": "x", "policy": "{not json"}),
        _r("aws_s3_bucket", "private", {"bucket": "private-b", "acl": "private"}),
        _r("google_storage_bucket", "g", {"name": "gcs-b"}),
        _r("google_storage_bucket_iam_member", "g", {"bucket": "google_storage_bucket.g", "member": "allUsers"}),
        _r(
            "google_storage_bucket_iam_binding",
            "h",
            {"bucket": "gcs-h", "members": ["user:a@b.c", "allAuthenticatedUsers"]},
        ),
    ]
    assert _one(resources).public == {
        "inline-b": "aws_s3_bucket.inline",
        "acl-b": "aws_s3_bucket_acl.a",
        "policy-b": "aws_s3_bucket_policy.p",
        "gcs-b": "google_storage_bucket_iam_member.g",
        "gcs-h": "google_storage_bucket_iam_binding.h",
    }


def test_buckets_with_expiry() -> None:
    resources = [
        _r(
            "aws_s3_bucket", "inline", {"bucket": "inline-b", "lifecycle_rule": [{"enabled": True, "expiration": [{}]}]}
        ),
        _r("aws_s3_bucket", "off", {"bucket": "off-b", "lifecycle_rule": [{"enabled": False, "expiration": [{}]}]}),
        _r("aws_s3_bucket", "sep", {"bucket": "sep-b"}),
        _r(
            "aws_s3_bucket_lifecycle_configuration",
            "sep",
            {"bucket": "aws_s3_bucket.sep", "rule": [{"status": "Enabled", "noncurrent_version_expiration": [{}]}]},
        ),
        _r("aws_s3_bucket", "move", {"bucket": "move-b"}),
        _r(
            "aws_s3_bucket_lifecycle_configuration",
            "move",
            {"bucket": "move-b", "rule": [{"status": "Enabled", "transition": [{"days": 30}]}]},
        ),
        _r("google_storage_bucket", "g", {"name": "gcs-b", "lifecycle_rule": [{"action": [{"type": "Delete"}]}]}),
        _r(
            "google_storage_bucket",
            "h",
            {"name": "gcs-h", "lifecycle_rule": [{"action": [{"type": "SetStorageClass"}]}]},
        ),
    ]
    names, expiring = _one(resources).expiry
    assert set(names) == {"inline-b", "off-b", "sep-b", "move-b", "gcs-b", "gcs-h"}
    assert expiring == {"inline-b", "sep-b", "gcs-b"}
    unknown = _r("aws_s3_bucket_lifecycle_configuration", "u", {"bucket": {"__unknown__": "var.b"}})
    assert _one([*resources, unknown]).expiry[1] == set(names)  # may target any of them


@pytest.mark.parametrize(
    ("resources", "public", "unencrypted"),
    [
        ([_res("aws_s3_bucket", "b", bucket="lake")], None, True),
        (
            [_res("aws_s3_bucket", "b", bucket="lake", acl="public-read")],
            "aws_s3_bucket.b has acl = 'public-read'",
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res("aws_s3_bucket_acl", "a", bucket="aws_s3_bucket.b.id", acl="public-read-write"),
            ],
            "aws_s3_bucket_acl.a grants acl = 'public-read-write'",
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res("aws_s3_bucket_acl", "a", bucket="other", acl="public-read"),
            ],
            None,
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res(
                    "aws_s3_bucket_policy",
                    "p",
                    bucket="lake",
                    policy='{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}',
                ),
            ],
            "aws_s3_bucket_policy.p allows Principal '*'",
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res(
                    "aws_s3_bucket_policy",
                    "p",
                    bucket="lake",
                    policy='{"Statement": [{"Effect": "Allow", "Principal": "*", "Condition": {"IpAddress": {}}}]}',
                ),
            ],
            None,
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res("aws_s3_bucket_policy", "p", bucket="lake", policy="not json"),
            ],
            None,
            True,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res("aws_s3_bucket_server_side_encryption_configuration", "e", bucket="aws_s3_bucket.b.id"),
            ],
            None,
            False,
        ),
        (
            [
                _res("aws_s3_bucket", "b", bucket="lake"),
                _res("aws_s3_bucket_server_side_encryption_configuration", "e", bucket={"unknown": True}),
            ],
            None,
            False,
        ),
        (
            [
                _res("google_storage_bucket", "g", name="lake"),
                _res(
                    "google_storage_bucket_iam_member",
                    "m",
                    bucket="google_storage_bucket.g.name",
                    role="roles/storage.objectViewer",
                    member="allUsers",
                ),
            ],
            "google_storage_bucket_iam_member.m grants roles/storage.objectViewer to allUsers",
            False,
        ),
    ],
)
def test_bucket_index(resources: list[dict[str, Any]], public: str | None, unencrypted: bool) -> None:
    [bucket] = index([_tf(*resources)]).declared.values()
    assert (bucket.name, bucket.public, bucket.unencrypted) == ("lake", public, unencrypted)


U = {"__unknown__": True}  # the shape of a value Terraform cannot know statically


@pytest.mark.parametrize(
    "resources",
    [
        [_res("aws_s3_bucket", "b", bucket="lake", acl=U)],
        [_res("aws_s3_bucket", "b", bucket="lake"), _res("aws_s3_bucket_acl", "a", bucket="lake", acl=U)],
        [_res("aws_s3_bucket", "b", bucket="lake"), _res("aws_s3_bucket_policy", "p", bucket="lake", policy=U)],
        [_res("aws_s3_bucket", "b", bucket="lake"), {"type": "aws_s3_bucket_acl", "address": "x", "config": [1]}],
        [
            _res("google_storage_bucket", "g", name="lake"),
            _res("google_storage_bucket_iam_binding", "m", bucket="lake", role="r", members=[U, ["allUsers"]]),
        ],
    ],
)
def test_unknown_values_are_never_public(resources: list[dict[str, Any]]) -> None:
    [bucket] = index([_tf(*resources)]).declared.values()
    assert bucket.public is None


def test_unknown_bucket_names_are_not_indexed() -> None:
    found = index([_tf(_res("aws_s3_bucket", "b", bucket={"unknown": True})), Document("terraform", "x", [])])
    assert found.buckets == {}


def test_an_address_names_the_bucket_of_its_own_root_module() -> None:
    """Two roots each declare `aws_s3_bucket.this`: an ACL in one makes only its own bucket public."""
    first = Document("terraform", "envs/a", {"resources": [_res("aws_s3_bucket", "this", bucket="a-lake")]})
    second = Document(
        "terraform",
        "envs/b",
        {
            "resources": [
                _res("aws_s3_bucket", "this", bucket="b-lake"),
                _res("aws_s3_bucket_acl", "this", bucket="aws_s3_bucket.this.id", acl="public-read"),
            ]
        },
    )
    found = index([first, second])
    assert found.public == {"b-lake": "aws_s3_bucket_acl.this"}
    assert (found.declared["a-lake"].module, found.declared["b-lake"].module) == ("envs/a", "envs/b")


TF = """\
resource "aws_s3_bucket" "lake" {
  bucket = "acme-lake"
  acl    = "public-read"
}
resource "aws_s3_bucket_versioning" "lake" {
  bucket = aws_s3_bucket.lake.id
  versioning_configuration {
    status = "Enabled"
  }
}
"""
DAGSTER = """\
from dagster import Definitions, S3PickleIOManager

defs = Definitions(resources={"io_manager": S3PickleIOManager(s3_bucket="acme-lake", s3_prefix="assets")})
"""
TRAIN = 'import pandas as pd\ndf = pd.read_csv("s3://acme-lake/loans/2026-01.csv")\nmodel.fit(df)\n'


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per bucket index the scan builds."""
    builds: list[int] = []
    real = buckets.index

    def counting(documents: Iterable[Document]) -> BucketIndex:
        builds.append(1)
        return real(documents)

    monkeypatch.setattr(buckets, "index", counting)
    return builds


def test_one_index_per_scan_for_every_rule_that_asks(tmp_path: Path, builtin_rules: RuleSet, built: list[int]) -> None:
    """Pipeline storage (MLC-PIPE-STORAGE-001) and versioned objects (MLC-PIN-004) both join to
    the bucket index; it is built once."""
    root = init_repo(tmp_path / "repo", {"infra/main.tf": TF, "pipelines/defs.py": DAGSTER, "train.py": TRAIN})
    found = {f.rule_id for f in scan([root], builtin_rules).findings}
    assert {"MLC-PIPE-STORAGE-001", "MLC-PIN-004"} <= found
    assert len(built) == 1


def test_no_index_when_no_document_can_join_to_a_bucket(
    tmp_path: Path, builtin_rules: RuleSet, built: list[int]
) -> None:
    """The index is a pass over every resource of every root module: a scan whose documents no
    joining rule reads (Terraform, a Kubernetes manifest, a README) never builds it."""
    job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec: {}\n"
    root = init_repo(tmp_path / "repo", {"infra/main.tf": TF, "k8s/job.yaml": job, "README.md": "# lake\n"})
    assert scan([root], builtin_rules).findings
    assert built == []
