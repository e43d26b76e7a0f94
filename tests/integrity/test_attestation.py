"""The in-toto statement: built and validated with the in-toto-attestation library, its subjects
and predicate, and signed in a DSSE envelope with a local key (securesystemslib): the signed
statement verifies, a tampered one does not."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format
from in_toto_attestation.v1 import statement_pb2
from in_toto_attestation.v1.statement import Statement
from securesystemslib.dsse import Envelope
from securesystemslib.exceptions import VerificationError
from securesystemslib.signer import CryptoSigner

from scanner.integrity.attestation import DSSE_PAYLOAD_TYPE, MERKLE_KEY, PREDICATE_TYPE, validate
from scanner.integrity.results_digest import canonical_digest
from tests.conftest import run_cli
from tests.writers.test_json_out import validate_results

DVC_DIR = "outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: raw\n"


@pytest.fixture
def outputs(make_repo: Callable[..., Path], tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    root = make_repo({"data/raw.dvc": DVC_DIR, "data/raw/a.csv": "a,b\n1,2\n", "train.py": "x = 1\n"})
    results, att = tmp_path / "r.json", tmp_path / "a.json"
    done = run_cli("scan", root, "--json-output", results, "--attestation-output", att, "--fail-on", "none")
    assert done.returncode == 0, done.stderr
    return json.loads(results.read_text()), json.loads(att.read_text())


def test_the_statement_is_a_valid_in_toto_v1_statement(outputs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    results, doc = outputs
    stmt = Statement.copy_from_pb(json_format.ParseDict(doc, statement_pb2.Statement()))
    stmt.validate()  # the library's own checks
    assert stmt.pb.type == "https://in-toto.io/Statement/v1"
    assert stmt.pb.predicate_type == PREDICATE_TYPE
    subjects = {s["name"]: s["digest"] for s in doc["subject"]}
    assert subjects["train.py"] == {"sha256": hashlib.sha256(b"x = 1\n").hexdigest()}
    assert subjects["data/raw"] == {MERKLE_KEY: results["datasets"][0]["merkle_root"]}
    predicate = doc["predicate"]
    assert predicate["results"]["digest"]["sha256"] == canonical_digest(results) == results["results_digest"]["value"]
    assert predicate["summary"] == results["summary"]
    assert predicate["ruleset"]["rules"] == len(results["rules"])
    assert predicate["settings"]["fail_on"] == "none"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(subject=[]), "At least one subject required"),
        (lambda d: d.update(_type="https://in-toto.io/Statement/v0.1"), "Wrong statement type"),
        (lambda d: d["subject"][0].update(digest={}), "At least one digest required"),
    ],
)
def test_the_library_rejects_a_broken_statement(
    outputs: tuple[dict[str, Any], dict[str, Any]], edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    _, doc = outputs
    edit(doc)
    with pytest.raises(ValueError, match=message):
        validate(doc)


def test_results_with_datasets_match_the_schema(outputs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    results, _ = outputs
    assert results["datasets"][0]["path"] == "data/raw"
    validate_results(results)


def _envelope(statement: dict[str, Any], signer: CryptoSigner) -> Envelope:
    env = Envelope(payload=json.dumps(statement).encode(), payload_type=DSSE_PAYLOAD_TYPE, signatures={})
    env.sign(signer)
    return env


def test_a_signed_statement_verifies_and_a_tampered_one_fails(outputs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, doc = outputs
    signer = CryptoSigner.generate_ed25519()
    env = Envelope.from_dict(json.loads(json.dumps(_envelope(doc, signer).to_dict())))  # through its JSON form
    assert signer.public_key.keyid in env.verify([signer.public_key], 1)
    assert json.loads(env.payload) == doc

    tampered = json.loads(env.payload)
    tampered["predicate"]["summary"]["total"] = 0
    forged = Envelope(json.dumps(tampered).encode(), DSSE_PAYLOAD_TYPE, env.signatures)
    with pytest.raises(VerificationError):
        forged.verify([signer.public_key], 1)
    other = CryptoSigner.generate_ed25519()
    with pytest.raises(VerificationError):
        env.verify([other.public_key], 1)  # signed, but not by the key we trust
