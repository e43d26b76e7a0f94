"""Kubernetes manifests and the tools around them (Kustomize, the workload CRDs)."""

# The names Kustomize reads, here so that the incremental path can ask without importing kustomize.
KUSTOMIZATION_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
