"""Walking Kubernetes, Kubeflow and Argo manifests: where containers and volumes sit.

Workload kinds nest pod templates at different depths (Deployment, CronJob, PyTorchJob, TFJob,
MPIJob and XGBoostJob `*ReplicaSpecs`, RayCluster/RayJob/RayService head and worker group
templates, Kubeflow Notebook, SeldonDeployment `componentSpecs`, KServe `containers` lists, Argo
Workflow templates, Kubeflow Pipelines IR), so rules search the tree for the container lists
instead of knowing every kind's layout. What that search cannot see is the container specs of
CRDs that are not under a container list: those are in one table, `CONTAINER_SPECS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.documents import Pointer

# `sidecars`: Argo templates and Spark applications.
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers", "sidecars")
SINGLE_CONTAINERS = ("container", "script")  # Argo templates; KFP IR executors


def is_manifest(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    k8s = isinstance(data.get("apiVersion"), str) and isinstance(data.get("kind"), str)
    kfp_ir = isinstance(data.get("pipelineInfo"), dict) and isinstance(data.get("deploymentSpec"), dict)
    return k8s or kfp_ir


def _walk(node: Any, pointer: Pointer) -> Iterator[tuple[str, Any, Pointer]]:
    stack: list[tuple[Any, Pointer]] = [(node, pointer)]
    while stack:
        value, here = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                yield key, child, (*here, key)
                stack.append((child, (*here, key)))
        elif isinstance(value, list):
            stack.extend((child, (*here, i)) for i, child in enumerate(value))


# CRD kinds whose container specs sit under their own names rather than in a container list:
# KServe's predictor/explainer framework shorthands (each one a corev1.Container: image, env,
# securityContext) and the Spark operator's driver and executor. "*" is any list index.
_KSERVE_PREDICTORS = (
    "model",
    "sklearn",
    "xgboost",
    "lightgbm",
    "tensorflow",
    "pytorch",
    "triton",
    "onnx",
    "pmml",
    "paddle",
    "huggingface",
)
CONTAINER_SPECS: dict[str, tuple[Pointer, ...]] = {
    "InferenceService": (
        *(("spec", "predictor", name) for name in _KSERVE_PREDICTORS),
        ("spec", "explainer", "art"),
        ("spec", "explainer", "alibi"),
    ),
    "SparkApplication": (("spec", "driver"), ("spec", "executor")),
    "ScheduledSparkApplication": (("spec", "template", "driver"), ("spec", "template", "executor")),
}


def _at(data: Any, pattern: Pointer) -> Iterator[tuple[Any, Pointer]]:
    nodes: list[tuple[Any, Pointer]] = [(data, ())]
    for key in pattern:
        step: list[tuple[Any, Pointer]] = []
        for node, here in nodes:
            if key == "*" and isinstance(node, list):
                step.extend((child, (*here, i)) for i, child in enumerate(node))
            elif isinstance(node, dict) and key in node:
                step.append((node[key], (*here, key)))
        nodes = step
    yield from nodes


def containers(data: Any) -> Iterator[tuple[dict[str, Any], Pointer]]:
    """Every container spec with its pointer, in pointer order."""
    found: dict[Pointer, dict[str, Any]] = {}
    for key, value, pointer in _walk(data, ()):
        if key in CONTAINER_LISTS and isinstance(value, list):
            found.update(((*pointer, i), c) for i, c in enumerate(value) if isinstance(c, dict))
        elif key in SINGLE_CONTAINERS and isinstance(value, dict) and "image" in value:
            found[pointer] = value
    kind = data.get("kind") if isinstance(data, dict) else None
    for pattern in CONTAINER_SPECS.get(kind, ()) if isinstance(kind, str) else ():
        found.update((at, spec) for spec, at in _at(data, pattern) if isinstance(spec, dict))
    yield from sorted(((c, p) for p, c in found.items()), key=lambda f: [str(p) for p in f[1]])


# Kinds that name an image for all their pods outside any container spec: the Spark operator's
# application, whose driver and executors run `spec.image` unless they set their own.
_POD_IMAGES: dict[str, Pointer] = {
    "SparkApplication": ("spec",),
    "ScheduledSparkApplication": ("spec", "template"),
}


def images(data: Any) -> Iterator[tuple[Any, Pointer]]:
    """Every image a workload runs (`image` of each container, and of Spark applications),
    with the pointer of its `image` field, in pointer order."""
    found = [(c.get("image"), (*at, "image")) for c, at in containers(data) if "image" in c]
    kind = data.get("kind") if isinstance(data, dict) else None
    at = _POD_IMAGES.get(kind) if isinstance(kind, str) else None
    if at is not None:
        found.extend(
            (node["image"], (*p, "image")) for node, p in _at(data, at) if isinstance(node, dict) and "image" in node
        )
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])


def volumes(data: Any) -> Iterator[tuple[dict[str, Any], Pointer]]:
    found: list[tuple[dict[str, Any], Pointer]] = []
    for key, value, pointer in _walk(data, ()):
        if key == "volumes" and isinstance(value, list):
            found.extend((v, (*pointer, i)) for i, v in enumerate(value) if isinstance(v, dict))
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])
