"""How an image reference is pinned, and the severity MLC-K8S-IMAGE-001 gives each kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.kubernetes import manifests as k8s
from scanner.kubernetes.images import pinning
from scanner.scan import ScanResult

DIGEST = "@sha256:" + "0b5bd9a8c8a1e3d5" * 4


@pytest.mark.parametrize(
    ("image", "how"),
    [
        ("busybox", "untagged"),
        ("localhost:5000/app", "untagged"),
        ("busybox:latest", "latest"),
        ("nginx:alpine", "mutable"),
        ("x/app:main", "mutable"),
        ("x/app:3-nightly", "mutable"),
        ("x/app:2.1.0-dev", "mutable"),
        ("ghcr.io/kubeflow/katib/katib-controller:v0.17.0", "versioned"),
        ("rayproject/ray:2.44.1-py311-cpu", "versioned"),
        ("nginx:1.25-alpine", "versioned"),
        ("python:alpine3.6", "versioned"),
        ("docker.io/inaccel/jupyter:lab", "mutable"),
        ("docker.io/kubeflowkatib/pytorch-mnist:v1beta1-45c5727", "versioned"),
        ("localhost:5000/app:1.0", "versioned"),
        ("MyRegistry.azurecr.io/app:1.2", "versioned"),  # host names are case-insensitive
        ("x/app:45c5727", "versioned"),  # a commit id
        ("ghcr.io/acme/serve:2.0" + DIGEST, "digest"),
        ("ghcr.io/acme/serve" + DIGEST, "digest"),
        ("gcr.io/<project>/x:1", "placeholder"),
        ("gcr.io/PROJECT_ID/trainer:latest", "placeholder"),
        ("IMAGE", "placeholder"),
        ("repo/app:TAG", "placeholder"),
        ("${REG}/app:1", "placeholder"),
        ("$IMAGE", "placeholder"),
        ("$(params.image)", "placeholder"),
        ("{{ACR_NAME}}.azurecr.io/a:1", "placeholder"),
        ("{{ .Values.image }}", "placeholder"),
        ("", "placeholder"),
    ],
)
def test_pinning(image: str, how: str) -> None:
    assert pinning(image).how == how


def test_spark_application_images() -> None:
    app = {
        "apiVersion": "sparkoperator.k8s.io/v1beta2",
        "kind": "ScheduledSparkApplication",
        "spec": {"template": {"image": "a", "driver": {"image": "b", "sidecars": [{"image": "c"}]}}},
    }
    assert sorted(k8s.images(app)) == [
        ("a", ("spec", "template", "image")),
        ("b", ("spec", "template", "driver", "image")),
        ("c", ("spec", "template", "driver", "sidecars", 0, "image")),
    ]


POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - {name: a, image: "busybox:latest"}
    - {name: b, image: "busybox"}
    - {name: c, image: "nginx:alpine"}
    - {name: d, image: "ghcr.io/kubeflow/katib/katib-controller:v0.17.0"}
    - {name: e, image: "gcr.io/PROJECT_ID/trainer:latest"}
    - {name: f, image: "busybox@sha256:%s"}
""" % ("0b5bd9a8c8a1e3d5" * 4)


def test_severity_per_finding(make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]) -> None:
    result = scan_repo(make_repo({"pod.yaml": POD}))
    got = {
        f.pointer: (f.severity, dict(f.properties).get("severity_reason") is not None)
        for f in result.findings
        if f.rule_id == "MLC-K8S-IMAGE-001"
    }
    assert got == {
        "spec/containers/0/image": ("medium", False),
        "spec/containers/1/image": ("medium", False),
        "spec/containers/2/image": ("medium", False),
        "spec/containers/3/image": ("low", True),
    }


KUSTOMIZED = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:dummy
        - name: proxy
          image: ghcr.io/acme/proxy
"""


def _kustomize_tree(base_pins: bool, overlay_tag: str) -> dict[str, str]:
    pins = (
        "images:\n  - name: ghcr.io/acme/api\n    newTag: v1.4.0\n"
        f"  - name: ghcr.io/acme/proxy\n    digest: sha256:{'0b5bd9a8c8a1e3d5' * 4}\n"
    )
    return {
        "deploy/base/deployment.yaml": KUSTOMIZED,
        "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n" + (pins if base_pins else ""),
        "deploy/overlays/dev/kustomization.yaml": (
            "resources:\n  - ../../base\nimages:\n"
            f"  - name: ghcr.io/acme/api\n    newName: ghcr.io/acme/api-dev\n    newTag: {overlay_tag}\n"
        ),
        "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\n",
    }


def _images(result: ScanResult) -> list[tuple[str | None, str, str]]:
    return [(f.pointer, f.severity, f.message) for f in result.findings if f.rule_id == "MLC-K8S-IMAGE-001"]


def test_images_are_judged_as_kustomize_builds_them(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    api, proxy = "spec/template/spec/containers/0/image", "spec/template/spec/containers/1/image"
    # The base pins a release and a digest: the ':dummy' and untagged images are low or silent,
    # and the dev overlay that tracks a branch is named in the message.
    [(pointer, severity, message)] = _images(scan_repo(make_repo(_kustomize_tree(True, "main"), name="pinned")))
    assert (pointer, severity) == (api, "low")
    assert "built as 'ghcr.io/acme/api:v1.4.0' by deploy/overlays/prod/kustomization.yaml" in message
    assert "and as 'ghcr.io/acme/api-dev:main' by deploy/overlays/dev/kustomization.yaml" in message
    # True-positive twin: no build pins either image, so both are medium.
    found = _images(scan_repo(make_repo(_kustomize_tree(False, "main"), name="moving")))
    assert [(p, s) for p, s, _ in found] == [(api, "medium"), (proxy, "medium")]


def test_a_test_suites_manifests_are_low(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    result = scan_repo(make_repo({"test/e2e/pod.yaml": POD, "deploy/pod.yaml": POD}))
    found = {(f.path, f.pointer): f.severity for f in result.findings if f.rule_id == "MLC-K8S-IMAGE-001"}
    assert found[("test/e2e/pod.yaml", "spec/containers/0/image")] == "low"
    assert found[("deploy/pod.yaml", "spec/containers/0/image")] == "medium"  # the twin outside tests
