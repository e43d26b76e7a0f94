"""ML tool ports on LoadBalancer/NodePort Services: high when public, lower when the exposure is
narrower (NodePort, internal load balancer, source ranges) or the port is an inference server's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.scan import ScanResult
from tests.conftest import write_files

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: {name}
  annotations: {annotations}
spec:
  type: {type}
  loadBalancerSourceRanges: {ranges}
  ports: [{{port: {port}}}]
"""


@pytest.mark.parametrize(
    ("name", "type_", "port", "annotations", "ranges", "expected"),
    [
        ("ray-head", "LoadBalancer", 8265, "{}", "[]", "high"),
        ("jupyter", "LoadBalancer", 8888, "{}", "[0.0.0.0/0]", "high"),
        ("tf-serving", "LoadBalancer", 8501, "{}", "[]", "medium"),
        ("tensorboard", "NodePort", 6006, "{}", "[]", "medium"),
        ("mlflow", "LoadBalancer", 5000, "{networking.gke.io/load-balancer-type: Internal}", "[]", "low"),
        ("mlflow", "LoadBalancer", 5000, "{}", "[10.0.0.0/8]", "low"),
        ("mlflow", "LoadBalancer", 443, "{}", "[]", None),
        ("jupyter", "ClusterIP", 8888, "{}", "[]", None),
        ("kuberay-apiserver", "NodePort", 8888, "{}", "[]", None),  # its API, not Jupyter
        ("flask-app", "LoadBalancer", 5000, "{}", "[]", None),
    ],
)
def test_severity_follows_the_exposure(
    scan_repo: Callable[[Path], ScanResult],
    tmp_path: Path,
    name: str,
    type_: str,
    port: int,
    annotations: str,
    ranges: str,
    expected: str | None,
) -> None:
    text = SERVICE.format(name=name, type=type_, port=port, annotations=annotations, ranges=ranges)
    write_files(tmp_path, {"svc.yaml": text})
    found = [f.severity for f in scan_repo(tmp_path).findings if f.rule_id == "MLC-K8S-EXPOSE-001"]
    assert found == ([expected] if expected else [])
