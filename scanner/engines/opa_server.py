"""Rego evaluated by an OPA server (`--opa-url`), for organisations that run OPA centrally.

A `RegoBackend` like the embedded regorus one: policies are uploaded once per run under an
`mlcomply/` id prefix (so they never replace the server's own policies), then each rule is a
data API query with the document as input. Talks through opa-python-client.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from scanner.errors import FatalError

POLICY_PREFIX = "mlcomply"
DEFAULT_TIMEOUT = 30.0


class OpaServerBackend:
    def __init__(self, url: str, token: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        try:
            from opa_client import OpaClient  # imported late: only --opa-url runs need it
        except ImportError:
            raise FatalError("--opa-url needs opa-python-client: pip install 'mlcomply[opa]'") from None

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FatalError(f"--opa-url {url}: expected http://HOST:PORT or https://HOST:PORT")
        port = parts.port or (443 if parts.scheme == "https" else 8181)
        self.url = url
        self._client = OpaClient(
            host=parts.hostname, port=port, ssl=parts.scheme == "https", token=token, timeout=timeout
        )
        self._input: Any = None
        try:
            self._client.check_connection()
        except Exception as exc:  # requests' errors and the client's own ConnectionsError
            raise FatalError(f"opa server {url}: cannot connect: {exc}") from None

    def add_policy(self, path: str, text: str) -> None:
        try:
            self._client.update_policy_from_string(text, policy_id(path), rego_compat=False)
        except Exception as exc:  # the client raises RegoParseError with the server's message
            raise FatalError(f"compile policy {path} on {self.url}: {exc}") from None

    def set_input(self, value: Any) -> None:
        self._input = value

    def eval_rule(self, rule: str) -> Any:
        path = rule.removeprefix("data.")
        package, _, name = path.rpartition(".")
        try:
            answer = self._client.query_rule(self._input, package, name)
        except Exception as exc:
            raise FatalError(f"evaluate {rule} on {self.url}: {exc}") from None
        return answer.get("result") if isinstance(answer, dict) else None

    def eval_rules(self, rules: Sequence[str]) -> list[Any]:
        return [self.eval_rule(r) for r in rules]

    def close(self) -> None:
        self._client.close_connection()


def policy_id(path: str) -> str:
    """A stable policy id per file: readable tail plus a hash of the full path."""
    tail = re.sub(r"[^A-Za-z0-9_.-]+", "_", path)[-60:]
    digest = hashlib.sha256(path.encode()).hexdigest()[:12]
    return f"{POLICY_PREFIX}/{digest}-{tail}"
