"""hostPath volumes: a node agent's host paths are low, a workload's (or a takeover path) medium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scanner.scan import ScanResult
from tests.conftest import write_files

_DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: cni-node}}
spec:
  template:
    spec:
      containers: [{{name: c, image: "reg/cni@sha256:{digest}"}}]
      volumes:
        - name: v
          hostPath: {{path: {path}}}
"""
_DEPLOYMENT = _DAEMONSET.replace("DaemonSet", "Deployment")
DIGEST = "0" * 64


def _hostpath(scan_repo: Callable[[Path], ScanResult], tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    write_files(tmp_path, {"m.yaml": text})
    found = [f for f in scan_repo(tmp_path).findings if f.rule_id == "MLC-K8S-HOSTPATH-001"]
    return [(f.severity, dict(f.properties).get("severity_reason")) for f in found]


def test_a_cni_daemonset_host_path_is_low_with_the_reason(scan_repo, tmp_path: Path) -> None:
    [(severity, why)] = _hostpath(scan_repo, tmp_path, _DAEMONSET.format(digest=DIGEST, path="/opt/cni/bin"))
    assert severity == "low"
    assert "node agent" in why


def test_a_daemonset_mounting_the_runtime_socket_stays_medium(scan_repo, tmp_path: Path) -> None:
    found = _hostpath(scan_repo, tmp_path, _DAEMONSET.format(digest=DIGEST, path="/var/run/docker.sock"))
    assert found == [("medium", None)]


def test_a_deployment_host_path_stays_medium(scan_repo, tmp_path: Path) -> None:
    found = _hostpath(scan_repo, tmp_path, _DEPLOYMENT.format(digest=DIGEST, path="/opt/cni/bin"))
    assert found == [("medium", None)]
