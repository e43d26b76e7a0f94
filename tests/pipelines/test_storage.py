"""The Terraform bucket index pipeline storage joins to, deployment-file images, the Feast registry."""

from __future__ import annotations

from typing import Any

import pytest

from scanner.documents import Document
from scanner.pipelines import buckets, deploy, feast


def _tf(*resources: dict[str, Any]) -> Document:
    return Document(kind="terraform", path="infra", data={"resources": list(resources)})


def _res(type_: str, label: str, **config: Any) -> dict[str, Any]:
    return {"type": type_, "address": f"{type_}.{label}", "config": config}


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
    [bucket] = buckets.index([_tf(*resources)]).values()
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
    [bucket] = buckets.index([_tf(*resources)]).values()
    assert bucket.public is None


def test_unknown_bucket_names_are_not_indexed() -> None:
    assert (
        buckets.index([_tf(_res("aws_s3_bucket", "b", bucket={"unknown": True})), Document("terraform", "x", [])]) == {}
    )


@pytest.mark.parametrize(
    ("location", "bucket"),
    [
        ("s3://lake/a/b.csv", "lake"),
        ("gs://lake", "lake"),
        ("s3a://lake/x", "lake"),
        ("https://lake/x", None),
        ("lake", None),
    ],
)
def test_bucket_of(location: str, bucket: str | None) -> None:
    assert buckets.bucket_of(location) == bucket


def test_deployment_images() -> None:
    data = {
        "build": [{"prefect_docker.deployments.steps.build_docker_image": {"image_name": "acme/flows", "tag": "dev"}}],
        "deployments": [{"work_pool": {"job_variables": {"image": "acme/x:1"}}}, "junk", None],
        "run_launcher": {"config": {"job_image": "acme/run"}},
    }
    found = sorted(deploy.images(data), key=lambda x: x[1])
    assert [i for i, _ in found] == ["acme/flows:dev", "acme/x:1", "acme/run"]
    assert deploy.is_deployment_file("ops/dagster_cloud.yaml") and not deploy.is_deployment_file("ops/values.yaml")


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ({"registry": "s3://b/r.pb"}, ("s3://b/r.pb", ("registry",))),
        ({"registry": {"registry_type": "file", "path": "gs://b/r.pb"}}, ("gs://b/r.pb", ("registry", "path"))),
        ({"registry": {"path": 3}}, None),
        (["registry"], None),
    ],
)
def test_feast_registry(data: Any, found: Any) -> None:
    assert feast.registry(data) == found
