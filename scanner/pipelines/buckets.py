"""The bucket a pipeline's storage location names (Dagster I/O managers, Prefect blocks, Feast
registries, Pachyderm egress), to join it with what the scan's Terraform says about that bucket
(scanner.terraform.buckets: one index per scan), as the consistency rules join cards and
provenance by dataset name."""

from __future__ import annotations

from urllib.parse import urlsplit


def bucket_of(location: str) -> str | None:
    """The bucket of `s3://bucket/key`, `gs://bucket/key` (None for other schemes)."""
    parts = urlsplit(location.strip())
    if parts.scheme.lower() in ("s3", "s3a", "s3n", "gs", "gcs") and parts.netloc:
        return parts.netloc
    return None
