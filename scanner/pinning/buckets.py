"""Buckets the scanned repository's Terraform makes versioned, by name.

An object in a versioned bucket can be pinned (`?versionId=` for S3, a generation for GCS); in an
unversioned one it cannot, so only the first kind makes an unpinned reference a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document


def _blocks(config: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = config.get(name)
    if isinstance(value, dict):
        return [value]
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


def _resources(docs: Iterable[Document]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for doc in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        resources = data.get("resources")
        if isinstance(resources, list):
            out.extend(r for r in resources if isinstance(r, dict) and isinstance(r.get("config"), dict))
    return out


def versioned_buckets(resources: list[dict[str, Any]]) -> dict[str, str]:
    """{bucket name: Terraform address} of S3 and GCS buckets with versioning enabled. Only
    literal bucket names count: a computed name cannot be matched with a URI."""
    s3_names: dict[str, str] = {}  # address -> name
    out: dict[str, str] = {}
    for r in resources:
        config, address = r["config"], str(r.get("address", ""))
        if r.get("type") == "aws_s3_bucket" and isinstance(config.get("bucket"), str):
            s3_names[address] = config["bucket"]
            if any(b.get("enabled") is True for b in _blocks(config, "versioning")):
                out[config["bucket"]] = address
        is_gcs = r.get("type") == "google_storage_bucket" and isinstance(config.get("name"), str)
        if is_gcs and any(b.get("enabled") is True for b in _blocks(config, "versioning")):
            out[config["name"]] = address
    for r in resources:
        if r.get("type") != "aws_s3_bucket_versioning":
            continue
        config = r["config"]
        if not any(b.get("status") == "Enabled" for b in _blocks(config, "versioning_configuration")):
            continue
        target = config.get("bucket")
        name = s3_names.get(target, target) if isinstance(target, str) else None
        if name:
            out[name] = next((a for a, n in s3_names.items() if n == name), str(r.get("address")))
    return out


def of_scan(ctx: ScanContext) -> dict[str, str]:
    """The versioned buckets of every Terraform document of the scan, built once."""
    return ctx.memo("pinning.versioned_buckets", lambda: versioned_buckets(_resources(ctx.documents_of("terraform"))))
