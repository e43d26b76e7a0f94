"""Token formats and generic detection, table-driven; every value is fake but format-valid."""

from __future__ import annotations

import pytest

from scanner.secrets.checksums import github_checksum_ok, github_token
from scanner.secrets.detect import detect
from scanner.secrets.tokens import FORMATS

GH = github_token("ghp_", "FakeTokenForTests0123456789abc")


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        ("key: AKIAZ2QXJ7PQRS5TUVWX", "aws-access-key-id"),
        ("aws_secret_access_key = Zx9+Qw8/Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm", "aws-secret-access-key"),
        (f"token={GH}", "github-pat"),
        ("HF_TOKEN=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", "huggingface-token"),
        (
            "url: https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/Qw3rTy6UiOp9AsDfGhJkLzXc",
            "slack-webhook",
        ),
        ('key = "r8_Qw3rTy6UiOp9AsDfGhJkLzXcVbNmQw3rTy6Ui"', "replicate-api-token"),
        ("DATABRICKS_TOKEN=dapi0123456789abcdef0123456789abcdef", "databricks-token"),
        ("psql postgresql://ml:Zq8Lr2Vx9Pm4@db:5432/feat", "uri-password"),
        ('password = "Tr0ub4dor&3xyz"', "generic-credential"),
        ("curl -u admin:Zq8Lr2Vx9Pm4 https://x", "curl-credentials"),
        (
            '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n'
            + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAC4AWkdwKYSd8" * 2
            + '\\n-----END PRIVATE KEY-----\\n"}',
            "gcp-service-account-key",
        ),
        (
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z"
            "&sig=Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234Qw3rTy6UiOp%3D",
            "azure-sas-token",
        ),
        ("conn = snowflake://ml_user:Zq8Lr2Vx9Pm4@acme-xy12345/db", "uri-password"),
        (
            "SENDGRID=SG.Qw3rTy6UiOp9AsDfGhJkLz.Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234Qw3rTy6UiOp",
            "sendgrid-api-key",
        ),
        ("//registry.npmjs.org/:_authToken=npm_Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234Qw3r", "npm-token"),
        ("docker login -p dckr_pat_Qw3rTy6UiOp9AsDfGhJkLzXcVbN", "dockerhub-token"),
        ("OPENAI_API_KEY=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", "openai-api-key"),
        ("cohere_key = 'Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234Qw3rTy6U'", "cohere-api-key"),
        ("glptt-0123456789abcdef0123456789abcdef01234567", "gitlab-pipeline-trigger-token"),
        ("BUNDLE_GEMS__CONTRIBSYS__COM=cafebabe:deadbeef", "bundler-credentials"),
    ],
)
def test_detects(text: str, type_id: str) -> None:
    assert [d.type_id for d in detect(text, "f.txt")] == [type_id]


@pytest.mark.parametrize(
    "text",
    [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",  # AWS's documented example
        "token=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        f"token={GH[:-1]}{'A' if GH[-1] != 'A' else 'B'}",  # checksum does not match
        'password = "${DB_PASSWORD}"',
        "password: '{{ .Values.password }}'",
        "token: ${{ secrets.HF_TOKEN }}",
        'api_key = os.environ["API_KEY"]',
        'secret = "<your-secret>"',
        "commit_sha = 9a038989604e8da62ecddbe2094b16ce1b778be1",
        "client_id = 0736f5ef-7e88-499a-80cc-90c85d2a5180",
        "image: repo/app@sha256:0b5bd9a8c8a1e3d5f0b3d1c6d2b0a9e8f7c6b5a4d3c2b1a0f9e8d7c6b5a4d3c2",
        'pad_token = "<pad>"',
        "primary_key = Zq8Lr2Vx9Pm4Kt7Wn3Hs6Jd1",
        "logo = data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC"
        "hwGA60e6kgAAAABJRU5ErkJggg==",
    ],
)
def test_ignores(text: str) -> None:
    assert detect(text, "f.py") == []


def test_lines_are_one_based_and_multiline_keys_span() -> None:
    body = "\n".join(["MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAC4AWkdwKYSd8"] * 3)
    text = f"a\n-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
    (d,) = detect(text, "k.pem")
    assert (d.type_id, d.line, d.end_line) == ("private-key", 2, 6)


def test_at_least_forty_formats_with_unique_ids() -> None:
    ids = [f.id for f in FORMATS]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)


def test_github_checksum_round_trip() -> None:
    assert github_checksum_ok(GH)
    assert not github_checksum_ok(GH[:10] + ("b" if GH[10] != "b" else "c") + GH[11:])


def test_unlabelled_aws_secret_next_to_key_id() -> None:
    """The credentials CSV the AWS console offers for download has no labels, only the pair."""
    text = "Access key ID,Secret access key\nAKIAZ2QXJ7PQRS5TUVWX,Zx9+Qw8/Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm\n"
    assert [(d.type_id, d.line) for d in detect(text, "credentials.csv")] == [
        ("aws-access-key-id", 2),
        ("aws-secret-access-key", 2),
    ]


def test_same_40_chars_without_a_key_id_is_not_reported() -> None:
    assert detect("checksum,Zx9+Qw8/Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm\n", "data.csv") == []
