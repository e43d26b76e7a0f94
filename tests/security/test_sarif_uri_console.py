"""#13 item 9, end to end: file names a repository chooses cannot forge a SARIF location or
rewrite the console. Real files with such names in a real git repository, the real CLI.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

from tests.conftest import S3_ONLY, init_repo, run_cli

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\nspec:\n  containers:\n    - name: t\n      image: py:3.11\n"
BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n'
# Repository path -> the SARIF uri GitHub must receive for it.
NAMES = {
    "infra/main.tf": "infra/main.tf",
    "a-b_c.d/x~y.yaml": "a-b_c.d/x~y.yaml",
    "k8s/we#ird 100%?.yaml": "k8s/we%23ird%20100%25%3F.yaml",
    "k8s/new\nline.yaml": "k8s/new%0Aline.yaml",
    "k8s/ünï.yaml": "k8s/%C3%BCn%C3%AF.yaml",
    "k8s/\x1b[31mred\r.yaml": "k8s/%1B%5B31mred%0D.yaml",
    os.fsdecode(b"k8s/latin1-\xe9.yaml"): "k8s/latin1-%E9.yaml",  # not UTF-8: its bytes
}
BROKEN = "bad/\x1b]0;pwned\x07.yaml"  # an OSC sequence that would retitle the terminal
# RFC 3986: unreserved, sub-delims, ":", "@", "/" and percent-encodings only.
URI = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$")
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _files() -> dict[str, str]:
    files = {name: BUCKET if name.endswith(".tf") else POD for name in NAMES}
    files[BROKEN] = "a: [\n"
    return files


def test_sarif_uris_are_percent_encoded_and_resolve_back(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", _files())
    sarif, results = tmp_path / "out.sarif", tmp_path / "out.json"
    proc = run_cli("scan", repo, *S3_ONLY, "--sarif-output", sarif, "--json-output", results, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr

    run = json.loads(sarif.read_text())["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == set(NAMES.values())  # ordinary paths unchanged, the others encoded
    notes = run["invocations"][0]["toolExecutionNotifications"]
    uris |= {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes}
    assert "bad/%1B%5D0;pwned%07.yaml" in uris  # `;` is a sub-delimiter: kept
    assert all(URI.match(uri) for uri in uris), uris
    paths = {f["path"] for f in json.loads(results.read_text())["findings"]}
    assert {unquote(uri, errors="surrogateescape") for uri in uris} >= paths == set(NAMES)  # JSON: real names


def test_console_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", _files())
    proc = run_cli("scan", repo, *S3_ONLY, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    assert not RAW_CONTROL.search(proc.stdout), proc.stdout
    lines = proc.stdout.splitlines()
    assert any(" k8s/\\x1b[31mred\\r.yaml:8 " in line for line in lines), proc.stdout
    assert any(" k8s/new\\nline.yaml:8 " in line for line in lines)  # one line, not two
    assert any(line.startswith("ERROR    bad/\\x1b]0;pwned\\x07.yaml:") for line in lines)
    assert not any(line.startswith("line.yaml") for line in lines)
    assert any(" k8s/latin1-\\udce9.yaml:8 " in line for line in lines)


def test_stderr_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", {"a.yaml": "a: 1\n"})
    ignore = tmp_path / "ig\x1b[2J\rnore.yaml"
    ignore.write_text("version: 1\nignores: [\n")
    proc = run_cli("scan", repo, "--ignore-file", ignore)
    assert proc.returncode == 2
    assert "ig\\x1b[2J\\rnore.yaml" in proc.stderr and not RAW_CONTROL.search(proc.stderr), repr(proc.stderr)


def test_org_progress_and_summary_show_control_characters_as_escapes(tmp_path: Path) -> None:
    org = tmp_path / "org"
    init_repo(org / "x\x1b[31m\rrepo", {"a.yaml": "a: 1\n", ".mlcomply-ignore.yaml": "version: 2\nignores: []\n"})
    proc = run_cli("org", "scan", "--repos", org, "--db", tmp_path / "h.sqlite", "--workers", "1")
    assert proc.returncode == 2, proc.stderr  # its ignore file fails the repository
    assert "x\\x1b[31m\\rrepo: error" in proc.stderr and "x\\x1b[31m\\rrepo: error" in proc.stdout
    assert not RAW_CONTROL.search(proc.stdout + proc.stderr), repr(proc.stdout + proc.stderr)
