"""Where containers and volumes sit in Kubernetes, Argo and Kubeflow Pipelines documents."""

from __future__ import annotations

import pytest

from scanner.kubernetes import manifests as k8s


def test_containers_in_kfp_ir_and_argo() -> None:
    ir = {
        "pipelineInfo": {"name": "p"},
        "deploymentSpec": {"executors": {"exec-train": {"container": {"image": "python:3.11"}}}},
    }
    assert k8s.is_manifest(ir)
    assert [p for _, p in k8s.containers(ir)] == [("deploymentSpec", "executors", "exec-train", "container")]
    argo = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "spec": {"templates": [{"script": {"image": "a", "source": "x"}}, {"container": {"image": "b"}}]},
    }
    assert [c["image"] for c, _ in k8s.containers(argo)] == ["a", "b"]


def test_non_manifests() -> None:
    assert not k8s.is_manifest({"image": "python:latest"})
    assert not k8s.is_manifest(["apiVersion"])


def test_volumes_anywhere() -> None:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "spec": {"volumes": [{"name": "d", "hostPath": {"path": "/x"}}]},
    }
    assert [p for _, p in k8s.volumes(pod)] == [("spec", "volumes", 0)]


def _doc(kind: str, spec: dict[str, object]) -> dict[str, object]:
    return {"apiVersion": "x/v1", "kind": kind, "metadata": {"name": "m"}, "spec": spec}


_C = [{"name": "c", "image": "i"}]
_POD = {"template": {"spec": {"containers": _C}}}


@pytest.mark.parametrize(
    ("kind", "spec", "pointers"),
    [
        # KServe: container lists of each component, and the predictor's framework shorthand
        (
            "InferenceService",
            {"predictor": {"sklearn": {"storageUri": "gs://m"}}, "transformer": {"containers": _C}},
            [("spec", "predictor", "sklearn"), ("spec", "transformer", "containers", 0)],
        ),
        ("InferenceService", {"explainer": {"art": {"type": "SquareAttack"}}}, [("spec", "explainer", "art")]),
        # Ray: head and worker group templates, nested in RayJob / RayService
        (
            "RayCluster",
            {"headGroupSpec": _POD, "workerGroupSpecs": [_POD]},
            [
                ("spec", "headGroupSpec", "template", "spec", "containers", 0),
                ("spec", "workerGroupSpecs", 0, "template", "spec", "containers", 0),
            ],
        ),
        (
            "RayService",
            {"rayClusterConfig": {"headGroupSpec": _POD}},
            [("spec", "rayClusterConfig", "headGroupSpec", "template", "spec", "containers", 0)],
        ),
        ("Notebook", _POD, [("spec", "template", "spec", "containers", 0)]),
        (
            "XGBoostJob",
            {"xgbReplicaSpecs": {"Master": _POD}},
            [("spec", "xgbReplicaSpecs", "Master", "template", "spec", "containers", 0)],
        ),
        (
            "MPIJob",
            {"mpiReplicaSpecs": {"Launcher": _POD}},
            [("spec", "mpiReplicaSpecs", "Launcher", "template", "spec", "containers", 0)],
        ),
        (
            "SeldonDeployment",
            {"predictors": [{"componentSpecs": [{"spec": {"containers": _C}}]}]},
            [("spec", "predictors", 0, "componentSpecs", 0, "spec", "containers", 0)],
        ),
        ("SparkApplication", {"driver": {"cores": 1}, "executor": {}}, [("spec", "driver"), ("spec", "executor")]),
    ],
)
def test_pod_templates_of_ml_crds(kind: str, spec: dict[str, object], pointers: list[tuple[object, ...]]) -> None:
    assert [p for _, p in k8s.containers(_doc(kind, spec))] == pointers


def test_spark_images_are_counted_once() -> None:
    app = _doc("SparkApplication", {"image": "spark:3.5.1", "driver": {"image": "d:1"}, "executor": {}})
    assert [(i, p) for i, p in k8s.images(app)] == [
        ("d:1", ("spec", "driver", "image")),
        ("spark:3.5.1", ("spec", "image")),
    ]
