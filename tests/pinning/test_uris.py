"""lakeFS refs that are not commits, and S3/GCS object URIs with or without a version."""

from __future__ import annotations

import pytest

from scanner.pinning import uris


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("path: lakefs://fraud-data/main/tx/", [("fraud-data", "main")]),
        ('read("lakefs://repo-a/v2.1/x.csv") + "lakefs://repo-b/dev/y"', [("repo-a", "v2.1"), ("repo-b", "dev")]),
        ("lakefs://fraud-data/8f3c1d0b7e2a/tx/", []),  # a commit id prefix
        ("lakefs://fraud-data/${BRANCH}/tx/", []),
        ("lakefs://fraud-data/{ref}/tx/", []),
        ("lakefs://Bad_Repo/main/x", []),  # not a lakeFS repository name
        ("lakectl branch create lakefs://repo-a/dev --source lakefs://repo-a/main", []),  # branches, not data
        ("lakefs://repo-a/main/", [("repo-a", "main")]),  # the whole branch as a prefix
        ("x" * 5000 + " lakefs://r00/main/x", []),  # minified line
    ],
)
def test_lakefs_refs(line: str, expected: list[tuple[str, str]]) -> None:
    assert [(r.repo, r.ref) for r in uris.lakefs_refs([line])] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"s3://acme-data/loans/2026.csv"', [("s3", "acme-data", "loans/2026.csv", False)]),
        ("s3a://acme-data/t/", [("s3", "acme-data", "t/", False)]),
        ("s3://acme-data/x.csv?versionId=3HL4kq", [("s3", "acme-data", "x.csv?versionId=3HL4kq", True)]),
        ("gs://acme-data/x.csv#1700000000000000", [("gs", "acme-data", "x.csv#1700000000000000", True)]),
        ("s3://acme-data/", []),  # a bucket, not an object
        ("s3://${bucket}/x", []),
    ],
)
def test_object_refs(line: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert [(r.scheme, r.bucket, r.key, r.versioned_query) for r in uris.object_refs([line])] == expected
