"""`mlcomply verify` through the real command line: an edited results file, an edited, added or
removed data file, and what an attestation's subjects catch."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli

DVC_DIR = "outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: raw\n"
REPO = {
    "data/raw.dvc": DVC_DIR,
    "data/raw/a.csv": "id,label\n1,cat\n",
    "data/raw/b.csv": "id,label\n2,dog\n",
    "train.py": "print('train')\n",
}


@pytest.fixture
def scanned(make_repo: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path, Path]:
    """A repository, its results and its attestation (written outside the tree)."""
    root = make_repo(REPO)
    results, attestation = tmp_path / "results.json", tmp_path / "scan.intoto.json"
    done = run_cli("scan", root, "--json-output", results, "--attestation-output", attestation, "--fail-on", "none")
    assert done.returncode == 0, done.stderr
    return root, results, attestation


def verify(*args: str | Path) -> tuple[int, list[str]]:
    done = run_cli("verify", *args)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout.splitlines()


def test_an_untouched_tree_verifies(scanned: tuple[Path, Path, Path]) -> None:
    root, results, attestation = scanned
    code, lines = verify(results, "--attestation", attestation)
    assert code == 0, lines
    assert lines[-1].endswith("nothing differs")
    assert verify(results, root)[0] == 0


def test_an_edited_results_file_is_caught(scanned: tuple[Path, Path, Path]) -> None:
    root, results, attestation = scanned
    doc = json.loads(results.read_text())
    doc["summary"]["total"] += 1  # a finding "disappears" from the count: any value will do
    results.write_text(json.dumps(doc, indent=2))
    code, lines = verify(results, root)
    assert code == 1
    assert lines[0] == f"{results}: edited after the scan: its content does not match its recorded digest"
    code, lines = verify(results, "--attestation", attestation)
    assert f"{attestation}: the results file is not the one this scan attested (results digest differs)" in lines


def test_an_edited_data_file_is_named(scanned: tuple[Path, Path, Path]) -> None:
    root, results, attestation = scanned
    (root / "data/raw/b.csv").write_text("id,label\n2,cat\n")
    code, lines = verify(results)
    assert code == 1
    assert lines[:2] == [
        "data/raw/b.csv: changed (dataset data/raw)",
        f"data/raw: Merkle root differs ({_root(results)} -> {lines[1].split(' -> ')[1]}",
    ]
    code, lines = verify("--attestation", attestation, root)
    assert code == 1
    assert "data/raw/b.csv: changed" in lines
    assert "data/raw: dataset changed (Merkle root differs; the results file names the files)" in lines


def test_added_and_removed_files_are_named(scanned: tuple[Path, Path, Path]) -> None:
    root, results, attestation = scanned
    (root / "data/raw/c.csv").write_text("id,label\n3,eel\n")
    (root / "data/raw/a.csv").unlink()
    (root / "notes.md").write_text("new\n")
    code, lines = verify(results)
    assert code == 1
    assert lines[:2] == ["data/raw/a.csv: removed from dataset data/raw", "data/raw/c.csv: added to dataset data/raw"]
    code, lines = verify(results, "--attestation", attestation)
    assert {
        "data/raw/a.csv: removed",
        "data/raw/c.csv: added (not a subject of the attestation)",
        "notes.md: added (not a subject of the attestation)",
    } <= set(lines)


def test_a_removed_dataset_is_named(scanned: tuple[Path, Path, Path]) -> None:
    root, results, _ = scanned
    for f in (root / "data/raw").iterdir():
        f.unlink()
    (root / "data/raw").rmdir()
    code, lines = verify(results)
    assert (code, lines[0]) == (1, "data/raw: dataset removed (no longer in the tree)")


def test_a_dsse_envelope_is_read_and_its_signatures_left_to_cosign(
    scanned: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, results, attestation = scanned
    envelope = tmp_path / "scan.dsse.json"
    payload = base64.b64encode(attestation.read_bytes()).decode()
    envelope.write_text(
        json.dumps({"payloadType": "application/vnd.in-toto+json", "payload": payload, "signatures": []})
    )
    done = run_cli("verify", results, "--attestation", envelope)
    assert done.returncode == 0, done.stdout
    assert "its signatures are not checked here" in done.stderr


def test_outputs_inside_the_tree_are_not_subjects(make_repo: Callable[..., Path]) -> None:
    root = make_repo(REPO)
    args = ("--json-output", root / "results.json", "--attestation-output", root / "scan.intoto.json")
    for _ in range(2):  # the second scan lists the first one's outputs
        assert run_cli("scan", root, *args, "--fail-on", "none").returncode == 0
    code, lines = verify(root / "results.json", "--attestation", root / "scan.intoto.json")
    assert code == 0, lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to verify"),
        (("missing.json",), "verify: read results missing.json: No such file or directory"),
        (("--attestation", "missing.json"), "verify: read attestation missing.json"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    done = run_cli("verify", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr


def test_a_file_that_is_not_a_statement_is_refused(scanned: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, results, attestation = scanned
    doc = json.loads(attestation.read_text())
    doc["subject"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    done = run_cli("verify", results, "--attestation", bad)
    assert done.returncode == 2
    assert "not a valid in-toto v1 statement: At least one subject required" in done.stderr


def _root(results: Path) -> str:
    return json.loads(results.read_text())["datasets"][0]["merkle_root"]


@pytest.mark.parametrize(
    "datasets",
    [[{"path": "data/raw"}], "not a list", [{"path": "data/raw", "files": [{"sha256": 1}, "x"]}]],
    ids=["no-files", "not-a-list", "bad-file-entries"],
)
def test_a_malformed_results_file_is_a_difference_not_a_crash(
    scanned: tuple[Path, Path, Path], datasets: object
) -> None:
    root, results, _ = scanned
    doc = json.loads(results.read_text())
    doc["datasets"] = datasets
    results.write_text(json.dumps(doc))
    code, lines = verify(results, root)
    assert code == 1
    assert lines[0].endswith("edited after the scan: its content does not match its recorded digest")
    assert len(lines) >= 3


def test_paths_that_leave_the_tree_are_refused(scanned: tuple[Path, Path, Path], tmp_path: Path) -> None:
    root, _, attestation = scanned
    doc = json.loads(attestation.read_text())
    doc["subject"].append({"name": "../results.json", "digest": {"sha256": "0" * 64}})
    edited = tmp_path / "edited.intoto.json"
    edited.write_text(json.dumps(doc))
    code, lines = verify("--attestation", edited, root)
    assert code == 1
    assert "../results.json: not read: outside the scan root; not read" in lines
