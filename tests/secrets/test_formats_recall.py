"""The token formats added for recall: each with a format-valid fake value, and a near miss
(wrong length, wrong alphabet, placeholder or not a private key) that must not match."""

from __future__ import annotations

import base64

import pytest

from scanner.secrets.detect import detect

BODY = bytes(range(48, 122)) * 3


def _pem(kind: str) -> str:
    block = f"-----BEGIN {kind}-----\nMIIEowIBAAKCAQEAx7".encode() + BODY + f"\n-----END {kind}-----\n".encode()
    return base64.b64encode(block).decode()


HEX32 = "3f9a8c2b7d4e1f6a5b0c9d8e7f6a5b4c"
UUID = "f43ae612-dc8a-4049-9553-4af1b0e17620"
AZ88 = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
ADO84 = "6RtqHqPc66Y6DYbkydbrrFJTYnRoA7r40ts7LWS2SkINSFsRABxhJQQJ99BFACAAAAALGcqjAAASAZDO3eqU"
GHR = "ghr_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7g"
PCSK = "pcsk_T5Afk6_5qU9s3iLVFmaSaJtMat7gTHaT9fXa7ykiBk7iz4uUMuLGLemkdutTgwJevYhqtn"
YA29 = "ya29.A0ARrdaM-PV_87ebjywDJpXKb77NBFJl16meVUapYdfNv6W6ZzCu947fNaPaRjbDbOIIcp6f49cMaX5ndK9T"
BEDROCK = (
    "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"
    + base64.b64encode(
        b"/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQ3EGQX7ZL2"
    ).decode()
)


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        (f"DEEPSEEK_API_KEY=sk-{HEX32}", "sk-hex-api-key"),
        (f'dashscope.api_key = "sk-{HEX32}{HEX32}"', "sk-hex-api-key"),
        (f'OPENROUTER_API_KEY="sk-or-v1-{HEX32}{HEX32}"', "openrouter-api-key"),
        (f'AZURE_STORAGE_KEY="{AZ88}"', "azure-storage-key"),
        (f"cosmos:\n  key: {AZ88}\n", "azure-storage-key"),
        (
            "docker login x.azurecr.io -u x -p Ljc+1lq0U0+c3jHlMHxSxAhCipKt6zU43HfMle/Ymj+ACRAKcPHy",
            "azure-container-registry-password",
        ),
        (f'azure_devops_pat = "{ADO84}"', "azure-devops-pat"),
        ('ado_pat = "iyfmob6xjrfmit67anxbot64umfx2clwx7dz5ynxi4q2z3uqegvq"', "azure-devops-pat-legacy"),
        (f'"refresh_token": "{GHR}"', "github-refresh-token-long"),
        ("GITLAB_FF=glffct-Zb8uY4tJ2nQ9wE6rT1yU", "gitlab-feature-flag-client-token"),
        ("mail: glimt-4xKq9Bz2Lm7Np3Rs8Tv1Wy5Zc", "gitlab-incoming-mail-token"),
        ("Cookie: _gitlab_session=6f3a1c9e8b2d4f7a0c5e9b1d3f8a2c6e", "gitlab-session-cookie"),
        (f"AWS_BEARER_TOKEN_BEDROCK={BEDROCK}", "aws-bedrock-short-term-api-key"),
        (f'access_token: "{YA29}"', "gcp-oauth-access-token"),
        (f"PINECONE_API_KEY={PCSK}", "pinecone-api-key"),
        (f"key: {_pem('RSA PRIVATE KEY')}", "private-key-base64"),
        (f"PRIVATE_KEY_B64={_pem('RSA PRIVATE KEY')}", "private-key-base64"),
        (f"tls.key: {_pem('PRIVATE KEY')}", "private-key-base64"),
        (f"id: {_pem('OPENSSH PRIVATE KEY')}", "private-key-base64"),
        ('{"username":"jdoe","key":"0f3a9c2b7d4e8f1a6b5c3d2e9f8a7b6c"}', "kaggle-api-key"),
        ('curl -H "Token: 8f3Kq92LmZx7Rt5Vb1Nc4Wy6" https://api.example.org', "generic-credential"),
        (f"license_key: {HEX32}a9c1NRAL", "newrelic-license-key"),
        (f"license: eu01xx{HEX32[:30]}NRAL", "newrelic-license-key"),
        (f"NEW_RELIC_LICENSE_KEY={HEX32}FFFFNRAL", "newrelic-license-key"),
        (f"admin_access:NRAA-{HEX32[:27]}", "newrelic-admin-key"),
        ('"querykey": "NRIQ-pD-yUGl9Z3ACIJ89V-zGkhMxFJE5O121",', "newrelic-insights-key"),
        ("insertKey: NRII-d-2Vf-L1w-8B9Y_--6x8-_QjA", "newrelic-insights-key"),
        (f"X-Api-Key:NRRA-{HEX32}{HEX32[:10]}", "newrelic-rest-key"),
        (f"browser: NRBR-{HEX32[:19]}", "newrelic-browser-key"),
        (f"token: AA{HEX32}{HEX32[:8]}-NRMA", "newrelic-mobile-token"),
        (f"PX_DEPLOY_KEY=px-dep-{UUID}", "newrelic-pixie-key"),
        ("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", "tavily-api-key"),
        ("DOPPLER_TOKEN=dp.ct.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi", "doppler-token"),
        ("dp.st.dev.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi", "doppler-token"),
        ('TavilyClient(api_key="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")', "tavily-api-key"),
        ('#define IO_KEY       "aio_NrZCb67VvzSaM7fr3nMXrfZ1uMPH"', "adafruit-io-key"),
    ],
)
def test_format_is_found(text: str, type_id: str) -> None:
    assert [d.type_id for d in detect(text, "f.txt")] == [type_id]


@pytest.mark.parametrize(
    "text",
    [
        'x = "sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',  # no entropy
        f"task-{HEX32}",  # `sk-` inside a word
        f"sk-{HEX32}0",  # 33 hex digits
        f"sk-or-v1-{HEX32}",  # too short for OpenRouter; `sk-or-...` is no sk-hex key either
        f'integrity "sha512-{AZ88}"  # azure',  # a subresource integrity hash
        f"checksum: {AZ88}",  # 64 bytes of base64 with no Azure word in the text
        "docker login x.azurecr.io -u x -p Ljc+1lq0U0+c3jHlMHxSxAhCipKt6zU43HfMle/Ymj+ACRAKcPH",  # 5 after ACR
        f'azure_devops_pat = "{ADO84[:-1]}"',  # 83 characters
        'name = "iyfmob6xjrfmit67anxbot64umfx2clwx7dz5ynxi4q2z3uqegvq"',  # base32 under no DevOps name
        f'"refresh_token": "{GHR[:-1]}"',
        "glffct-xxxxxxxxxxxxxxxxxxxx",
        "ya29.placeholder",
        PCSK.replace("pcsk_T5Afk6_", "pcsk_abcd_"),  # a 4-character label
        PCSK + "EXTRA",
        f"cert: {_pem('CERTIFICATE')}",
        f"pub: {_pem('PUBLIC KEY')}",
        'curl -H "Content-Type: application/json" https://api.example.org',
        'curl -H "Token: $API_TOKEN" https://api.example.org',
        "license_key: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaNRAL",  # no entropy
        f"license_key: {HEX32[:30]}FFFFNRAL",  # 38 characters
        "NRAL is the suffix of a license key",
        "new relic insights insert key = 'NRII-d-2Vf-L1w-8B9Y_--6x8-_Qj'",  # 24 after the prefix
        f"browser: NRBR-{HEX32[:18]}",
        f"mobile: AA{HEX32}{HEX32[:6]}-NRMA",
        'TAVILY_API_KEY = "tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        "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",  # 30 characters
        "dp.ct.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vG",  # 38 characters
        "dp.st.x.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",  # a 1-character config name
        "aio_NrZCb67VvzSaM7fr3nMXrfZ1uMPHx",  # 29 characters
        # not hex: a malformed key of the provider the name says
        "--set pixie.apiKey=px-api-a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4o0p5",
    ],
)
def test_near_miss_stays_quiet(text: str) -> None:
    assert detect(text, "f.txt") == []
