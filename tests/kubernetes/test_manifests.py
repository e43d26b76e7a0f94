"""Where containers and volumes sit in Kubernetes, Argo and Kubeflow Pipelines documents."""

from __future__ import annotations

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
