"""ML tools and model endpoints reachable from outside the cluster.

Notebook servers, the Ray dashboard and client, MLflow's tracking server and TensorBoard have no
authentication of their own (or none on by default): reaching one is running code on the
cluster, or reading every experiment (the "ShadowRay" campaign used exposed Ray dashboards).
Inference servers (Triton, TF Serving, most model servers) serve whoever reaches them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.kubernetes import manifests as k8s
from scanner.pyrules import PythonRule

# Tools that run code or hold every experiment, with no login by default. A port number alone is
# not the tool (the KubeRay API server listens on 8888, every Flask app on 5000): the Service's
# name, labels, selector or port name must name it too.
TOOL_PORTS = {
    8888: ("Jupyter", ("jupyter", "notebook")),
    8265: ("the Ray dashboard (job submission)", ("ray",)),
    10001: ("the Ray client server", ("ray",)),
    5000: ("MLflow tracking", ("mlflow",)),
    6006: ("TensorBoard", ("tensorboard",)),
}
# Inference servers: meant to be reached, but they have no authentication of their own.
_SERVERS = ("triton", "serving", "inference", "predictor", "model")
SERVING_PORTS = {
    8000: ("Triton HTTP / a model server", _SERVERS),
    8001: ("Triton gRPC", _SERVERS),
    8002: ("Triton metrics", _SERVERS),
    8500: ("TF Serving gRPC", _SERVERS),
    8501: ("TF Serving REST", _SERVERS),
}
# Annotations that make a cloud load balancer internal (reachable from the VPC only).
_INTERNAL_LB = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": ("true", "0.0.0.0/0"),
    "service.beta.kubernetes.io/aws-load-balancer-scheme": ("internal",),
    "networking.gke.io/load-balancer-type": ("internal",),
    "cloud.google.com/load-balancer-type": ("internal",),
    "service.beta.kubernetes.io/azure-load-balancer-internal": ("true",),
    "service.beta.kubernetes.io/oci-load-balancer-internal": ("true",),
}
_OPEN = {"0.0.0.0/0", "::/0"}


def _ports(port: dict[str, Any]) -> set[int]:
    return {p for p in (port.get("port"), port.get("targetPort")) if isinstance(p, int) and not isinstance(p, bool)}


def _words(doc: dict[str, Any], spec: dict[str, Any], port: dict[str, Any]) -> str:
    """What names the Service's workload: its name, labels, selector and the port's name."""
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    parts = [meta.get("name"), port.get("name")]
    for mapping in (meta.get("labels"), spec.get("selector")):
        if isinstance(mapping, dict):
            parts.extend(mapping.values())
    return " ".join(str(p) for p in parts if p is not None).lower()


def _named(table: dict[int, tuple[str, tuple[str, ...]]], numbers: set[int], words: str) -> list[str]:
    return sorted(table[n][0] for n in numbers & table.keys() if any(w in words for w in table[n][1]))


def _restricted(doc: dict[str, Any], spec: dict[str, Any]) -> str | None:
    """Why a LoadBalancer is not open to the internet, or None."""
    annotations = (doc.get("metadata") or {}).get("annotations") or {}
    if isinstance(annotations, dict):
        for name, values in _INTERNAL_LB.items():
            if str(annotations.get(name, "")).lower() in values:
                return f"an internal load balancer ({name}): reachable from the private network only"
    ranges = spec.get("loadBalancerSourceRanges")
    if isinstance(ranges, list) and ranges and not _OPEN & {str(r) for r in ranges}:
        return "loadBalancerSourceRanges limits who reaches it"
    return None


class MlToolExposed(PythonRule):
    id = "MLC-K8S-EXPOSE-001"
    title = "Service exposes an ML tool or model server outside the cluster"
    severity = "high"
    category = "network"
    nist_ai_rmf = ("MEASURE 2.7", "MANAGE 4.1", "GOVERN 6.1")
    atlas = ("AML.T0049", "AML.T0040", "AML.T0024")
    description = (
        "A Service of type LoadBalancer or NodePort exposes a port of an ML tool: Jupyter (8888), "
        "the Ray dashboard or client (8265, 10001), MLflow (5000) or TensorBoard (6006); these have "
        "no login by default, so reaching one is running code on the cluster or reading every "
        "experiment: high on a public load balancer. An inference server port (Triton 8000-8002, "
        "TF Serving 8500-8501) is medium: it is meant to be reached, but serves anyone who does. "
        "A NodePort (node addresses, usually private) is medium; an internal load balancer "
        "(cloud annotations) or one with `loadBalancerSourceRanges` that are not 0.0.0.0/0 is low. "
        "Matched on `port` and numeric `targetPort`, when the Service's name, labels, selector or "
        "port name also names the tool (`jupyter`/`notebook`, `ray`, `mlflow`, `tensorboard`; "
        "`triton`, `serving`, `inference`, `predictor` or `model` for servers): a port number alone "
        "is not the tool. Ingresses are not judged."
    )
    remediation = (
        "Use a ClusterIP Service behind an authenticating proxy or ingress (OAuth2 proxy, Istio "
        "with an AuthorizationPolicy), or `kubectl port-forward` for dashboards; if a load "
        "balancer is needed, make it internal and set `loadBalancerSourceRanges`."
    )
    input_kinds = ("yaml",)
    references = (
        "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
        "https://docs.ray.io/en/latest/ray-security/index.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        data = doc.data
        if not (k8s.is_manifest(data) and data.get("kind") == "Service" and isinstance(data.get("spec"), dict)):
            return
        spec = data["spec"]
        kind = spec.get("type")
        if kind not in ("LoadBalancer", "NodePort"):
            return
        ports = spec.get("ports")
        for i, port in enumerate(ports if isinstance(ports, list) else []):
            if not isinstance(port, dict):
                continue
            numbers, words = _ports(port), _words(data, spec, port)
            tools, serving = _named(TOOL_PORTS, numbers, words), _named(SERVING_PORTS, numbers, words)
            if not tools and not serving:
                continue
            name = (data.get("metadata") or {}).get("name", "?")
            message = f"{kind} Service {name!r} exposes {', '.join(tools or serving)} on port {port.get('port')}"
            reason = _restricted(data, spec) if kind == "LoadBalancer" else None
            pointer = ("spec", "ports", i)
            if reason is not None:
                yield Hit(message, pointer=pointer, severity="low", severity_reason=reason)
            elif kind == "NodePort":
                yield Hit(
                    message,
                    pointer=pointer,
                    severity="medium",
                    severity_reason="a NodePort is reached on the nodes' addresses, usually a private network",
                )
            elif not tools:
                yield Hit(
                    message,
                    pointer=pointer,
                    severity="medium",
                    severity_reason="an inference endpoint is meant to be reached; it still has no authentication",
                )
            else:
                yield Hit(message, pointer=pointer)


_CLUSTER_LOCAL = ("networking.kserve.io/visibility", "cluster-local")
_AUTH_ANNOTATIONS = ("security.opendatahub.io/enable-auth",)


class KserveEndpointPublic(PythonRule):
    id = "MLC-K8S-KSERVE-001"
    title = "KServe InferenceService exposed outside the cluster without auth"
    severity = "low"
    category = "network"
    nist_ai_rmf = ("MEASURE 2.7", "MANAGE 4.1")
    atlas = ("AML.T0040", "AML.T0024", "AML.T0034")
    description = (
        "A KServe InferenceService gets an external route through the cluster's ingress gateway "
        "unless it carries the label `networking.kserve.io/visibility: cluster-local`, and KServe "
        "itself checks no credentials. What is checked: neither that label nor an auth annotation "
        'the platform defines (`security.opendatahub.io/enable-auth: "true"` on OpenShift AI / '
        "Open Data Hub). Low: the gateway may enforce "
        "auth elsewhere (an Istio AuthorizationPolicy the scan cannot see). Seldon deployments "
        "are not judged: Seldon Core defines no auth setting of its own."
    )
    remediation = (
        "Label internal models `networking.kserve.io/visibility: cluster-local`; for external "
        'ones enable the platform\'s auth (`security.opendatahub.io/enable-auth: "true"`) or an '
        "Istio RequestAuthentication + AuthorizationPolicy on the gateway."
    )
    input_kinds = ("yaml",)
    references = ("https://kserve.github.io/website/latest/admin/serverless/kourier_networking/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        data = doc.data
        if not (k8s.is_manifest(data) and data.get("kind") == "InferenceService"):
            return
        if not str(data.get("apiVersion", "")).startswith("serving.kserve.io/"):
            return
        meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
        labels = meta.get("labels") if isinstance(meta.get("labels"), dict) else {}
        annotations = meta.get("annotations") if isinstance(meta.get("annotations"), dict) else {}
        if str(labels.get(_CLUSTER_LOCAL[0], "")) == _CLUSTER_LOCAL[1]:
            return
        if any(str(annotations.get(a, "")).lower() == "true" for a in _AUTH_ANNOTATIONS):
            return
        if any("$" in str(v) or "{{" in str(v) for v in (*labels.values(), *annotations.values())):
            return  # templated metadata: unknown
        name = meta.get("name", "?")
        yield Hit(
            f"InferenceService {name!r} is routed outside the cluster with no auth setting", pointer=("metadata",)
        )


RULES = [MlToolExposed, KserveEndpointPublic]
