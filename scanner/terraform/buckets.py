"""What the scanned repository's Terraform says about its buckets, by bucket name, for rules on
other files that name a bucket (a training script, a DVC file, a Great Expectations store).

Versioned: an object in a versioned bucket can be pinned (`?versionId=` for S3, a generation for
GCS); in an unversioned one it cannot. Public: anyone can read the bucket's objects (a public
ACL, a bucket policy allowing `*` without a condition, an IAM binding to allUsers). Only literal
bucket names count: a computed name cannot be matched with a URI.
"""

from __future__ import annotations

import json
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
    """{bucket name: Terraform address} of S3 and GCS buckets with versioning enabled."""
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


PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})
_PUBLIC_MEMBERS = {"allUsers", "allAuthenticatedUsers"}


def policy_public(policy: Any) -> bool:
    """A bucket policy with an Allow statement for every principal and no condition."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return False
    statements = policy.get("Statement") if isinstance(policy, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    for st in statements if isinstance(statements, list) else []:
        if not isinstance(st, dict) or st.get("Effect") != "Allow" or st.get("Condition"):
            continue
        principal = st.get("Principal")
        if principal == "*" or (isinstance(principal, dict) and principal.get("AWS") in ("*", ["*"])):
            return True
    return False


def public_buckets(resources: list[dict[str, Any]]) -> dict[str, str]:
    """{bucket name: Terraform address of what makes it public} of S3 and GCS buckets."""
    names: dict[str, str] = {}  # bucket address -> name
    for r in resources:
        key = "bucket" if r.get("type") == "aws_s3_bucket" else "name"
        if r.get("type") in ("aws_s3_bucket", "google_storage_bucket") and isinstance(r["config"].get(key), str):
            names[str(r.get("address"))] = r["config"][key]
    out: dict[str, str] = {}
    for r in resources:
        target = r["config"].get("bucket")
        name = names.get(target, target) if isinstance(target, str) else None
        if name and _makes_public(str(r.get("type")), r["config"]):
            out[name] = str(r.get("address"))
    return out


def _makes_public(kind: str, config: dict[str, Any]) -> bool:
    if kind in ("aws_s3_bucket", "aws_s3_bucket_acl"):
        return config.get("acl") in PUBLIC_ACLS
    if kind == "aws_s3_bucket_policy":
        return policy_public(config.get("policy"))
    if kind == "google_storage_bucket_iam_member":
        return config.get("member") in _PUBLIC_MEMBERS
    if kind == "google_storage_bucket_iam_binding":
        members = config.get("members")
        return isinstance(members, list) and bool(_PUBLIC_MEMBERS & {m for m in members if isinstance(m, str)})
    return False


def _s3_expires(rule: dict[str, Any]) -> bool:
    return bool(_blocks(rule, "expiration") or _blocks(rule, "noncurrent_version_expiration"))


def buckets_with_expiry(resources: list[dict[str, Any]]) -> tuple[dict[str, str], set[str]]:
    """({bucket name: address} of every S3 and GCS bucket with a literal name, {names of those
    whose objects expire}): an enabled S3 lifecycle rule with an expiration (inline or
    aws_s3_bucket_lifecycle_configuration), a GCS lifecycle rule with a Delete action. A bucket a
    lifecycle configuration may target through an unknown value counts as expiring."""
    names: dict[str, str] = {}
    expiring: set[str] = set()
    by_address: dict[str, str] = {}
    for r in resources:
        config, kind = r["config"], r.get("type")
        name = config.get("bucket" if kind == "aws_s3_bucket" else "name")
        if kind not in ("aws_s3_bucket", "google_storage_bucket") or not isinstance(name, str):
            continue
        names[name], by_address[str(r.get("address"))] = str(r.get("address")), name
        rules = _blocks(config, "lifecycle_rule")
        if kind == "aws_s3_bucket" and any(b.get("enabled", True) is not False and _s3_expires(b) for b in rules):
            expiring.add(name)
        deletes = any(a.get("type") == "Delete" for b in rules for a in _blocks(b, "action"))
        if kind == "google_storage_bucket" and deletes:
            expiring.add(name)
    for r in resources:
        if r.get("type") != "aws_s3_bucket_lifecycle_configuration":
            continue
        target = r["config"].get("bucket")
        if not isinstance(target, str):
            return names, set(names)  # unknown target: any bucket may expire
        if any(b.get("status", "Enabled") == "Enabled" and _s3_expires(b) for b in _blocks(r["config"], "rule")):
            expiring.add(by_address.get(target, target))
    return names, expiring


def expiry_of_scan(ctx: ScanContext) -> tuple[dict[str, str], set[str]]:
    """buckets_with_expiry over every Terraform document of the scan, built once."""
    return ctx.memo("buckets.expiry", lambda: buckets_with_expiry(_resources(ctx.documents_of("terraform"))))


def versioned_of_scan(ctx: ScanContext) -> dict[str, str]:
    """The versioned buckets of every Terraform document of the scan, built once."""
    return ctx.memo("buckets.versioned", lambda: versioned_buckets(_resources(ctx.documents_of("terraform"))))


def public_of_scan(ctx: ScanContext) -> dict[str, str]:
    """The public buckets of every Terraform document of the scan, built once."""
    return ctx.memo("buckets.public", lambda: public_buckets(_resources(ctx.documents_of("terraform"))))
