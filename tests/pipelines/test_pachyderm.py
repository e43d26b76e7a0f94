"""Pachyderm specs: recognised by content, every accessor tolerant of wrong shapes, secrets in
`transform.env` found once by the one detector and named by variable, malformed files reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.pipelines import pachyderm
from tests.conftest import run_cli, write_files

SPEC = {"pipeline": {"name": "p"}, "transform": {"image": "a"}, "input": {"pfs": {"repo": "r"}}}


@pytest.mark.parametrize(
    ("data", "is_spec"),
    [
        (SPEC, True),
        ({"pipeline": {"name": "s"}, "transform": {}, "spout": {}}, True),
        ({"pipeline": {"name": "p"}, "transform": {}}, False),  # no input, no spout
        ({"pipeline": {"name": 3}, "transform": {}, "input": {}}, False),
        ({"pipeline": "p", "transform": {}, "input": {}}, False),
        ({"pipeline": {"name": "p"}, "transform": ["x"], "input": {}}, False),
        ([SPEC], False),
        ("pipeline", False),
        (None, False),
    ],
)
def test_is_spec(data: Any, is_spec: bool) -> None:
    assert pachyderm.is_spec(data) is is_spec


@pytest.mark.parametrize(
    ("input_", "found"),
    [
        ({"pfs": {"repo": "a"}}, [("input", "pfs")]),
        (
            {"cross": [{"pfs": {"repo": "a"}}, {"union": [{"pfs": {"repo": "b"}}]}]},
            [("input", "cross", 0, "pfs"), ("input", "cross", 1, "union", 0, "pfs")],
        ),
        ({"join": "nope"}, []),
        ({"group": [None, 3, {"pfs": "x"}]}, []),
        ({"cron": {"name": "tick"}}, []),
        ("input", []),
    ],
)
def test_pfs_inputs_nested_and_malformed(input_: Any, found: list[tuple[Any, ...]]) -> None:
    spec = {**SPEC, "input": input_}
    assert sorted(p for _, p in pachyderm.pfs_inputs(spec)) == sorted(found)


def test_wrong_shapes_in_env_and_egress_are_not_elements() -> None:
    spec = {**SPEC, "transform": {"image": 7, "env": ["A=b"]}, "egress": {"URL": 5, "object_storage": "s3://x"}}
    assert pachyderm.image(spec) is None
    assert pachyderm.env(spec) == {}
    assert list(pachyderm.egress_urls(spec)) == []


SECRET = "Zx9!qR7#vLp2@Wm4"


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_env_secret_is_one_finding_naming_the_variable(tmp_path: Path, suffix: str) -> None:
    spec = {
        "pipeline": {"name": "train"},
        "transform": {"image": "acme/t", "env": {"MODE": "full", "DB_PASSWORD": SECRET}},
        "input": {"pfs": {"repo": "data"}},
    }
    text = (
        json.dumps(spec, indent=2)
        if suffix == "json"
        else (
            "pipeline: {name: train}\ntransform:\n  image: acme/t\n  env:\n    MODE: full\n"
            f"    DB_PASSWORD: '{SECRET}'\ninput: {{pfs: {{repo: data}}}}\n"
        )
    )
    write_files(tmp_path, {f"train.{suffix}": text})
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    assert SECRET not in out.read_text() and SECRET not in proc.stdout + proc.stderr
    secrets = [f for f in json.loads(out.read_text())["findings"] if f["category"] == "secrets"]
    assert len(secrets) == 1, secrets
    assert "transform.env.DB_PASSWORD of pipeline 'train'" in secrets[0]["message"]


def test_malformed_spec_is_a_parse_error_and_other_files_are_scanned(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "broken.pipeline.json": '{"pipeline": {"name": "x"},\n "transform": {"image": "a:latest"\n',
            "ok.pipeline.json": json.dumps({**SPEC, "transform": {"image": "acme/t:latest"}}),
        },
    )
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    [error] = [e for e in report["errors"] if e["path"] == "broken.pipeline.json"]
    assert error["kind"] == "parse" and error["line"] >= 1
    assert [f["path"] for f in report["findings"] if f["rule_id"] == "MLC-PIPE-IMAGE-001"] == ["ok.pipeline.json"]


def _spec(name: str, image: str, **transform: Any) -> dict[str, Any]:
    return {"pipeline": {"name": name}, "transform": {"image": image, **transform}, "input": {"pfs": {"repo": "r"}}}


@pytest.mark.parametrize("separator", ["\n", "\n---\n", ""])
def test_a_stream_of_specs_is_each_spec_with_its_own_lines(tmp_path: Path, separator: str) -> None:
    """`pachctl create pipeline -f` takes several specs in one file; each is checked, and a
    finding points into its own spec."""
    pinned = _spec("prepare", "acme/prep@sha256:" + "a" * 64)
    loose = _spec("train", "acme/train:latest", env={"DB_PASSWORD": SECRET})
    text = json.dumps(pinned, indent=2) + separator + json.dumps(loose, indent=2) + "\n"
    write_files(tmp_path, {"pipelines.json": text})
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["errors"] == []
    lines = text.splitlines()
    found = {(f["rule_id"], lines[f["start_line"] - 1].strip()) for f in report["findings"]}
    assert ("MLC-PIPE-IMAGE-001", '"image": "acme/train:latest",') in found
    [secret] = [f for f in report["findings"] if f["category"] == "secrets"]
    assert "transform.env.DB_PASSWORD of pipeline 'train'" in secret["message"]
    assert SECRET in lines[secret["start_line"] - 1] and SECRET not in out.read_text()
    assert not any("prep@" in lines[f["start_line"] - 1] for f in report["findings"])


def test_a_broken_spec_in_a_stream_is_an_error_at_its_line(tmp_path: Path) -> None:
    good = json.dumps(_spec("prepare", "acme/prep:latest"), indent=2)
    write_files(
        tmp_path,
        {
            "stream.json": good + '\n{\n  "pipeline": {"name": "train"},\n  "transform": \n}\n',
            "ok.pipeline.json": json.dumps(_spec("ok", "acme/t:latest")),
        },
    )
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    [error] = report["errors"]
    expected_line = good.count("\n") + 5
    assert (error["path"], error["kind"], error["line"]) == ("stream.json", "parse", expected_line)
    assert error["message"] == "invalid JSON stream: value 2: Expecting value"
    assert [f["path"] for f in report["findings"] if f["rule_id"] == "MLC-PIPE-IMAGE-001"] == ["ok.pipeline.json"]


def test_a_yaml_stream_names_the_variable_of_a_later_spec(tmp_path: Path) -> None:
    text = (
        "pipeline: {name: prepare}\ntransform: {image: acme/p:1}\ninput: {pfs: {repo: r}}\n---\n"
        f"pipeline: {{name: train}}\ntransform:\n  image: acme/t:1\n  env:\n    DB_PASSWORD: '{SECRET}'\n"
        "input: {pfs: {repo: r}}\n"
    )
    write_files(tmp_path, {"pipelines.yaml": text})
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    [secret] = [f for f in json.loads(out.read_text())["findings"] if f["category"] == "secrets"]
    assert "transform.env.DB_PASSWORD of pipeline 'train'" in secret["message"] and secret["start_line"] == 9
