"""Dockerfiles end to end: secrets found once and named by instruction, the build context's
ignore file, severities, and a malformed Dockerfile as a scan error beside other files' findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from scanner.scan import ScanResult
from scanner.secrets.checksums import github_token
from tests.conftest import init_repo, run_cli, write_files
from tests.hostile.seeds import TOKEN

OTHER = github_token("ghp_", "Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr1St2")
PINNED = "python:3.11-slim@sha256:" + "0" * 64


def test_a_secret_in_env_is_reported_once_naming_the_instruction(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    write_files(
        tmp_path,
        {"Dockerfile": f"FROM {PINNED} AS build\nENV GITHUB_TOKEN={TOKEN}\nFROM {PINNED}\nRUN echo \\\n  {OTHER}\n"},
    )
    secrets = [f for f in scan_repo(tmp_path).findings if f.category == "secrets"]
    assert sorted((f.rule_id, f.start_line) for f in secrets) == [
        ("MLC-SECRET-GITHUB-001", 2),
        ("MLC-SECRET-GITHUB-001", 5),
    ]
    assert "(in ENV of stage build)" in secrets[0].message
    assert "(in RUN of stage 1)" in secrets[1].message
    assert all(t not in f.message + (f.snippet or "") for f in secrets for t in (TOKEN, OTHER))


def test_the_context_ignore_file_and_the_dockerfile_specific_one(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    dockerfile = f"FROM {PINNED}\nCOPY . /app\nUSER 10001\n"
    write_files(
        tmp_path,
        {
            "svc/Dockerfile": dockerfile,
            "svc/serve.Dockerfile": dockerfile,
            "svc/serve.Dockerfile.dockerignore": "**/*.csv\n",  # BuildKit uses this one for serve.Dockerfile
            "svc/.dockerignore": "*.md\n",
            "svc/data/train.csv": "a,b\n1,2\n",
            "svc/weights.safetensors": "x\n",
            "elsewhere/test.csv": "a,b\n1,2\n",  # outside the build context
        },
    )
    found = {f.path: f for f in scan_repo(tmp_path).findings if f.rule_id == "MLC-DOCKER-CONTEXT-001"}
    assert set(found) == {"svc/Dockerfile", "svc/serve.Dockerfile"}
    assert dict(found["svc/Dockerfile"].properties)["files"] == ["svc/data/train.csv", "svc/weights.safetensors"]
    assert dict(found["svc/serve.Dockerfile"].properties)["files"] == ["svc/weights.safetensors"]


def test_versioned_base_is_low_and_latest_medium(scan_repo: Callable[[Path], ScanResult], tmp_path: Path) -> None:
    write_files(tmp_path, {"Dockerfile": "FROM python:3.11 AS a\nFROM python\nUSER app\n"})
    found = sorted(
        (f.start_line, f.severity) for f in scan_repo(tmp_path).findings if f.rule_id == "MLC-DOCKER-IMAGE-001"
    )
    assert found == [(1, "low"), (2, "medium")]


def test_a_quoted_base_image_is_judged_without_its_quotes(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    # BuildKit strips shell quotes from the FROM image: a quoted digest is pinned, a quoted
    # `scratch` is no image, and a quoted tag is named without the quote.
    write_files(
        tmp_path,
        {
            "pinned/Dockerfile": f'FROM "{PINNED}"\nUSER 10001\n',
            "static/Dockerfile": f"FROM {PINNED} AS build\nFROM 'scratch'\nCOPY --from=build /app /app\nUSER 1\n",
            "tagged/Dockerfile": 'FROM "ubuntu:bionic"\nUSER 10001\n',
        },
    )
    found = [(f.path, f.message) for f in scan_repo(tmp_path).findings if f.rule_id == "MLC-DOCKER-IMAGE-001"]
    says = "stage 0: base image 'ubuntu:bionic' is referenced by the mutable tag :bionic, not by digest"
    assert found == [("tagged/Dockerfile", says)]


def test_malformed_dockerfile_is_a_scan_error_and_other_files_still_scan(tmp_path: Path) -> None:
    init_repo(
        tmp_path,
        {
            "bad/Dockerfile": f"FROM {PINNED}\nRUN <<EOF\necho never closed\n",
            "good/Dockerfile": "FROM python:latest\nUSER app\n",
        },
    )
    out = tmp_path / "out.json"
    proc = run_cli("scan", tmp_path, "--json-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    [error] = [e for e in result["errors"] if e["path"] == "bad/Dockerfile"]
    assert (error["kind"], error["line"]) == ("parse", 2)
    assert "heredoc" in error["message"]
    assert any(f["path"] == "good/Dockerfile" and f["rule_id"] == "MLC-DOCKER-IMAGE-001" for f in result["findings"])


def test_a_test_suites_dockerfile_is_low_with_the_reason(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    write_files(tmp_path, {"tests/integration/Dockerfile": "FROM python:latest\nRUN curl -s https://x.example | sh\n"})
    found = sorted(
        (f.rule_id, f.severity, dict(f.properties).get("severity_reason", "")[:19])
        for f in scan_repo(tmp_path).findings
        if f.rule_id.startswith("MLC-DOCKER")
    )
    assert found == [
        ("MLC-DOCKER-CURLSH-001", "low", "a test suite's Dock"),
        ("MLC-DOCKER-IMAGE-001", "low", "a test suite's Dock"),
        ("MLC-DOCKER-USER-001", "low", "a test suite's Dock"),
    ]


def test_a_dev_containers_dockerfile_is_low_and_a_deployed_twin_is_not(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    body = "FROM ubuntu:18.04\nRUN apt-get update\n"
    write_files(tmp_path, {".devcontainer/Dockerfile": body, "serving/Dockerfile": body})
    found = sorted(
        (f.path, f.rule_id, f.severity, dict(f.properties).get("severity_reason", "")[:21])
        for f in scan_repo(tmp_path).findings
        if f.rule_id == "MLC-DOCKER-USER-001"
    )
    assert found == [
        (".devcontainer/Dockerfile", "MLC-DOCKER-USER-001", "low", "a dev container's Doc"),
        ("serving/Dockerfile", "MLC-DOCKER-USER-001", "medium", ""),
    ]


def test_an_empty_dockerfile_is_judged_by_no_rule_and_raises_no_error(
    scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    write_files(tmp_path, {"Dockerfile": "# filled in by CI\n", "data.csv": "a\n1\n"})
    result = scan_repo(tmp_path)
    assert [e for e in result.errors if e.path == "Dockerfile"] == []
    assert [f for f in result.findings if f.path == "Dockerfile"] == []
