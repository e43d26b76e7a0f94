"""Which buckets the repository's Terraform makes versioned, by their literal names."""

from __future__ import annotations

from typing import Any

from scanner.pinning.buckets import versioned_buckets


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
