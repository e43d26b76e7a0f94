"""MLC-K8S-IMAGE-001 also covers Kubeflow Pipelines v2 IR, through the shared manifest walker."""

from __future__ import annotations

KFP_IR = """\
pipelineInfo:
  name: churn
deploymentSpec:
  executors:
    exec-train:
      container:
        image: python:3.11
        command: [python, train.py]
    exec-eval:
      container:
        image: ghcr.io/acme/eval@sha256:0b5bd9a8c8a1e3d5f0b3d1c6d2b0a9e8f7c6b5a4d3c2b1a0f9e8d7c6b5a4d3c2
"""


def test_kfp_ir_unpinned_executor_image(make_repo, scan_repo) -> None:
    result = scan_repo(make_repo({"pipeline.yaml": KFP_IR}))
    got = [f.pointer for f in result.findings if f.rule_id == "MLC-K8S-IMAGE-001"]
    assert got == ["deploymentSpec/executors/exec-train/container/image"]
