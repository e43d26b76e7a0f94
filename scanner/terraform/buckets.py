"""What the scanned repository's Terraform says about its buckets, by bucket name, for rules on
other files that name a bucket (a training script, a DVC file, a Great Expectations store, a
pipeline's I/O manager, a Feast registry, a Pachyderm egress). One index, built once per scan
(`of_scan`), read through views for each question.

Public: anyone can read the bucket's objects (a public ACL, a bucket policy allowing `*` without
a condition, an IAM binding to allUsers). Unencrypted: an S3 bucket with no server-side
encryption configuration. Versioned: an object in a versioned bucket can be pinned
(`?versionId=` for S3, a generation for GCS). Expiring: a lifecycle rule deletes its objects.

Only literal values count: a computed name cannot be matched with a URI, and an unknown ACL,
policy or member is never public. A resource names its bucket by the bucket's address in its own
root module (`aws_s3_bucket.x`, `aws_s3_bucket.x.id`) or by the bucket's literal name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document


def _blocks(config: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = config.get(name)
    if isinstance(value, dict):
        return [value]
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


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


_BUCKET_TYPES = {"aws_s3_bucket": "bucket", "google_storage_bucket": "name"}


@dataclass
class Bucket:
    name: str
    address: str | None = None  # the bucket's own resource; None when only other resources name it
    module: str | None = None  # the root module that declares it
    kind: str | None = None  # its resource type
    public: str | None = None  # why Terraform makes it public
    public_by: str | None = None  # the address of what makes it public
    encrypted: bool = False
    versioned_by: str | None = None  # the address that turns versioning on
    expires: bool = False

    @property
    def unencrypted(self) -> bool:
        """An S3 bucket without a server-side encryption configuration."""
        return self.kind == "aws_s3_bucket" and not self.encrypted


@dataclass
class BucketIndex:
    """Built once (`index`), then read through its views, each computed on first use."""

    buckets: dict[str, Bucket]
    expiry_unknown: bool = False  # a lifecycle configuration targets a bucket Terraform cannot know

    @cached_property
    def declared(self) -> dict[str, Bucket]:
        """Buckets with a resource of their own, by name."""
        return {n: b for n, b in self.buckets.items() if b.address is not None}

    @cached_property
    def public(self) -> dict[str, str]:
        """{bucket name: address of what makes it public}."""
        return {n: b.public_by for n, b in self.buckets.items() if b.public_by is not None}

    @cached_property
    def versioned(self) -> dict[str, str]:
        """{bucket name: its address, or the versioning resource's} of versioned buckets."""
        return {n: b.address or b.versioned_by for n, b in self.buckets.items() if b.versioned_by is not None}

    @cached_property
    def expiry(self) -> tuple[dict[str, str], set[str]]:
        """({name: address} of declared buckets, {names of those whose objects expire}); every
        one of them when a lifecycle configuration may target any bucket."""
        names = {n: b.address for n, b in self.buckets.items() if b.address is not None}
        return names, set(names) if self.expiry_unknown else {n for n in names if self.buckets[n].expires}


def _is(value: Any, allowed: frozenset[str] | set[str]) -> bool:
    """Membership for literal strings only: an unknown value is a mapping, and never a match."""
    return isinstance(value, str) and value in allowed


def _why_public(kind: str, config: dict[str, Any]) -> str | None:
    if kind in ("aws_s3_bucket", "aws_s3_bucket_acl") and _is(config.get("acl"), PUBLIC_ACLS):
        return ("has" if kind == "aws_s3_bucket" else "grants") + f" acl = {config['acl']!r}"
    if kind == "aws_s3_bucket_policy" and policy_public(config.get("policy")):
        return "allows Principal '*'"
    members = config.get("members") if kind == "google_storage_bucket_iam_binding" else [config.get("member")]
    if kind in ("google_storage_bucket_iam_member", "google_storage_bucket_iam_binding") and isinstance(members, list):
        public = sorted(m for m in members if _is(m, _PUBLIC_MEMBERS))
        if public:
            return f"grants {config.get('role')} to {public[0]}"
    return None


def _s3_expires(rule: dict[str, Any]) -> bool:
    return bool(_blocks(rule, "expiration") or _blocks(rule, "noncurrent_version_expiration"))


def _own_facts(bucket: Bucket, kind: str, config: dict[str, Any], address: str) -> None:
    """What a bucket's own resource says: inline ACL, encryption, versioning and lifecycle."""
    why = _why_public(kind, config)
    if why is not None and bucket.public is None:
        bucket.public, bucket.public_by = f"{address} {why}", address
    if config.get("server_side_encryption_configuration"):
        bucket.encrypted = True
    if any(b.get("enabled") is True for b in _blocks(config, "versioning")):
        bucket.versioned_by = bucket.versioned_by or address
    rules = _blocks(config, "lifecycle_rule")
    if kind == "aws_s3_bucket" and any(b.get("enabled", True) is not False and _s3_expires(b) for b in rules):
        bucket.expires = True
    if kind == "google_storage_bucket" and any(a.get("type") == "Delete" for b in rules for a in _blocks(b, "action")):
        bucket.expires = True


def _target(value: Any, by_address: dict[str, str]) -> str | None:
    """The bucket name a resource's `bucket` argument names: an address of its root module
    (with an attribute, `aws_s3_bucket.x.id`) or a literal name."""
    if not isinstance(value, str) or not value:
        return None
    if value in by_address:
        return by_address[value]
    head = value.rsplit(".", 1)[0]
    return by_address.get(head, value)


def _attached(index: BucketIndex, kind: str, config: dict[str, Any], address: str, by_address: dict[str, str]) -> None:
    """What a resource attached to a bucket says of it (ACL, policy, IAM, encryption,
    versioning, lifecycle)."""
    raw = config.get("bucket")
    name = _target(raw, by_address)
    if kind == "aws_s3_bucket_server_side_encryption_configuration" and not isinstance(raw, str):
        for n in by_address.values():  # an unknown target may be any bucket of its module
            index.buckets[n].encrypted = True
        return
    if kind == "aws_s3_bucket_lifecycle_configuration" and not isinstance(raw, str):
        index.expiry_unknown = True
        return
    if name is None:
        return
    why = _why_public(kind, config)
    if why is not None:
        bucket = index.buckets.setdefault(name, Bucket(name))
        if bucket.public is None:
            bucket.public, bucket.public_by = f"{address} {why}", address
    elif kind == "aws_s3_bucket_server_side_encryption_configuration" and name in index.buckets:
        index.buckets[name].encrypted = True
    elif kind == "aws_s3_bucket_versioning":
        if any(b.get("status") == "Enabled" for b in _blocks(config, "versioning_configuration")):
            bucket = index.buckets.setdefault(name, Bucket(name))
            bucket.versioned_by = bucket.versioned_by or address
    elif kind == "aws_s3_bucket_lifecycle_configuration" and name in index.buckets:
        rules = _blocks(config, "rule")
        index.buckets[name].expires |= any(b.get("status", "Enabled") == "Enabled" and _s3_expires(b) for b in rules)


def index(documents: Iterable[Document]) -> BucketIndex:
    """The buckets of every Terraform root module: declared buckets first (the first declaration
    of a name wins), then every resource attached to one."""
    out = BucketIndex({})
    modules: list[tuple[list[dict[str, Any]], dict[str, str]]] = []
    for doc in documents:
        data = doc.data if isinstance(doc.data, dict) else {}
        resources = [
            r for r in data.get("resources") or [] if isinstance(r, dict) and isinstance(r.get("config"), dict)
        ]
        by_address: dict[str, str] = {}
        for r in resources:
            kind = str(r.get("type"))
            name = r["config"].get(_BUCKET_TYPES[kind]) if kind in _BUCKET_TYPES else None
            if not isinstance(name, str) or not name:
                continue
            address = str(r.get("address", ""))
            by_address[address] = name
            bucket = out.buckets.setdefault(name, Bucket(name))
            if bucket.address is None:
                bucket.address, bucket.module, bucket.kind = address, doc.path, kind
            _own_facts(bucket, kind, r["config"], address)
        modules.append((resources, by_address))
    for resources, by_address in modules:
        for r in resources:
            kind = str(r.get("type"))
            if kind not in _BUCKET_TYPES:
                _attached(out, kind, r["config"], str(r.get("address", "")), by_address)
    return out


def of_scan(ctx: ScanContext) -> BucketIndex:
    """The index over every Terraform document of the scan, built once."""
    return ctx.memo("terraform.buckets", lambda: index(ctx.documents_of("terraform")))


def public_of_scan(ctx: ScanContext) -> dict[str, str]:
    return of_scan(ctx).public


def versioned_of_scan(ctx: ScanContext) -> dict[str, str]:
    return of_scan(ctx).versioned


def expiry_of_scan(ctx: ScanContext) -> tuple[dict[str, str], set[str]]:
    return of_scan(ctx).expiry
