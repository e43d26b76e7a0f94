"""`scan --cyclonedx-output/--openlineage-output` and `mlcomply bom`, through the real CLI."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from scanner.writers import cyclonedx, openlineage
from tests.conftest import run_cli
from tests.inventory import repo


def test_scan_writes_the_bom_and_the_lineage_and_sarif_names_the_bom(tmp_path: Path) -> None:
    root = repo.example(tmp_path / "ex", with_lock=True)
    out = run_cli(
        "scan",
        root,
        "-q",
        "--fail-on",
        "none",
        "--cyclonedx-output",
        tmp_path / "bom.json",
        "--openlineage-output",
        tmp_path / "ol.jsonl",
        "--sarif-output",
        tmp_path / "s.sarif",
        env={"SOURCE_DATE_EPOCH": "1767612600"},
    )
    assert out.returncode == 0, out.stderr
    bom_text = (tmp_path / "bom.json").read_text()
    cyclonedx.validate(bom_text)
    assert "model:models/churn" in {c["bom-ref"] for c in json.loads(bom_text)["components"]}
    events = [json.loads(line) for line in (tmp_path / "ol.jsonl").read_text().splitlines()]
    for e in events:
        openlineage.validate(e)
    assert {e["eventTime"] for e in events} == {"2026-01-05T11:30:00Z"}
    assert {e["job"]["namespace"] for e in events} == {"mlcomply://ex"}
    sarif = json.loads((tmp_path / "s.sarif").read_text())
    assert sarif["runs"][0]["properties"]["mlcomply-cyclonedx-bom"] == "bom.json"


def test_run_events_and_namespace_options(tmp_path: Path) -> None:
    root = repo.make(tmp_path / "r")
    out = run_cli(
        "scan",
        root,
        "-q",
        "--fail-on",
        "none",
        "--openlineage-output",
        tmp_path / "ol.jsonl",
        "--openlineage-events",
        "run",
        "--openlineage-namespace",
        "git://acme/reviews",
    )
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in (tmp_path / "ol.jsonl").read_text().splitlines()]
    assert {e["eventType"] for e in events} == {"COMPLETE"}
    assert {e["job"]["namespace"] for e in events} == {"git://acme/reviews"}
    # the commit's own time, not the clock's
    committed = datetime.fromisoformat(repo.git(root, "log", "-1", "--format=%cI").strip())
    assert {e["eventTime"] for e in events} == {committed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_bom_command_is_deterministic_and_writes_a_file(tmp_path: Path) -> None:
    root = repo.make(tmp_path / "r")
    first, second = run_cli("bom", root), run_cli("bom", root)
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    cyclonedx.validate(first.stdout)
    out = run_cli("bom", root, "--output", tmp_path / "bom.json")
    assert out.returncode == 0 and out.stdout == ""
    assert (tmp_path / "bom.json").read_text().strip() == first.stdout.strip()


def test_bom_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    out = run_cli("bom", tmp_path / "nope")
    assert out.returncode == 2
    assert out.stderr.startswith("mlcomply: error: bom ") and "no such file or directory" in out.stderr


def test_bom_is_not_written_through_a_link(tmp_path: Path) -> None:
    root = repo.make(tmp_path / "r")
    target = tmp_path / "victim.txt"
    target.write_text("keep")
    (tmp_path / "bom.json").symlink_to(target)
    out = run_cli("scan", root, "-q", "--fail-on", "none", "--cyclonedx-output", tmp_path / "bom.json")
    assert out.returncode == 2 and "symbolic link" in out.stderr
    assert target.read_text() == "keep"
