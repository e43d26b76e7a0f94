"""The ML fixture repos end to end through the real CLI: the bad one trips every pipeline,
data and artifact rule; its clean twin trips none. Binary artifacts are generated here."""

from __future__ import annotations

import json
import pickle
import shutil
import struct
from collections import OrderedDict
from pathlib import Path

from tests import artifact_builders as ab
from tests.conftest import REPO_ROOT, git, run_cli

FIXTURES = REPO_ROOT / "tests" / "fixtures"
ISSUE_RULES = {
    *(f"MLC-DVC-00{i}" for i in range(1, 6)),
    "MLC-DATA-001",
    "MLC-PII-001",
    *(f"MLC-MLFLOW-00{i}" for i in range(1, 4)),
    *(f"MLC-AIRFLOW-00{i}" for i in range(2, 4)),
    "MLC-K8S-IMAGE-001",
    "MLC-K8S-PRIV-001",
    "MLC-SECRET-GENERIC-001",  # owns the DAG's and the Kubernetes env's credentials
    "MLC-SECRET-URI-001",
    "MLC-K8S-HOSTPATH-001",
    *(f"MLC-GHA-00{i}" for i in range(1, 5)),
    *(f"MLC-ARTIFACT-00{i}" for i in range(1, 5)),
}


def _checkout(name: str, dest: Path, artifacts: dict[str, bytes]) -> Path:
    repo = dest / name
    shutil.copytree(FIXTURES / name, repo)
    if (repo / "gitignore").exists():  # stored without the dot so this repo's git keeps the files
        (repo / "gitignore").rename(repo / ".gitignore")
    for rel, content in artifacts.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fixture")
    return repo


def _scan(repo: Path, out: Path) -> tuple[int, list[dict[str, object]]]:
    proc = run_cli("scan", repo, "--config", repo / "mlcomply.yaml", "--json-output", out, "--fail-on", "high")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text())
    assert [e for e in report["errors"] if e["kind"] != "skipped"] == []
    return proc.returncode, report["findings"]


def test_bad_repo_trips_every_rule(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    artifacts = {
        "models/model.pkl": pickle.dumps(ab.Payload(f"touch {marker}"), protocol=4),
        "models/clf.joblib": ab.unknown_class_pickle("churn.model", "ChurnClassifier"),
        "models/embeddings.npy": ab.npy("|O", pickle.dumps(["a", "b"], protocol=3), shape=(2,)),
        "models/encoder.keras": ab.keras([ab.dense_layer("d"), ab.lambda_layer("scale")]),
    }
    code, findings = _scan(_checkout("ml-repo-bad", tmp_path, artifacts), tmp_path / "out.json")
    assert code == 1
    assert {f["rule_id"] for f in findings} >= ISSUE_RULES
    # One finding per credential, from the secrets detector (the K8s and Airflow rules retired).
    credentials = sorted((f["rule_id"], f["path"], f["start_line"]) for f in findings if f["category"] == "secrets")
    assert credentials == [
        ("MLC-SECRET-GENERIC-001", "dags/churn_dag.py", 16),
        ("MLC-SECRET-GENERIC-001", "k8s/train-job.yaml", 17),
        ("MLC-SECRET-URI-001", "dags/churn_dag.py", 7),
    ]
    critical = {(f["rule_id"], f["path"]) for f in findings if f["severity"] == "critical"}
    assert critical == {("MLC-ARTIFACT-001", "models/model.pkl")}
    assert not marker.exists()
    # Secrets and personal data never appear in clear.
    text = json.dumps(findings)
    for secret in ("hunter2", "pw-123", "0123456789abcdef0123456789abcdef01234567", "user1@mailbox.org"):
        assert secret not in text


def test_clean_twin_is_silent(tmp_path: Path) -> None:
    state = OrderedDict(weight=[0.1, 0.2], bias=[0.0])
    artifacts = {
        "weights/state.pt": ab.torch_zip(pickle.dumps(state, protocol=2)),
        "weights/emb.npy": ab.npy("<f4", struct.pack("<2f", 0.5, 1.5), shape=(2,)),
        "weights/encoder.keras": ab.keras([ab.dense_layer("d")]),
    }
    code, findings = _scan(_checkout("ml-repo-clean", tmp_path, artifacts), tmp_path / "out.json")
    mine = sorted((f["rule_id"], f["path"], f["message"]) for f in findings if f["rule_id"] in ISSUE_RULES)
    assert mine == []
    assert code == 0


def test_issue_rules_are_builtin(builtin_rules) -> None:
    assert {m.id for m in builtin_rules.metas} >= ISSUE_RULES
