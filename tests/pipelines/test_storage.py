"""The bucket a pipeline location names, deployment-file images, the Feast registry (the Terraform
bucket index they join to is tested in tests/terraform/test_buckets.py)."""

from __future__ import annotations

from typing import Any

import pytest

from scanner.pipelines import buckets, deploy, feast


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
