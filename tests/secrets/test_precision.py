"""Every false-positive shape fixed for #15 and #20, each with its true-positive twin: the same
line with a real-looking literal where the name-shaped value was. Texts are minimal fixtures
written for these tests, after shapes seen in real repositories."""

from __future__ import annotations

import pytest

from scanner.secrets.detect import detect
from scanner.secrets.shapes import not_a_secret_shape

SECRET = "q8ZpR3vT6wK1mN4bX7cF"  # random-looking, no provider format

# (shape, path, false positive, true-positive twin)
TWINS = [
    ("terraform reference", "vars.yaml", "admin_password: random_password.db.result", f"admin_password: {SECRET}"),
    ("${VAR:-default}", ".env", "DB_URL=${POSTGRES_PASSWORD:-airflow}", f"POSTGRES_PASSWORD={SECRET}"),
    ("{{ template }}", "values.yaml", "password: '{{ .Values.db.password }}'", f"password: '{SECRET}'"),
    ("$(command)", "run.sh", "export API_TOKEN=$(cat /run/secrets/token)", f"export API_TOKEN={SECRET}"),
    ("%(name)s", "airflow.cfg", "password = %(DB_PASS)s", f"password = {SECRET}"),
    ("$VAR", "run.sh", "export API_TOKEN=$HF_TOKEN_FROM_CI", f"export API_TOKEN={SECRET}"),
    ("placeholder word", "config.yaml", "password: dummy-value", f"password: {SECRET}"),
    (
        "filler word + credential word",
        "issues.csv",
        '"""https://x/1""",snmp v3,auth: username: someuser password: totallysecret priv_password: someothersecret',
        f'"""https://x/1""",snmp v3,auth: username: someuser password: {SECRET}',
    ),
    ("all-caps env-var name", "values.yaml", "mlflow_password: MLFLOW_PASSWORD", f"mlflow_password: {SECRET}"),
    ("angle-bracket placeholder", "config.yaml", "password: <password>", f"password: {SECRET}"),
    ("boolean", "compose.env", 'ALLOW_EMPTY_PASSWORD: "yes"', f'DB_PASSWORD: "{SECRET}"'),
    ("path", ".env", "GOOGLE_APPLICATION_CREDENTIALS=/secret/gcp/key.json", f"GOOGLE_CREDENTIALS={SECRET}"),
    (
        "url without credentials",
        "ci.yml",
        "# bot credentials: https://api.github.com/users/bot",
        f"credentials: {SECRET}",
    ),
    ("package version", "package.json", '"parse-passwd": "^1.0.0",', f'"db-passwd": "{SECRET}",'),
    ("header-list key name", "api.json", '{"key": "Content-Type", "value": "json"}', f'{{"api_key": "{SECRET}"}}'),
    ("CircleCI cache key", "config.yml", "key: v1-deps-{{ .Branch }}-{{ checksum }}", f"api_key: {SECRET}"),
    (
        "terraform log line",
        "plan.log",
        "google_secret_manager_secret.secret: Refreshing state... [id=x]",
        f"secret: {SECRET}",
    ),
    ("(sensitive value)", "plan.log", "  + password = (sensitive value)", f"  + password = {SECRET}"),
    ("header-name constant", "consts.py", 'AUTH_HEADER_KEY = "X-Api-Key"', f'AUTH_HEADER_KEY = "{SECRET}"'),
    (
        "header constant (Go)",
        "c.go",
        'const proxyAuthHeaderKey = "Proxy-Authorization"',
        f'const proxyKey = "{SECRET}"',
    ),
    ("env-var-name constant", "c.go", 'azurePassword = "AZURE_PASSWORD"', f'azurePassword = "{SECRET}"'),
    (
        "credential class name",
        "c.go",
        'const credNameSecret = "ClientSecretCredential"',
        f'const credSecret = "{SECRET}"',
    ),
    ("camelCase identifier", "c.go", 'oauth2TokenSourceKey = "oauth2TokenSourceKey"', f'oauth2TokenKey = "{SECRET}"'),
    ("state-dict key", "lora.py", 'a_key = ".lora_A.weight"', f'a_key = "{SECRET}"'),
    ("format string", "lora.py", 'down_key = "{}.lora_down.weight".format(name)', f'down_key = "{SECRET}"'),
    ("concatenation", "run.go", 'runKey := "run-2024-abc" + runID', f'runKey := "{SECRET}"'),
    ("concatenation inside a string", "x.go", 'env = append(env, "PWD="+cmd.Dir, "X=1")', f'pwd := "{SECRET}"'),
    ("dotted config key (Rust)", "tpu.rs", 'key: "tpu.runtime.hbm.memory.usage.bytes",', f'key: "{SECRET}",'),
    ("acronym in a metric name", "tpu.rs", 'key: "tpu.collectiveE2ELatency",', f'key: "{SECRET}",'),
    ("format-field key", "tpu.rs", 'key: "tpu.{}.tensorcoreUtilization",', f'key: "{SECRET}",'),
    (
        "model id argument",
        "t.py",
        'helper._prepare_url("hf_token", "Qwen/Qwen2.5-7B-Instruct")',
        f'login(token="{SECRET}")',
    ),
    (
        "protobuf struct tag",
        "m.go",
        'F map[string]bool `protobuf_key:"bytes,1,opt,name=key,proto3"`',
        f'F = `api_key:"{SECRET}"`',
    ),
    ("bare `pass` word", "f.py", "_bands = {'pass': 'bandpass'}", f"db_pass = '{SECRET}'"),
    (
        "code after Authorization:",
        "p.go",
        'Authorization: request.Header.Get("Authorization"),',
        f'"Authorization": "Bearer {SECRET}",',
    ),
    (
        "longer name ending in Authorization",
        "m.go",
        "CopySourceAuthorization: o.CopySourceAuthorization,",
        f'"Authorization": "Bearer {SECRET}",',
    ),
    (
        "AWS SigV4 scheme",
        "s.json",
        '"authorization": "AWS4-HMAC-SHA256 Credential=AKID/2025/us-east-1"',
        f'"authorization": "Bearer {SECRET}"',
    ),
    (
        "pip install --user",
        "setup.sh",
        "pip install --user git+https://github.com/acme/lib.git",
        f"curl -u admin:{SECRET} https://x",
    ),
    ("self-naming value", "ci.yml", "MYSQL_ROOT_PASSWORD: mandatory-password", f"MYSQL_ROOT_PASSWORD: {SECRET}"),
    ("value opening with =", "notes.txt", f"acme key = '={SECRET}'", f"acme key = '{SECRET}'"),
    ("value opening with ?", "notes.txt", f"api_key: '?{SECRET}'", f"api_key: '{SECRET}'"),
    ("read stopped in bracketed text", "run.log", f"API_KEY={SECRET[:9]}[x$]{SECRET[9:]}", f"API_KEY={SECRET}"),
    ("scheme with no token after it", "config.yaml", 'auth_token: "Bearer "', f'auth_token: "Bearer {SECRET}"'),
    ("Using a name that is no key", "run.log", f"[DEBUG] Using model={SECRET}", f"[DEBUG] Using Key={SECRET}"),
    ("Using a key that is a name", "run.log", "[DEBUG] Using Key=config_file_path_v2", f"[DEBUG] Using Key={SECRET}"),
    (
        "secretKeyRef key name",
        "job.yaml",
        "secretKeyRef: {name: s3, key: AWS_SECRET_ACCESS_KEY_ID}",
        f"aws_secret_access_key: {SECRET}",
    ),
    # A diagram export's schema lists blocks as `{"key": <random id>, "value": {...}}` pairs.
    (
        "key/value pair key (JSON)",
        "diagram.json",
        f'{{"blocks": [{{"key": "{SECRET}", "value": {{"mode": "list"}}}}]}}',
        f'{{"blocks": [{{"key": "{SECRET}", "mode": "list"}}]}}',
    ),
    ("key/value pair key (YAML)", "tags.yaml", f"- Key: {SECRET}\n  Value: prod", f"- Key: {SECRET}\n  Owner: prod"),
]


@pytest.mark.parametrize(("shape", "path", "wrong", "right"), TWINS, ids=[t[0] for t in TWINS])
def test_false_positive_shape_and_its_twin(shape: str, path: str, wrong: str, right: str) -> None:
    assert [d.type_id for d in detect(wrong + "\n", path)] == [], shape
    found = detect(right + "\n", path)
    assert [d.secret for d in found] == [SECRET], shape


K8S_ENV = """\
env:
  - name: GOOGLE_APPLICATION_CREDENTIALS
    value: /secret/gcp/key.json
  - name: ALLOW_EMPTY_PASSWORD
    value: "yes"
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: {name: db, key: password}
  - name: API_TOKEN
    value: q8ZpR3vT6wK1mN4bX7cF
  - name: GF_SECURITY_ADMIN_PASSWORD
    value: admin
"""


def test_kubernetes_env_items_paths_booleans_and_value_from_are_never_secrets() -> None:
    found = detect(K8S_ENV, "deploy/job.yaml")
    # a factory-default password set in a deployable env item is a live credential
    assert [(d.line, d.secret) for d in found] == [(10, SECRET), (12, "admin")]


def test_hub_verify_token_is_public_but_a_jwt_elsewhere_is_not() -> None:
    jwt = (
        "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJoYXNoIjoiMWJkNjE4YjljYjdmZjA2ZjlkYTYxNTY4"
        "Y2IyZTYzNzEiLCJleHAiOjE3MDAwMDAwMDB9.3vRkP9qLmN2xT8wYcB5hJdF6gS1aZ0eU4iO7pK3nMbVcXr"
    )
    assert detect(f'      verifyToken: "{jwt}"\n', "README.md") == []
    assert [d.type_id for d in detect(f'      accessToken: "{jwt}"\n', "README.md")] == ["jwt"]


def test_primary_and_secondary_keys_are_treated_alike() -> None:
    for name in ("primary_key", "secondary_key"):
        assert detect(f'{name} = "user_id"\n', "models.py") == []
        assert [d.secret for d in detect(f'{name} = "{SECRET}"\n', "azure.py")] == [SECRET]


@pytest.mark.parametrize(
    ("value", "strength", "reason"),
    [
        ("true", "password", "boolean"),
        ("^1.0.0", "password", "version"),
        ("https://mlflow.internal", "strong", "url"),
        ("/secret/gcp/key.json", "password", "path"),
        ("AZURE_CLIENT_SECRET", "password", "env-var name"),
        ("X-Amz-Security-Token", "weak", "header name"),
        ("random_password.db.result", "password", "reference"),
        ("UsernamePasswordCredential", "password", "credential name"),
        ("lora_A.weight", "weak", "identifier"),
        ("correct-horse-battery", "password", None),  # a passphrase is a password
        ("12345678-ABCD-ABCD-ABCD-1234567890AB", "strong", None),  # a UUID-shaped provider key
        (SECRET, "weak", None),
    ],
)
def test_shape_reasons(value: str, strength: str, reason: str | None) -> None:
    assert not_a_secret_shape(value, strength) == reason


def test_token_prefix_inside_a_base64_blob_is_not_a_token() -> None:
    """An inline PNG's base64 can spell a provider prefix mid-run; the same token standing alone
    (or after a separator) is still found."""
    token = "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"
    blob = "iVBORw0KGgoAAAANSUhEUgAAAoAAAAYACAIAAABpUG6AAAABWZkRUNSJJPjAOWrYpkAADGrY2FCWAAAMatqdW1i"
    assert detect(f'{{"image": "{blob}{token}{blob}"}}\n', "response.txt") == []
    assert [d.secret for d in detect(f'{{"image": "{blob}", "token": "{token}"}}\n', "response.txt")] == [token]
