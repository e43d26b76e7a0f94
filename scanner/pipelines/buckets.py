"""What the scan's Terraform says about a bucket, by bucket name: public, or without an
encryption configuration. Pipeline storage (Dagster I/O managers, Prefect blocks, Feast
registries, Pachyderm egress) joins to it by the bucket name in its URI, as the consistency
rules join cards and provenance by dataset name.

Only literal, evaluated values count: a bucket whose name or grant Terraform cannot know
statically is not in the index, so a join never reports on an unknown value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scanner.documents import Document
from scanner.terraform.buckets import PUBLIC_ACLS, policy_public

_PUBLIC_MEMBERS = frozenset({"allUsers", "allAuthenticatedUsers"})
_BUCKET_TYPES = ("aws_s3_bucket", "google_storage_bucket")


@dataclass(frozen=True)
class Bucket:
    name: str
    address: str
    module: str  # the root module's directory
    public: str | None  # why Terraform makes it public
    unencrypted: bool  # an S3 bucket with no server-side encryption configuration


def bucket_of(location: str) -> str | None:
    """The bucket of `s3://bucket/key`, `gs://bucket/key` (None for other schemes)."""
    parts = urlsplit(location.strip())
    if parts.scheme.lower() in ("s3", "s3a", "s3n", "gs", "gcs") and parts.netloc:
        return parts.netloc
    return None


def _config(res: dict[str, Any]) -> dict[str, Any]:
    config = res.get("config")
    return config if isinstance(config, dict) else {}


def _is(value: Any, allowed: frozenset[str]) -> bool:
    """Membership for literal strings only: an unknown value is a mapping, and never a match."""
    return isinstance(value, str) and value in allowed


def _targets(value: Any, address: str, name: str) -> bool:
    if not isinstance(value, str):
        return False
    return value in (name, address) or value.startswith(address + ".")


def _why_public(bucket: dict[str, Any], address: str, name: str, resources: list[dict[str, Any]]) -> str | None:
    config = _config(bucket)
    if _is(config.get("acl"), PUBLIC_ACLS):
        return f"{address} has acl = {config['acl']!r}"
    for res in resources:
        rconf = _config(res)
        rtype, raddr = res.get("type"), res.get("address")
        if not _targets(rconf.get("bucket"), address, name):
            continue
        if rtype == "aws_s3_bucket_acl" and _is(rconf.get("acl"), PUBLIC_ACLS):
            return f"{raddr} grants acl = {rconf['acl']!r}"
        if rtype == "aws_s3_bucket_policy" and policy_public(rconf.get("policy")):
            return f"{raddr} allows Principal '*'"
        members = rconf.get("members") if rtype == "google_storage_bucket_iam_binding" else [rconf.get("member")]
        if rtype in ("google_storage_bucket_iam_member", "google_storage_bucket_iam_binding") and isinstance(
            members, list
        ):
            public = sorted(m for m in members if _is(m, _PUBLIC_MEMBERS))
            if public:
                return f"{raddr} grants {rconf.get('role')} to {public[0]}"
    return None


def _encrypted(bucket: dict[str, Any], address: str, name: str, resources: list[dict[str, Any]]) -> bool:
    if _config(bucket).get("server_side_encryption_configuration"):
        return True
    return any(
        res.get("type") == "aws_s3_bucket_server_side_encryption_configuration"
        and (not isinstance(_config(res).get("bucket"), str) or _targets(_config(res)["bucket"], address, name))
        for res in resources
    )


def index(documents: Iterable[Document]) -> dict[str, Bucket]:
    """Bucket name -> what Terraform declares about it, over every Terraform root module."""
    out: dict[str, Bucket] = {}
    for doc in documents:
        data = doc.data if isinstance(doc.data, dict) else {}
        resources = [r for r in data.get("resources") or [] if isinstance(r, dict)]
        for res in resources:
            if res.get("type") not in _BUCKET_TYPES:
                continue
            name = _config(res).get("bucket" if res["type"] == "aws_s3_bucket" else "name")
            address = str(res.get("address", ""))
            if not isinstance(name, str) or not name or name in out:
                continue
            public = _why_public(res, address, name, resources)
            unencrypted = res["type"] == "aws_s3_bucket" and not _encrypted(res, address, name, resources)
            out[name] = Bucket(name, address, doc.path, public, unencrypted)
    return out
