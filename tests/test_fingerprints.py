"""Fingerprint v2: the construction, secrets keyed by HMAC or scrypt, and equality across clones."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest

from scanner import fingerprints
from scanner.documents import Document
from scanner.findings import Hit, make_finding
from scanner.fingerprints import SecretKeys, fingerprint, fingerprint_v1, keys_from_env
from scanner.secrets.redact import redact_text
from tests.conftest import git, init_repo, rule_meta, run_cli

SECRET = "Zq8Lr2Vx9Pm4Kt7WqR3s"


def _scrypt(value: str) -> str:
    digest = hashlib.scrypt(value.encode(), salt=b"mlcomply/v2 secret fingerprint", n=2**14, r=8, p=1, dklen=32)
    return "scrypt:" + digest.hex()


def test_v2_hashes_the_version_tag_rule_path_and_identity() -> None:
    expected = hashlib.sha256(b"mlcomply/v2\0R-1\0a/b.tf\0address:x.y").hexdigest()[:32]
    assert fingerprint("R-1", "a/b.tf", "address:x.y") == expected
    v1 = hashlib.sha256(b"R-1\0a/b.tf\0address:x.y").hexdigest()[:32]
    assert fingerprint_v1("R-1", "a/b.tf", "address:x.y") == v1


def test_without_a_key_a_secret_is_keyed_with_the_documented_scrypt() -> None:
    keys = SecretKeys()
    assert keys.key(SECRET, "a.env") == _scrypt(SECRET) == SecretKeys().key(SECRET, "b.env")
    assert hashlib.sha256(SECRET.encode()).hexdigest() not in keys.key(SECRET, "a.env")
    assert keys.describe() == "scrypt(n=16384,r=8,p=1)"
    assert keys.key(SECRET[:10] + "\r" + SECRET[10:], "c.env") == _scrypt(SECRET)  # separators removed


def test_with_a_key_a_secret_is_keyed_with_hmac_sha256() -> None:
    keys = SecretKeys(hmac_key=b"k1")
    assert keys.key(SECRET, "a") == "hmac-sha256:" + hmac.new(b"k1", SECRET.encode(), "sha256").hexdigest()
    assert keys.key(SECRET, "a") != SecretKeys(hmac_key=b"k2").key(SECRET, "a")
    assert keys.describe().startswith("hmac-sha256(key id ") and "k1" not in keys.describe()
    assert keys.describe() != SecretKeys(hmac_key=b"k2").describe()
    assert "k1" not in repr(keys)


def test_each_value_is_derived_once_per_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kw: object) -> bytes:
        calls.append(password)
        return real(password, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(fingerprints.hashlib, "scrypt", counting)
    keys = SecretKeys()
    assert keys.key(SECRET, "a") == keys.key(SECRET, "b") == keys.key(SECRET, "a")
    assert len(calls) == 1


def test_past_the_scrypt_budget_secrets_are_keyed_by_order_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprints, "MAX_KDF_PER_FILE", 2)
    keys = SecretKeys()
    values = [f"{SECRET}{i}" for i in range(4)]
    got = [keys.key(v, "corpus.txt") for v in values] + [keys.key(values[3], "corpus.txt")]
    assert got[:2] == [_scrypt(values[0]), _scrypt(values[1])]
    assert got[2:] == ["order:2", "order:3", "order:3"]
    (error,) = keys.limit_errors()
    assert error.path == "corpus.txt" and error.kind == "note" and "2 are identified by their order" in error.message
    assert SECRET not in error.message
    assert SecretKeys(hmac_key=b"k").key(values[3], "corpus.txt").startswith("hmac-sha256:")  # no budget with a key


def test_the_key_comes_from_the_variable_the_config_names() -> None:
    notes: list[str] = []
    assert keys_from_env("FP_KEY", {"FP_KEY": "s3cr3t"}, notes).hmac_key == b"s3cr3t"
    assert keys_from_env(None, {"FP_KEY": "s3cr3t"}, notes).hmac_key is None
    assert notes == []
    assert keys_from_env("FP_KEY", {"FP_KEY": ""}, notes).hmac_key is None
    assert notes and "FP_KEY, which is not set or empty" in notes[0]


def test_a_secret_hit_keeps_its_value_out_of_repr_and_output() -> None:
    doc = Document(kind="text", path="a.env", data={}, text=f"TOKEN={SECRET}\n")
    hit = Hit("m", line=1, secret=SECRET)
    assert SECRET not in repr(hit)
    finding = make_finding(rule_meta(), doc, hit, SecretKeys(hmac_key=b"k"))
    key = "hmac-sha256:" + hmac.new(b"k", SECRET.encode(), "sha256").hexdigest()
    assert finding.fingerprint == fingerprint("MLC-TEST-001", "a.env", "key:" + key)
    v1_key = "key:sha256:" + hashlib.sha256(SECRET.encode()).hexdigest()
    assert finding.fingerprint_v1 == fingerprint_v1("MLC-TEST-001", "a.env", v1_key)
    assert "fingerprint_v1" not in finding.to_dict() and finding.fingerprint_v1 not in json.dumps(finding.to_dict())


def test_a_line_identity_holds_the_line_with_its_secrets_redacted() -> None:
    line = f'password = "{SECRET}"'
    doc = Document(kind="text", path="a.cfg", data={}, text=line + "\n")
    finding = make_finding(rule_meta(), doc, Hit("m", line=1))
    assert redact_text(line) != line
    assert finding.fingerprint == fingerprint("MLC-TEST-001", "a.cfg", "line:" + redact_text(line) + "\0m")
    assert finding.fingerprint_v1 == fingerprint_v1("MLC-TEST-001", "a.cfg", "line:" + line + "\0m")


FILES = {
    "deploy/.env": f"DB_PASSWORD={SECRET}\n",
    "infra/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n  acl = "public-read"\n}\n',
}


def _fingerprints(root: Path, tmp: Path, *extra: str | Path, env: dict[str, str] | None = None) -> dict:
    out = tmp / f"{root.name}-{len(list(tmp.iterdir()))}.json"
    sarif = out.with_suffix(".sarif")
    res = run_cli("scan", root, "--json-output", out, "--sarif-output", sarif, "--fail-on", "none", *extra, env=env)
    assert res.returncode == 0, res.stderr
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert all(set(r["partialFingerprints"]) == {"mlcomply/v2"} for r in results)
    return {(f["rule_id"], f["path"]): f["fingerprint"] for f in json.loads(out.read_text())["findings"]}


@pytest.mark.parametrize("key", [None, "a-team-key"])
def test_clones_and_copies_of_one_tree_give_equal_fingerprints(tmp_path: Path, key: str | None) -> None:
    origin = init_repo(tmp_path / "origin", FILES)
    git(origin, "commit", "-q", "--allow-empty", "-m", "second")
    full, shallow, copy = tmp_path / "full", tmp_path / "shallow", tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(origin), str(full))
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow))
    shutil.copytree(origin, copy, ignore=shutil.ignore_patterns(".git"))
    assert git(shallow, "rev-list", "--count", "HEAD").strip() == "1"
    outs = tmp_path / "outs"
    outs.mkdir()
    extra: tuple[str | Path, ...] = ()
    env = None
    if key is not None:
        (tmp_path / "cfg.yaml").write_text("fingerprint_key_env: TEAM_FP_KEY\n")
        extra, env = ("--config", tmp_path / "cfg.yaml"), {"TEAM_FP_KEY": key}
    runs = [_fingerprints(root, outs, *extra, env=env) for root in (origin, full, shallow, copy, origin)]
    assert ("MLC-SECRET-GENERIC-001", "deploy/.env") in runs[0]
    assert all(run == runs[0] for run in runs)
    if key is not None:  # a key gives secrets other fingerprints, and nothing else
        plain = _fingerprints(origin, outs)
        changed = {k for k in plain if plain[k] != runs[0][k]}
        assert changed == {("MLC-SECRET-GENERIC-001", "deploy/.env")}


def test_a_change_cannot_pick_the_fingerprint_key(tmp_path: Path) -> None:
    """In a diff scan the key's variable is named by the config at the merge base."""
    repo = init_repo(tmp_path / "repo", {**FILES, "cfg.yaml": "fingerprint_key_env: BASE_KEY\n"})
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "cfg.yaml").write_text("fingerprint_key_env: CHANGE_KEY\n")
    git(repo, "commit", "-qam", "pick my own key")
    env = {"BASE_KEY": "base", "CHANGE_KEY": "change"}
    outs = tmp_path / "outs"
    outs.mkdir()
    cfg = ("--config", repo / "cfg.yaml")
    diff = _fingerprints(repo, outs, *cfg, "--diff-base", "main", env=env)
    with_base_key = _fingerprints(repo, outs, "--config", _config(tmp_path, "BASE_KEY"), env=env)
    with_change_key = _fingerprints(repo, outs, *cfg, env=env)
    secret = ("MLC-SECRET-GENERIC-001", "deploy/.env")
    assert diff[secret] == with_base_key[secret] != with_change_key[secret]


def _config(tmp: Path, env_name: str) -> Path:
    path = tmp / f"{env_name}.yaml"
    path.write_text(f"fingerprint_key_env: {env_name}\n")
    return path
