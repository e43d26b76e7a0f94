"""Credential files known by name (credfiles.py): each file's credential is found whatever its
shape (a Kaggle key is 32 hex digits), and the same file with a placeholder stays quiet."""

from __future__ import annotations

import pytest

from scanner.secrets.credfiles import kind_of
from scanner.secrets.detect import detect

HEX40 = "7cc938e45e63e9014f88f811be240ba0395c02dd"
HEX32 = "0f3a9c2b7d4e8f1a6b5c3d2e9f8a7b6c"
K = "b7Qz9vX2mK4pL8wR3tY6nJ1hF5cD0sAe"


@pytest.mark.parametrize(
    ("path", "text", "secret"),
    [
        (".netrc", f"machine api.wandb.ai\n  login user\n  password {HEX40}\n", HEX40),
        ("home/_netrc", f"machine api.wandb.ai login user password {HEX40}\n", HEX40),
        ("kaggle.json", f'{{"username":"jdoe","key":"{HEX32}"}}', HEX32),
        (".kaggle/kaggle.json", f'{{\n  "username": "jdoe",\n  "key": "{HEX32}"\n}}\n', HEX32),
        (".databrickscfg", f"[DEFAULT]\nhost = https://x.cloud.databricks.com\ntoken = {HEX32}\n", HEX32),
        (".aws/credentials", f"[default]\naws_session_token = {K}\n", K),
        (".pypirc", "[pypi]\nusername = __token__\npassword = hunter2hunter2\n", "hunter2hunter2"),
        (".npmrc", f"//registry.npmjs.org/:_authToken={HEX32}\n", HEX32),
        (".git-credentials", "https://jdoe:Zq8Lr2Vx9Pm4@github.com\n", "Zq8Lr2Vx9Pm4"),
        (".streamlit/secrets.toml", f'openai_api_key = "{K}"\n', K),
        (".devcontainer/devcontainer.json", f'{{"containerEnv": {{"HF_TOKEN": "{K}"}}}}', K),
        (".devcontainer/devcontainer.json", f'{{"remoteEnv": {{"WANDB_API_KEY": "{HEX40}"}}}}', HEX40),
    ],
)
def test_credential_file_is_read(path: str, text: str, secret: str) -> None:
    assert secret in [d.secret for d in detect(text, path)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (".netrc", "machine api.wandb.ai\n  login user\n  password <your-api-key>\n"),
        (".netrc", "machine example.org login user password $NETRC_PASSWORD\n"),
        ("kaggle.json", '{"username":"jdoe","key":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}'),
        (".databrickscfg", "[DEFAULT]\nhost = https://x.cloud.databricks.com\ntoken = ${DATABRICKS_TOKEN}\n"),
        (".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"),
        # The same 32 hex digits outside a credential file, under no credential name: a digest.
        ("checksums.json", f'{{"file":"model.bin","md5":"{HEX32}"}}'),
        # The password word alone, with no `machine ... login ...` before it, outside a netrc file.
        ("notes.txt", f"password {HEX40}\n"),
    ],
)
def test_placeholder_or_other_file_stays_quiet(path: str, text: str) -> None:
    assert detect(text, path) == []


def test_a_file_named_credentials_is_aws_only_under_dot_aws() -> None:
    assert kind_of(".aws/credentials") == "AWS credentials"
    assert kind_of("src/auth/credentials") is None
    assert kind_of("deploy/.NETRC") == "netrc"


WANDB_KEY = "5e1c9a7b3d2f8e4a6c0b9d1f7e3a5c8b2d4f6a0e"  # made up, a W&B key's shape (40 hex)


@pytest.mark.parametrize(
    "path",
    ["README.md", "setup_wandb.py", "notebooks/login.ipynb.txt"],
)
def test_a_netrc_entry_written_out_anywhere_is_read(path: str) -> None:
    text = f'NETRC = """\nmachine api.wandb.ai\n  login user\n  password {WANDB_KEY}\n"""\n'
    assert [(d.type_id, d.secret) for d in detect(text, path)] == [("credential-file", WANDB_KEY)]


@pytest.mark.parametrize(
    "text",
    [
        "machine api.wandb.ai login user password $WANDB_API_KEY",
        "machine api.wandb.ai login user password <your-api-key>",
        "machine test-host\n  login user-1\n  password new-pass",  # names a password, is none
        "the machine learning login page has a password field",
    ],
)
def test_a_netrc_entry_without_a_literal_stays_quiet(text: str) -> None:
    assert detect(text + "\n", "README.md") == []
