"""Walking Kubernetes, Kubeflow and Argo manifests: where containers and volumes sit.

Workload kinds nest pod templates at different depths (Deployment, CronJob, PyTorchJob,
Argo Workflow templates, Kubeflow Pipelines IR), so rules search the tree for the fields
instead of knowing every kind's layout.
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


def containers(data: Any) -> Iterator[tuple[dict[str, Any], Pointer]]:
    """Every container spec with its pointer, in document order."""
    found: list[tuple[dict[str, Any], Pointer]] = []
    for key, value, pointer in _walk(data, ()):
        if key in CONTAINER_LISTS and isinstance(value, list):
            found.extend((c, (*pointer, i)) for i, c in enumerate(value) if isinstance(c, dict))
        elif key in SINGLE_CONTAINERS and isinstance(value, dict) and "image" in value:
            found.append((value, pointer))
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])


# Kinds that name images outside container specs: the Spark operator's application, whose driver
# and executors run `spec.image` unless they set their own, and its scheduled form.
_SPARK_IMAGES: dict[str, tuple[Pointer, ...]] = {
    "SparkApplication": (("spec",), ("spec", "driver"), ("spec", "executor")),
    "ScheduledSparkApplication": (
        ("spec", "template"),
        ("spec", "template", "driver"),
        ("spec", "template", "executor"),
    ),
}


def images(data: Any) -> Iterator[tuple[Any, Pointer]]:
    """Every image a workload runs (`image` of each container, and of Spark applications),
    with the pointer of its `image` field, in pointer order."""
    found = [(c.get("image"), (*at, "image")) for c, at in containers(data) if "image" in c]
    kind = data.get("kind") if isinstance(data, dict) else None
    for at in _SPARK_IMAGES.get(kind, ()) if isinstance(kind, str) else ():
        node: Any = data
        for key in at:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and "image" in node:
            found.append((node["image"], (*at, "image")))
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])


def volumes(data: Any) -> Iterator[tuple[dict[str, Any], Pointer]]:
    found: list[tuple[dict[str, Any], Pointer]] = []
    for key, value, pointer in _walk(data, ()):
        if key == "volumes" and isinstance(value, list):
            found.extend((v, (*pointer, i)) for i, v in enumerate(value) if isinstance(v, dict))
    yield from sorted(found, key=lambda f: [str(p) for p in f[1]])
