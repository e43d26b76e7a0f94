"""Helm charts: templates are never YAML parse errors; rendered with helm when it is on PATH
(offline, on a private copy), else one note per chart."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.helm import chart as charts
from scanner.helm import render as helm_render
from scanner.helm import values as helm_values
from scanner.helm.load import NOT_LISTED, NOT_RENDERED
from scanner.scan import ScanResult
from scanner.walk import FileEntry
from tests.conftest import init_repo, run_cli

TOKEN = "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"  # valid checksum, see rules/secrets/github.yaml
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "demo.fullname" . }}
  labels:
    {{- include "demo.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- if .Values.debug }}
          args: ["--debug"]
          {{- end }}
"""
HELPERS = """\
{{- define "demo.fullname" -}}{{ .Release.Name }}-demo{{- end }}
{{- define "demo.labels" -}}
app: demo
{{- end }}
"""
CHART = {
    "deploy/demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
    "deploy/demo/values.yaml": f"image:\n  repository: busybox\n  tag: latest\ndebug: false\ntoken: {TOKEN}\n",
    "deploy/demo/templates/deployment.yaml": DEPLOYMENT,
    "deploy/demo/templates/_helpers.tpl": HELPERS,
    "deploy/demo/templates/NOTES.txt": "Installed {{ .Release.Name }}.\n",
}
IMAGE_LINE = next(i for i, line in enumerate(DEPLOYMENT.splitlines(), 1) if "image:" in line)


def _no_helm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helm_render, "find_helm", lambda: None)


def test_templates_are_no_parse_errors_and_each_chart_gets_one_note(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_helm(monkeypatch)
    # True-positive twin: the same text in a `templates/` folder of no chart is invalid YAML.
    root = make_repo({**CHART, "other/templates/deployment.yaml": DEPLOYMENT})
    result = scan_repo(root)
    errors = {(e.path, e.kind) for e in result.errors}
    assert ("other/templates/deployment.yaml", "parse") in errors
    assert not [e for e in result.errors if e.path.startswith("deploy/demo/") and e.kind != "note"]
    notes = [e for e in result.errors if e.kind == "note"]
    assert [(e.path, e.message) for e in notes] == [("deploy/demo/Chart.yaml", NOT_RENDERED)]
    # values.yaml and the templates' text are still read: the token is found, never printed.
    secrets = [f for f in result.findings if f.rule_id == "MLC-SECRET-GITHUB-001"]
    assert [f.path for f in secrets] == ["deploy/demo/values.yaml"]
    assert TOKEN not in json.dumps([f.message for f in result.findings])
    # Not rendered: the image the values spell is judged there instead.
    images = [(f.path, f.start_line, f.severity) for f in result.findings if f.rule_id == "MLC-K8S-IMAGE-001"]
    assert images == [("deploy/demo/values.yaml", 1, "medium")]


def test_images_spelled_in_values() -> None:
    values = {
        "image": {"repository": "busybox", "tag": "latest"},
        "web": {"image": {"registry": "docker.io", "repository": "acme/web", "tag": 1.5}},
        "db": {"image": {"repository": "postgres", "tag": ""}},  # the chart's default: unknown
        "cache": {"image": {"repository": "redis", "digest": "sha256:" + "ab" * 32}},
        "sidecars": [{"image": "nginx:alpine"}],
        "global": {"imageTag": "v1"},
    }
    assert list(helm_values.images(values)) == [
        ("redis@sha256:" + "ab" * 32, ("cache", "image")),
        ("busybox:latest", ("image",)),
        ("nginx:alpine", ("sidecars", 0, "image")),
        ("docker.io/acme/web:1.5", ("web", "image")),
    ]


def test_a_subchart_is_rendered_by_its_parent_one_note(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_helm(monkeypatch)
    sub = {k.replace("deploy/demo/", "deploy/demo/charts/sub/"): v for k, v in CHART.items()}
    root = make_repo({**CHART, **sub})
    result = scan_repo(root)
    assert [e.path for e in result.errors] == ["deploy/demo/Chart.yaml"]
    assert charts.top_chart(root, "deploy/demo/charts/sub") == "deploy/demo"


def test_chart_of_template(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "r", {**CHART, "templates/x.yaml": "a: 1\n", "Chart.yaml": "name: top\n"})

    def of(rel: str) -> str | None:
        return charts.chart_of_template(FileEntry(rel, root / rel, 1, False))

    assert of("deploy/demo/templates/deployment.yaml") == "deploy/demo"
    assert of("deploy/demo/templates/sub/dir/x.yaml") == "deploy/demo"
    assert of("templates/x.yaml") == ""  # a chart at the top of the repository
    assert of("deploy/demo/values.yaml") is None
    assert of("deploy/templates/x.yaml") is None  # no Chart.yaml beside it


def test_split_helm_output_by_source() -> None:
    out = (
        "---\n# Source: demo/templates/a.yaml\nkind: A\n---\n# Source: demo/templates/a.yaml\nkind: B\n"
        "---\n# Source: demo/charts/sub/templates/c.yaml\nkind: C\n"
    )
    assert [(r.source, r.text) for r in helm_render.split(out)] == [
        ("templates/a.yaml", "kind: A\n"),
        ("templates/a.yaml", "kind: B\n"),
        ("charts/sub/templates/c.yaml", "kind: C\n"),
    ]


def test_align_rendered_lines_with_the_template() -> None:
    rendered = [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: r-demo",
        "  labels:",
        "    app: demo",  # from a helper: keeps the last matched line
        "spec:",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: app",
        '          image: "busybox:latest"',
    ]
    lines = helm_render.align(rendered, DEPLOYMENT.splitlines())
    assert lines == [1, 2, 3, 4, 5, 5, 7, 8, 9, 10, 11, IMAGE_LINE]


FAKE_HELM = """\
#!{python}
# A stand-in for `helm template` (helm is not installable from PyPI, Debian or npm): it records
# how it was called and prints what helm prints for the chart, or fails like helm does.
import json, os, sys
chart = sys.argv[3]
with open({record!r}, "w") as fh:
    json.dump({{"argv": sys.argv[1:], "home": os.environ.get("HOME"),
               "kubeconfig": os.environ.get("KUBECONFIG"),
               "files": sorted(os.path.relpath(os.path.join(d, f), chart)
                               for d, _, fs in os.walk(chart) for f in fs)}}, fh)
if os.path.exists(os.path.join(chart, "fail")):
    sys.stderr.write("Error: template: demo/templates/deployment.yaml:12:20: executing at <.Values.x>: {token}\\n")
    sys.exit(1)
sys.stdout.write({output!r})
"""
RENDERED = """\
---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mlcomply-demo
  labels:
    app: demo
spec:
  template:
    spec:
      containers:
        - name: app
          image: "busybox:latest"
"""


def _fake_helm(tmp_path: Path) -> tuple[dict[str, str], Path]:
    bin_dir, record = tmp_path / "bin", tmp_path / "helm-call.json"
    bin_dir.mkdir()
    helm = bin_dir / "helm"
    helm.write_text(FAKE_HELM.format(python=sys.executable, record=str(record), output=RENDERED, token=TOKEN))
    helm.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}, record


def test_rendered_manifests_are_checked_at_the_template_line(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", CHART)
    env, record = _fake_helm(tmp_path)
    out = tmp_path / "out.json"
    proc = run_cli("scan", root, "--json-output", out, "--fail-on", "none", env=env)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    images = [f for f in result["findings"] if f["rule_id"] == "MLC-K8S-IMAGE-001"]
    assert [(f["path"], f["start_line"]) for f in images] == [("deploy/demo/templates/deployment.yaml", IMAGE_LINE)]
    assert not [e for e in result["errors"] if e["path"].startswith("deploy/")]
    call = json.loads(record.read_text())
    # A private copy of the listed files, no dependency update, nothing of the runner's.
    assert call["argv"][:2] == ["template", "mlcomply"]
    assert not Path(call["argv"][2]).is_relative_to(root)
    assert "--dependency-update" not in call["argv"]
    assert sorted(call["files"]) == sorted(k.removeprefix("deploy/demo/") for k in CHART)
    assert call["home"] != os.environ.get("HOME") and call["kubeconfig"] != os.environ.get("KUBECONFIG")


def test_a_chart_outside_the_scan_is_not_rendered(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", CHART)
    env, record = _fake_helm(tmp_path)
    out = tmp_path / "out.json"
    template = root / "deploy/demo/templates/deployment.yaml"
    run_cli("scan", template, "--json-output", out, "--fail-on", "none", env=env)  # one file, not the chart
    errors = json.loads(out.read_text())["errors"]
    assert [(e["path"], e["kind"], e["message"]) for e in errors] == [("deploy/demo/Chart.yaml", "note", NOT_LISTED)]
    assert not record.exists()  # helm never ran on a partial chart


def test_a_chart_helm_cannot_render_is_a_note_without_helms_text(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", {**CHART, "deploy/demo/fail": "x\n"})
    env, _ = _fake_helm(tmp_path)
    out = tmp_path / "out.json"
    run_cli("scan", root, "--json-output", out, "--fail-on", "none", env=env)
    errors = json.loads(out.read_text())["errors"]
    where = [(e["path"], e["line"], e["kind"]) for e in errors]
    assert where == [("deploy/demo/templates/deployment.yaml", 12, "note")]
    assert "templates not checked" in errors[0]["message"] and TOKEN not in errors[0]["message"]


@pytest.mark.skipif(shutil.which("helm") is None, reason="helm is not on PATH (not on PyPI, Debian or npm)")
def test_real_helm_renders_the_chart(make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]) -> None:
    result = scan_repo(make_repo(CHART))
    images = [f for f in result.findings if f.rule_id == "MLC-K8S-IMAGE-001"]
    assert [(f.path, f.start_line) for f in images] == [("deploy/demo/templates/deployment.yaml", IMAGE_LINE)]
    assert not [e for e in result.errors if e.path.startswith("deploy/")]
