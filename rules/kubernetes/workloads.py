"""Kubernetes, Kubeflow and Argo workloads: privileged containers, host paths.

Images not pinned by digest are MLC-K8S-IMAGE-001 (rules/kubernetes/container_images.py). Literal
secrets in a container's env (MLC-K8S-SECRET-001, retired) are reported by the secrets detector,
which reads `- name: X` / `value: Y` env items: the old id is an alias of MLC-SECRET-GENERIC-001."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.kubernetes import manifests as k8s
from scanner.pyrules import PythonRule

_NIST = ("MEASURE 2.7", "MANAGE 4.1")


class PrivilegedContainer(PythonRule):
    id = "MLC-K8S-PRIV-001"
    title = "Container runs privileged"
    severity = "high"
    category = "iam"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0105",)
    description = (
        "A container in a Kubernetes, Kubeflow or Argo manifest sets `securityContext.privileged: "
        "true`: it gets every capability and the host's devices, so a compromised training or "
        "serving process owns the node and every model and dataset on it."
    )
    remediation = (
        "Remove `privileged: true`; grant only the capabilities needed (`capabilities.add`) and use "
        "the device plugin for GPUs instead of host devices."
    )
    input_kinds = ("yaml",)
    references = ("https://kubernetes.io/docs/concepts/security/pod-security-standards/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not k8s.is_manifest(doc.data):
            return
        for container, at in k8s.containers(doc.data):
            sc = container.get("securityContext")
            if isinstance(sc, dict) and sc.get("privileged") is True:
                name = container.get("name", "?")
                yield Hit(f"container {name!r} runs privileged", pointer=(*at, "securityContext", "privileged"))


# Host paths that hand over the node whoever mounts them: still medium in a node agent.
_NODE_TAKEOVER_PATHS = frozenset(
    {
        "",
        "/etc",
        "/root",
        "/var/lib/kubelet",
        "/var/run/docker.sock",
        "/run/containerd/containerd.sock",
        "/var/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock",
    }
)


class HostPathVolume(PythonRule):
    id = "MLC-K8S-HOSTPATH-001"
    title = "Workload mounts a hostPath volume"
    severity = "medium"
    category = "iam"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0105",)
    description = (
        "A pod or workflow mounts a directory of the node (`hostPath`). The container can read or "
        "change host files (other tenants' data, kubelet credentials, the container runtime "
        "socket), and the data does not follow the job when it moves."
    )
    remediation = (
        "Use a PersistentVolumeClaim, an emptyDir, or a CSI volume for datasets and checkpoints; "
        "if a host path is unavoidable, mount it `readOnly` and restrict it with a policy."
    )
    input_kinds = ("yaml",)
    references = ("https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not k8s.is_manifest(doc.data):
            return
        node_agent = isinstance(doc.data, dict) and doc.data.get("kind") == "DaemonSet"
        for volume, at in k8s.volumes(doc.data):
            host = volume.get("hostPath")
            if isinstance(host, dict):
                path = host.get("path", "?")
                message = f"volume {volume.get('name', '?')!r} mounts host path {path!r}"
                if node_agent and str(path).rstrip("/") not in _NODE_TAKEOVER_PATHS:
                    yield Hit(
                        message,
                        pointer=(*at, "hostPath"),
                        severity="low",
                        severity_reason="a DaemonSet is a node agent (CNI, service mesh, log or model cache): "
                        "host paths are what it runs for",
                    )
                else:
                    yield Hit(message, pointer=(*at, "hostPath"))


RULES = [PrivilegedContainer, HostPathVolume]
