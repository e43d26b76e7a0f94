"""Which buckets the repository's Terraform makes versioned, by their literal names."""

from __future__ import annotations

from typing import Any

from scanner.terraform.buckets import buckets_with_expiry, public_buckets, versioned_buckets


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
    assert versioned_buckets(resources) == {
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
    assert public_buckets(resources) == {
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
    names, expiring = buckets_with_expiry(resources)
    assert set(names) == {"inline-b", "off-b", "sep-b", "move-b", "gcs-b", "gcs-h"}
    assert expiring == {"inline-b", "sep-b", "gcs-b"}
    unknown = _r("aws_s3_bucket_lifecycle_configuration", "u", {"bucket": {"__unknown__": "var.b"}})
    assert buckets_with_expiry([*resources, unknown])[1] == set(names)  # may target any of them
