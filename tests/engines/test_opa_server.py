"""Rego on an OPA server (scanner/engines/opa_server.py): the same findings as the embedded engine."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from scanner.engines.opa_server import OpaServerBackend, policy_id
from scanner.errors import FatalError
from tests.conftest import REPO_ROOT, run_cli

OPA = shutil.which("opa")
FIXTURE = REPO_ROOT / "tests" / "fixtures" / "terraform" / "ml_platform"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:8181", "127.0.0.1:8181", "http://"])
def test_bad_url_is_fatal(url: str) -> None:
    with pytest.raises(FatalError, match="--opa-url"):
        OpaServerBackend(url)


def test_unreachable_server_is_fatal() -> None:
    with pytest.raises(FatalError, match="cannot connect"):
        OpaServerBackend(f"http://127.0.0.1:{_free_port()}", timeout=1.0)


def test_policy_ids_are_namespaced_and_distinct() -> None:
    a, b = policy_id("/x/rego/aws/s3/encryption.rego"), policy_id("/y/rego/aws/s3/encryption.rego")
    assert a.startswith("mlcomply/") and b.startswith("mlcomply/") and a != b


@pytest.fixture
def opa_server() -> Iterator[str]:
    assert OPA is not None
    port = _free_port()
    proc = subprocess.Popen(
        [OPA, "run", "--server", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.skipif(OPA is None, reason="opa binary not on PATH")
def test_opa_server_gives_the_embedded_engine_findings(opa_server: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    outputs = {}
    for name, extra in (("embedded", []), ("opa", ["--opa-url", opa_server])):
        out = tmp_path / f"{name}.json"
        proc = run_cli("scan", root, "--json-output", out, "-q", *extra, cwd=root)
        assert proc.returncode == 1, proc.stderr
        outputs[name] = {(f["rule_id"], f["address"]) for f in json.loads(out.read_text())["findings"]}
    assert outputs["opa"] == outputs["embedded"]
    assert outputs["opa"]


class _RegorusOpa(http.server.BaseHTTPRequestHandler):
    """The three routes of OPA's REST API the backend uses, answered by regorus: checks the
    client's requests and the answers' shape where no opa binary is installed."""

    policies: ClassVar[dict[str, str]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, code: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def do_GET(self) -> None:
        self._reply(200, {"result": []} if self.path == "/v1/policies/" else {})

    def do_PUT(self) -> None:
        self.policies[self.path.removeprefix("/v1/policies/")] = self._body().decode()
        self._reply(200, {})

    def do_POST(self) -> None:
        import regorus

        engine = regorus.Engine()
        for pid, text in self.policies.items():
            engine.add_policy(pid, text)
        engine.set_input_json(json.dumps(json.loads(self._body())["input"]))
        rule = "data." + self.path.removeprefix("/v1/data/").replace("/", ".")
        out = engine.eval_rule_as_json(rule)
        self._reply(200, {} if out is None else {"result": json.loads(out)})


@pytest.fixture
def regorus_opa() -> Iterator[str]:
    _RegorusOpa.policies = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RegorusOpa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_backend_speaks_the_opa_rest_api(regorus_opa: str) -> None:
    from scanner.rulesets import load_ruleset
    from scanner.scan import scan

    root = FIXTURE
    embedded = scan([root], load_ruleset())
    remote = scan([root], load_ruleset(rego_backend=OpaServerBackend(regorus_opa)))
    assert all(pid.startswith("mlcomply/") for pid in _RegorusOpa.policies)
    assert {(f.rule_id, f.address) for f in remote.findings} == {(f.rule_id, f.address) for f in embedded.findings}
    assert remote.findings
