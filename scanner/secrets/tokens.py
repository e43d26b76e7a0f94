"""The token formats we recognise, written from each provider's documented format.

One row per token type: the provider family (which rule reports it), a pattern whose `s` group
(or whole match) is the secret, lowercase keywords (the pattern only runs on text containing one
of them; a cheap prefilter) and the minimum entropy of the random part, which drops `xxxx`-style
placeholders. Fixed prefixes are excluded from the entropy via `fixed`.
"""

from __future__ import annotations

import base64
import binascii
import re

from scanner.secrets import finders
from scanner.secrets.checksums import github_checksum_ok
from scanner.secrets.entropy import has_classes
from scanner.secrets.prefixed import PREFIXED
from scanner.secrets.tokenformat import RD, L, R, T, TokenFormat

# `name = value`, `name: value`, `"name": "value"`, `NAME := value`, `name => value`, `env["NAME"] = value`.
ASSIGN = r"""["']?\]?\s*(?:=>|:{0,3}=|\?=|:|,)\s*["'`]?"""


def _mixed_case(secret: str) -> bool:
    return has_classes(secret, 2)


def _pem_private_key(secret: str) -> bool:
    """The decoded header line is a private key's (`-----BEGIN RSA PRIVATE KEY-----`)."""
    try:
        header = base64.b64decode(secret[:64], validate=True)
    except (binascii.Error, ValueError):
        return False
    return re.match(rb"-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----", header) is not None


def _has_digit_and_letter(secret: str) -> bool:
    body = secret[3:]
    return any(c.isdigit() for c in body) and any(c.isalpha() for c in body)


_CORE_FORMATS: tuple[TokenFormat, ...] = (
    # --- AWS: access key ids are 20 chars, a 4-letter type prefix and base32 (A-Z, 2-7).
    T(
        "aws-access-key-id",
        "AWS access key ID",
        "aws",
        L + r"(?P<s>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})" + R,
        ("akia", "asia", "abia", "acca", "a3t"),
        2.5,
        4,
    ),
    T(
        "aws-secret-access-key",
        "AWS secret access key",
        "aws",
        r"(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)"
        + ASSIGN
        + r"(?P<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        ("aws_secret", "awssecret", "secret_access", "secretaccess", "secret-access"),
        3.5,
    ),
    T(
        "aws-bedrock-api-key",
        "Amazon Bedrock long-term API key",
        "aws",
        # base64 of "BedrockAPIKey-" followed by the key id and secret
        L + r"(?P<s>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{100,160}={0,2})(?![A-Za-z0-9+/=])",
        ("absk",),
        3.0,
        22,
    ),
    T(
        "aws-bedrock-short-term-api-key",
        "Amazon Bedrock short-term API key",
        "aws",
        # `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com/?Action=CallWithBearerToken...` URL
        L + r"(?P<s>bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,4000}={0,2})(?![A-Za-z0-9+/=])",
        ("bedrock-api-key-",),
        3.0,
        44,
    ),
    # --- Google Cloud
    T("gcp-api-key", "Google API key", "gcp", L + r"(?P<s>AIza[0-9A-Za-z_-]{35})" + RD, ("aiza",), 3.0, 4),
    T(
        "gcp-oauth-client-secret",
        "Google OAuth client secret",
        "gcp",
        L + r"(?P<s>GOCSPX-[A-Za-z0-9_-]{28})" + RD,
        ("gocspx",),
        3.0,
        7,
    ),
    T(
        "gcp-oauth-access-token",
        "Google OAuth access token",
        "gcp",
        L + r"(?P<s>ya29\.[A-Za-z0-9_-]{30,2000})" + RD,
        ("ya29.",),
        3.5,
        5,
    ),
    T(
        "gcp-service-account-key",
        "Google Cloud service account private key",
        "gcp",
        r'"private_key"\s*:\s*"(?P<s>-----BEGIN PRIVATE KEY-----[^"]{64,8000}?'
        r'-----END PRIVATE KEY-----(?:\\n)?)"',
        ("service_account",),
        3.0,
        27,
    ),
    # --- Azure
    T(
        "azure-storage-account-key",
        "Azure storage account key",
        "azure",
        r"(?i:AccountKey)\s*=\s*(?P<s>[A-Za-z0-9+/]{86}==)",
        ("accountkey",),
        4.0,
    ),
    T(
        "azure-shared-access-key",
        "Azure Service Bus / Event Hubs / IoT shared access key",
        "azure",
        r"(?i:SharedAccessKey)\s*=\s*(?P<s>[A-Za-z0-9+/]{42,43}=)",
        ("sharedaccesskey",),
        4.0,
    ),
    T(
        "azure-sas-token",
        "Azure shared access signature",
        "azure",
        r"[?&;]sv=\d{4}-\d\d-\d\d&[^\s\"'<>]{0,400}?sig=(?P<s>[A-Za-z0-9%+/]{40,200}(?:%3[dD]|=){0,2})",
        ("sig=",),
        3.5,
        anchor="sv=",
        back=1,
        fwd=700,
        offset=1,
    ),
    T(
        "azure-ad-client-secret",
        "Microsoft Entra ID (Azure AD) client secret",
        "azure",
        r"(?<![A-Za-z0-9_~.-])(?P<s>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])",
        ("q~",),
        3.0,
        anchor="Q~",
        back=4,
        fwd=36,
        offset=4,
    ),
    T(
        "azure-storage-key",
        "Azure storage / Cosmos DB account key",
        "azure",
        # 64 random bytes in base64 (88 characters ending `==`), outside an `AccountKey=` string:
        # only in a text that names Azure storage or Cosmos DB, and never as an integrity hash.
        r"(?<![A-Za-z0-9+/=-])(?P<s>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        ("azure", "accountkey", "account_key", "account-key", "storagekey", "storage_key", "cosmos", "azurite"),
        4.5,
        anchor="==",
        offset=86,
        fwd=1,
    ),
    T(
        "azure-container-registry-password",
        "Azure Container Registry password",
        "azure",
        r"(?<![A-Za-z0-9+/])(?P<s>[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6})(?![A-Za-z0-9+/])",
        ("+acr",),
        3.5,
        anchor="+ACR",
        offset=42,
        fwd=7,
    ),
    T(
        "azure-devops-pat",
        "Azure DevOps personal access token",
        "azure",
        # 84 characters with `AZDO` at a fixed place.
        r"(?<![A-Za-z0-9])(?P<s>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])",
        ("azdo",),
        3.5,
        anchor="AZDO",
        offset=76,
        fwd=5,
    ),
    T(
        "azure-devops-pat-legacy",
        "Azure DevOps personal access token (legacy)",
        "azure",
        # 52 characters of lowercase base32: recognised only under a DevOps name.
        r"(?i:\bado|azdo|vsts|azure_?devops|devops)[\w.-]{0,20}" + ASSIGN + r"(?P<s>[a-z2-7]{52})(?![A-Za-z0-9])",
        ("ado", "azdo", "vsts", "devops"),
        3.5,
        finder=finders.devops_names,
    ),
    # --- GitHub: prefix + 30 base62 + 6-char CRC32 checksum; fine-grained PATs are longer.
    *(
        T(
            f"github-{kind}",
            f"GitHub {label}",
            "github",
            L + rf"(?P<s>{prefix}_[A-Za-z0-9]{{36}})" + R,
            (prefix + "_",),
            3.0,
            4,
            github_checksum_ok,
        )
        for kind, label, prefix in (
            ("pat", "personal access token (classic)", "ghp"),
            ("oauth", "OAuth access token", "gho"),
            ("user-to-server", "App user-to-server token", "ghu"),
            ("server-to-server", "App installation token", "ghs"),
            ("refresh", "App refresh token", "ghr"),
        )
    ),
    T(
        "github-refresh-token-long",
        "GitHub App refresh token",
        "github",
        L + r"(?P<s>ghr_[A-Za-z0-9]{76})" + R,
        ("ghr_",),
        3.5,
        4,
    ),
    T(
        "github-fine-grained-pat",
        "GitHub fine-grained personal access token",
        "github",
        L + r"(?P<s>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + R,
        ("github_pat_",),
        3.0,
        11,
    ),
    # --- GitLab: documented token prefixes
    T(
        "gitlab-pat",
        "GitLab personal access token",
        "gitlab",
        L + r"(?P<s>glpat-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}|[A-Za-z0-9_-]{20}))" + r"(?![A-Za-z0-9_.-])",
        ("glpat-",),
        3.0,
        6,
    ),
    T(
        "gitlab-runner-token",
        "GitLab runner authentication token",
        "gitlab",
        L
        + r"(?P<s>glrt-(?:t\d_[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}|[A-Za-z0-9_-]{20}))"
        + r"(?![A-Za-z0-9_.-])",
        ("glrt-",),
        3.0,
        5,
    ),
    T(
        "gitlab-pipeline-trigger-token",
        "GitLab pipeline trigger token",
        "gitlab",
        L + r"(?P<s>glptt-[0-9a-f]{40})" + R,
        ("glptt-",),
        3.0,
        6,
    ),
    T(
        "gitlab-runner-registration-token",
        "GitLab runner registration token",
        "gitlab",
        L + r"(?P<s>GR1348941[A-Za-z0-9_-]{20})" + RD,
        ("gr1348941",),
        3.0,
        9,
    ),
    T(
        "gitlab-deploy-token",
        "GitLab deploy token",
        "gitlab",
        L + r"(?P<s>gldt-[A-Za-z0-9_-]{20})" + RD,
        ("gldt-",),
        3.0,
        5,
    ),
    T(
        "gitlab-oauth-app-secret",
        "GitLab OAuth application secret",
        "gitlab",
        L + r"(?P<s>gloas-[A-Za-z0-9_-]{64})" + RD,
        ("gloas-",),
        3.0,
        6,
    ),
    T(
        "gitlab-feed-token",
        "GitLab feed token",
        "gitlab",
        L + r"(?P<s>glft-[A-Za-z0-9_-]{20})" + RD,
        ("glft-",),
        3.0,
        5,
    ),
    T(
        "gitlab-scim-token",
        "GitLab SCIM OAuth token",
        "gitlab",
        L + r"(?P<s>glsoat-[A-Za-z0-9_-]{20})" + RD,
        ("glsoat-",),
        3.0,
        7,
    ),
    T(
        "gitlab-ci-job-token",
        "GitLab CI/CD job token",
        "gitlab",
        L + r"(?P<s>glcbt-[0-9a-zA-Z]{1,5}_[A-Za-z0-9_-]{20})" + RD,
        ("glcbt-",),
        3.0,
        6,
    ),
    T(
        "gitlab-agent-token",
        "GitLab agent for Kubernetes token",
        "gitlab",
        L + r"(?P<s>glagent-[A-Za-z0-9_-]{50})" + RD,
        ("glagent-",),
        3.0,
        8,
    ),
    T(
        "gitlab-feature-flag-client-token",
        "GitLab feature flags client token",
        "gitlab",
        L + r"(?P<s>glffct-[A-Za-z0-9_-]{20})" + RD,
        ("glffct-",),
        3.0,
        7,
    ),
    T(
        "gitlab-incoming-mail-token",
        "GitLab incoming mail token",
        "gitlab",
        L + r"(?P<s>glimt-[A-Za-z0-9_-]{25})" + RD,
        ("glimt-",),
        3.0,
        6,
    ),
    T(
        "gitlab-session-cookie",
        "GitLab session cookie",
        "gitlab",
        r"_gitlab_session=(?P<s>[0-9a-z]{32})(?![0-9a-z])",
        ("_gitlab_session=",),
        3.0,
    ),
    # --- Slack: xox[b|p|a|s|o|e] tokens, app-level tokens, webhooks
    T(
        "slack-bot-token",
        "Slack bot token",
        "slack",
        L + r"(?P<s>xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24,34})" + R,
        ("xoxb-",),
        3.0,
        5,
    ),
    T(
        "slack-legacy-bot-token",
        "Slack legacy bot token",
        "slack",
        L + r"(?P<s>xoxb-\d{8,14}-[A-Za-z0-9]{18,26})" + R,
        ("xoxb-",),
        3.0,
        5,
    ),
    T(
        "slack-user-token",
        "Slack user token",
        "slack",
        L + r"(?P<s>xox[pe](?:-\d{9,14}){3}-[a-fA-F0-9]{28,34})" + R,
        ("xoxp-", "xoxe-"),
        3.0,
        5,
    ),
    T(
        "slack-app-token",
        "Slack app-level token",
        "slack",
        L + r"(?P<s>xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{60,70})" + R,
        ("xapp-",),
        3.0,
        5,
    ),
    T(
        "slack-config-access-token",
        "Slack configuration access token",
        "slack",
        L + r"(?P<s>xoxe\.xox[bp]-\d-[A-Za-z0-9]{160,170})" + R,
        ("xoxe.",),
        3.0,
        12,
    ),
    T(
        "slack-config-refresh-token",
        "Slack configuration refresh token",
        "slack",
        L + r"(?P<s>xoxe-\d-[A-Za-z0-9]{140,150})" + R,
        ("xoxe-",),
        3.0,
        7,
    ),
    T(
        "slack-legacy-token",
        "Slack legacy workspace/user token",
        "slack",
        L + r"(?P<s>xox[aors]-(?:\d+-){3,4}[a-fA-F0-9]{10,64})" + R,
        ("xoxa-", "xoxo-", "xoxr-", "xoxs-"),
        2.5,
        5,
    ),
    T(
        "slack-webhook",
        "Slack incoming webhook URL",
        "slack",
        r"(?<![\w/.:-])(?P<s>(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[A-Z][A-Z0-9]{6,12}/(?:\d{10,20}/)?[A-Za-z0-9]{20,32})"
        + R,
        ("hooks.slack.com",),
        3.0,
        30,
        anchor="hooks.slack.com",
        back=8,
    ),
    # --- Hugging Face: "hf_" / "api_org_" + 34 ASCII letters
    T(
        "huggingface-token",
        "Hugging Face user access token",
        "huggingface",
        L + r"(?P<s>hf_[A-Za-z]{34})" + R,
        ("hf_",),
        3.5,
        3,
        _mixed_case,
    ),
    T(
        "huggingface-org-token",
        "Hugging Face organization API token",
        "huggingface",
        L + r"(?P<s>api_org_[A-Za-z]{34})" + R,
        ("api_org_",),
        3.5,
        8,
        _mixed_case,
    ),
    # --- OpenAI: keys carry "T3BlbkFJ" (base64 of "OpenAI") in the middle
    T(
        "openai-api-key",
        "OpenAI API key (user)",
        "openai",
        L + r"(?P<s>sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})" + R,
        ("t3blbkfj",),
        3.0,
        3,
    ),
    *(
        T(
            f"openai-{kind}-key",
            f"OpenAI {label} key",
            "openai",
            L + rf"(?P<s>sk-{kind}-[A-Za-z0-9_-]{{20,200}}T3BlbkFJ[A-Za-z0-9_-]{{20,200}})" + RD,
            ("t3blbkfj",),
            3.0,
            4 + len(kind),
        )
        for kind, label in (
            ("proj", "project API"),
            ("svcacct", "service account"),
            ("service", "service account (legacy)"),
            ("admin", "admin"),
        )
    ),
    # --- Anthropic: "sk-ant-api03-" / "sk-ant-admin01-" + 93 chars + "AA"
    T(
        "anthropic-api-key",
        "Anthropic API key",
        "anthropic",
        L + r"(?P<s>sk-ant-api03-[A-Za-z0-9_-]{93}AA)" + RD,
        ("sk-ant-",),
        3.0,
        13,
    ),
    T(
        "anthropic-admin-key",
        "Anthropic Admin API key",
        "anthropic",
        L + r"(?P<s>sk-ant-admin01-[A-Za-z0-9_-]{93}AA)" + RD,
        ("sk-ant-",),
        3.0,
        15,
    ),
    # --- ML platforms
    T(
        "cohere-api-key",
        "Cohere API key",
        "aiplatform",
        r"(?i:cohere|\bco_api_key)[\w.-]{0,25}" + ASSIGN + r"(?P<s>[A-Za-z0-9]{40})(?![A-Za-z0-9])",
        ("cohere", "co_api_key"),
        3.5,
    ),
    T(
        "replicate-api-token",
        "Replicate API token",
        "aiplatform",
        L + r"(?P<s>r8_[A-Za-z0-9]{37})" + R,
        ("r8_",),
        3.0,
        3,
    ),
    T(
        "pinecone-api-key",
        "Pinecone API key",
        "aiplatform",
        L + r"(?P<s>pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63})" + R,
        ("pcsk_",),
        3.5,
        5,
    ),
    T(
        "openrouter-api-key",
        "OpenRouter API key",
        "aiplatform",
        L + r"(?P<s>sk-or-v1-[0-9a-f]{64})" + R,
        ("sk-or-v1-",),
        3.0,
        9,
    ),
    T(
        "sk-hex-api-key",
        "DeepSeek / DashScope (Alibaba Model Studio) API key",
        "aiplatform",
        # `sk-` and 32 or 64 lowercase hex digits, the whole token (never part of a longer word).
        L + r"(?P<s>sk-(?:[0-9a-f]{64}|[0-9a-f]{32}))" + R,
        ("sk-",),
        3.0,
        3,
        _has_digit_and_letter,
    ),
    T(
        "wandb-api-key",
        "Weights & Biases API key",
        "aiplatform",
        r"(?i:wandb)[\w.-]{0,25}(?:\(\s*key\s*=\s*[\"']?|" + ASSIGN + r")(?P<s>[0-9a-f]{40})(?![0-9a-fA-F])",
        ("wandb",),
        3.0,
    ),
    T(
        "databricks-token",
        "Databricks personal access token",
        "aiplatform",
        L + r"(?P<s>dapi[0-9a-f]{32}(?:-\d)?)" + R,
        ("dapi",),
        3.0,
        4,
    ),
    T(
        "kaggle-api-key",
        "Kaggle API key (kaggle.json)",
        "aiplatform",
        r'"username"\s*:\s*"[^"\n]{1,100}"\s*,\s*"key"\s*:\s*"(?P<s>[0-9a-f]{32})"',
        ('"username"',),
        3.0,
    ),
    T("groq-api-key", "Groq API key", "aiplatform", L + r"(?P<s>gsk_[A-Za-z0-9]{52})" + R, ("gsk_",), 3.0, 4),
    T(
        "perplexity-api-key",
        "Perplexity API key",
        "aiplatform",
        L + r"(?P<s>pplx-[A-Za-z0-9]{48})" + R,
        ("pplx-",),
        3.0,
        5,
    ),
    T(
        "langsmith-api-key",
        "LangSmith API key",
        "aiplatform",
        L + r"(?P<s>lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})" + R,
        ("lsv2_",),
        3.0,
        8,
    ),
    T(
        "nvidia-api-key",
        "NVIDIA API catalog key",
        "aiplatform",
        L + r"(?P<s>nvapi-[A-Za-z0-9_-]{64})" + RD,
        ("nvapi-",),
        3.0,
        6,
    ),
    # --- package registries
    T("npm-token", "npm access token", "registry", L + r"(?P<s>npm_[A-Za-z0-9]{36})" + R, ("npm_",), 3.0, 4),
    T(
        "pypi-token",
        "PyPI upload token",
        "registry",
        L + r"(?P<s>pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,400})" + RD,
        ("pypi-age",),
        3.0,
        8,
    ),
    T(
        "dockerhub-token",
        "Docker Hub access token",
        "registry",
        L + r"(?P<s>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})" + RD,
        ("dckr_",),
        3.0,
        9,
    ),
    T(
        "rubygems-token",
        "RubyGems API key",
        "registry",
        L + r"(?P<s>rubygems_[0-9a-f]{48})" + R,
        ("rubygems_",),
        3.0,
        9,
    ),
    T("nuget-api-key", "NuGet API key", "registry", L + r"(?P<s>oy2[a-z0-9]{43})" + R, ("oy2",), 3.5, 3),
    T(
        "bundler-credentials",
        "Bundler gem source credentials (BUNDLE_<HOST>=user:password)",
        "registry",
        # The name runs up to its first `__` (the regex never backtracks over a long name) and the
        # value is at most 256 characters each side of the colon (a longer one is not matched).
        L
        + r"BUNDLE_[A-Z0-9_](?:[A-Z0-9]|_(?!_))*__[A-Z0-9_]+[\"']?\s*(?:=|:)\s*[\"']?"
        + r"(?P<s>[^\s\"':;$]{1,256}:[^\s\"';&$]{1,256}(?![^\s\"';&$]))",
        ("bundle_",),
        2.0,
        finder=finders.bundler_settings,
    ),
    # --- developer and infrastructure tools
    T(
        "sumologic-access-id",
        "Sumo Logic access ID",
        "devops",
        r"(?i:sumo)[\w.]{0,20}(?i:access_?id)" + ASSIGN + r"(?P<s>su[A-Za-z0-9]{12})" + R,
        ("sumo",),
        3.0,
        2,
    ),
    T(
        "terraform-cloud-token",
        "Terraform Cloud / HCP Terraform API token",
        "devops",
        L + r"(?P<s>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})" + RD,
        ("atlasv1",),
        3.0,
        anchor=".atlasv1.",
        back=14,
        offset=14,
    ),
    # Vault 1.10+ tokens: `hvs.` service tokens are about 95 characters, but shorter ones are
    # issued too (without a namespace or with a short TTL), and batch tokens vary with metadata.
    T(
        "vault-service-token",
        "HashiCorp Vault service token",
        "devops",
        L + r"(?P<s>hvs\.[A-Za-z0-9_-]{24,130})" + RD,
        ("hvs.",),
        3.0,
        4,
    ),
    T(
        "vault-batch-token",
        "HashiCorp Vault batch token",
        "devops",
        L + r"(?P<s>hvb\.[A-Za-z0-9_-]{24,500})" + RD,
        ("hvb.",),
        3.0,
        4,
    ),
    T("pulumi-token", "Pulumi access token", "devops", L + r"(?P<s>pul-[a-f0-9]{40})" + R, ("pul-",), 3.0, 4),
    T(
        "doppler-token",
        "Doppler token",
        "devops",
        # personal, CLI, service (optionally naming its config: `dp.st.dev.`), service account,
        # SCIM and audit tokens
        L + r"(?P<s>dp\.(?:pt|ct|st(?:\.[a-z0-9_-]{2,35})?|sa|scim|audit)\.[A-Za-z0-9]{40,44})" + R,
        ("dp.pt.", "dp.ct.", "dp.st.", "dp.sa.", "dp.scim.", "dp.audit."),
        3.0,
        6,
    ),
    T(
        "digitalocean-token",
        "DigitalOcean token",
        "devops",
        L + r"(?P<s>do[opr]_v1_[a-f0-9]{64})" + R,
        ("doo_v1_", "dop_v1_", "dor_v1_"),
        3.0,
        7,
    ),
    T(
        "heroku-api-key",
        "Heroku platform API key",
        "devops",
        L + r"(?P<s>HRKU-[A-Za-z0-9_-]{60})" + RD,
        ("hrku-",),
        3.0,
        5,
    ),
    T(
        "flyio-token",
        "Fly.io access token",
        "devops",
        L + r"(?P<s>fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,4000}={0,3})(?![A-Za-z0-9_+/=-])",
        ("fo1_", "fm1", "fm2"),
        3.0,
        4,
    ),
    T(
        "grafana-cloud-token",
        "Grafana Cloud API token",
        "devops",
        L + r"(?P<s>glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])",
        ("glc_",),
        3.0,
        4,
    ),
    T(
        "grafana-service-account-token",
        "Grafana service account token",
        "devops",
        L + r"(?P<s>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})" + R,
        ("glsa_",),
        3.0,
        5,
    ),
    T(
        "sentry-token",
        "Sentry auth token",
        "devops",
        L + r"(?P<s>sntrys_eyJ[A-Za-z0-9+/=]{50,1000}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})" + R,
        ("sntry",),
        3.0,
        7,
    ),
    T(
        "atlassian-api-token",
        "Atlassian API token",
        "devops",
        L + r"(?P<s>ATATT3[A-Za-z0-9_=-]{180,400})" + R,
        ("atatt3",),
        3.0,
        6,
    ),
    T(
        "onepassword-service-account-token",
        "1Password service account token",
        "devops",
        L + r"(?P<s>ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3})(?![A-Za-z0-9+/=])",
        ("ops_eyj",),
        3.0,
        7,
    ),
    T(
        "onepassword-secret-key",
        "1Password account secret key",
        "devops",
        L
        + r"(?P<s>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})"
        + r"-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})"
        + R,
        ("a3-",),
        2.5,
        3,
    ),
    T(
        "infracost-api-key",
        "Infracost API key",
        "devops",
        r"(?<![A-Za-z0-9_./-])(?P<s>ico-[A-Za-z0-9]{32})" + R,
        ("ico-",),
        3.0,
        4,
    ),
    T(
        "sonar-token",
        "SonarQube / SonarCloud token",
        "devops",
        r"(?i:sonar[_.]?(?:login|token))"
        + ASSIGN
        + r"(?P<t>[A-Za-z0-9]{40})"
        + R
        + "|"
        + L
        + r"(?P<s>sq[upa]_[A-Za-z0-9]{40})"
        + R,
        ("squ_", "sqp_", "sqa_", "sonar"),
        3.0,
    ),
    T(
        "sourcegraph-token",
        "Sourcegraph access token",
        "devops",
        r"(?i:sourcegraph)[\w.-]{0,20}"
        + ASSIGN
        + r"(?P<t>[a-fA-F0-9]{40})"
        + R
        + "|"
        + L
        + r"(?P<s>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})"
        + R,
        ("sgp_", "sourcegraph"),
        3.0,
    ),
    T(
        "openshift-token",
        "OpenShift user token",
        "devops",
        L + r"(?P<s>sha256~[A-Za-z0-9_-]{43})" + RD,
        ("sha256~",),
        3.0,
        7,
    ),
    T(
        "scalingo-token",
        "Scalingo API token",
        "devops",
        L + r"(?P<s>tk-us-[A-Za-z0-9_-]{48})" + RD,
        ("tk-us-",),
        3.0,
        6,
    ),
    T(
        "newrelic-user-key",
        "New Relic user API key",
        "devops",
        L + r"(?P<s>NRAK-[A-Z0-9]{27})" + R,
        ("nrak-",),
        3.0,
        5,
    ),
    # New Relic's other key kinds (docs.newrelic.com, "API keys"; the lengths noseyparker's and
    # trufflehog's rules use): a fixed prefix or suffix and a fixed length; the license (ingest)
    # key is 40 characters ending in `NRAL`, an EU one starting `eu01xx`.
    T(
        "newrelic-license-key",
        "New Relic license (ingest) key",
        "devops",
        L + r"(?P<s>(?:eu01xx[a-f0-9]{30}|[a-f0-9]{32}(?:FFFF|[a-f0-9]{4}))NRAL)" + R,
        ("nral",),
        3.0,
        anchor="NRAL",
        back=36,
        fwd=4,
        offset=36,
    ),
    T(
        "newrelic-admin-key",
        "New Relic admin API key",
        "devops",
        L + r"(?P<s>NRAA-[a-f0-9]{27})" + R,
        ("nraa-",),
        3.0,
        5,
    ),
    T(
        "newrelic-insights-key",
        "New Relic Insights insert or query key",
        "devops",
        L + r"(?P<s>NRI[IQ]-[A-Za-z0-9_-]{25,32})" + RD,
        ("nrii-", "nriq-"),
        3.0,
        5,
    ),
    T(
        "newrelic-browser-key",
        "New Relic browser key",
        "devops",
        L + r"(?P<s>NRBR-[a-f0-9]{19})" + R,
        ("nrbr-",),
        3.0,
        5,
    ),
    T(
        "newrelic-mobile-token",
        "New Relic mobile app token",
        "devops",
        L + r"(?P<s>(?:AA[a-f0-9]{40}|eu01xx[a-f0-9]{36})-NRMA)" + R,
        ("-nrma",),
        3.0,
        anchor="-NRMA",
        back=42,
        fwd=5,
        offset=42,
    ),
    T("newrelic-rest-key", "New Relic REST API key", "devops", L + r"(?P<s>NRRA-[a-f0-9]{42})" + R, ("nrra-",), 3.0, 5),
    T(
        "newrelic-pixie-key",
        "New Relic Pixie API or deploy key",
        "devops",
        L + r"(?P<s>px-(?:api|dep)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})" + R,
        ("px-api-", "px-dep-"),
        3.0,
        7,
    ),
    T(
        "postman-api-key",
        "Postman API key",
        "devops",
        L + r"(?P<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})" + R,
        ("pmak-",),
        3.0,
        5,
    ),
    T(
        "linear-api-key",
        "Linear API key",
        "devops",
        L + r"(?P<s>lin_api_[A-Za-z0-9]{40})" + R,
        ("lin_api_",),
        3.0,
        8,
    ),
    T(
        "age-secret-key",
        "age encryption secret key",
        "devops",
        L + r"(?P<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})" + R,
        ("age-secret-key-1",),
        3.0,
        16,
    ),
    T(
        "prefect-api-key",
        "Prefect Cloud API key",
        "devops",
        L + r"(?P<s>pnu_[A-Za-z0-9]{36})" + R,
        ("pnu_",),
        3.0,
        4,
    ),
    # --- SaaS: payments, messaging, productivity
    T(
        "stripe-secret-key",
        "Stripe secret or restricted key",
        "saas",
        L + r"(?P<s>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247})" + R,
        ("sk_", "rk_"),
        3.0,
        8,
    ),
    T(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        "saas",
        L + r"(?P<s>whsec_[A-Za-z0-9]{32,100})" + R,
        ("whsec_",),
        3.0,
        6,
    ),
    T(
        "sendgrid-api-key",
        "SendGrid API key",
        "saas",
        L + r"(?P<s>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})" + RD,
        ("sg.",),
        3.0,
        3,
    ),
    T(
        "mailchimp-api-key",
        "Mailchimp API key",
        "saas",
        L + r"(?P<s>[0-9a-f]{32}-us\d{1,2})" + R,
        ("-us",),
        3.0,
        anchor="-us",
        back=33,
        fwd=3,
        offset=32,
    ),
    T("mailgun-api-key", "Mailgun API key", "saas", L + r"(?P<s>key-[0-9a-f]{32})" + R, ("mailgun",), 3.0, 4),
    T(
        "twilio-api-key",
        "Twilio API key SID",
        "saas",
        L + r"(?P<s>SK[0-9a-fA-F]{32})" + R,
        ("twilio",),
        3.0,
        2,
    ),
    T(
        "shopify-token",
        "Shopify access token or shared secret",
        "saas",
        L + r"(?P<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})" + R,
        ("shpat_", "shpca_", "shppa_", "shpss_"),
        3.0,
        6,
    ),
    T(
        "square-token",
        "Square access token or OAuth secret",
        "saas",
        L + r"(?P<s>sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})" + RD,
        ("sq0atp-", "sq0csp-", "eaaa"),
        3.0,
        4,
    ),
    T(
        "notion-token",
        "Notion integration token",
        "saas",
        L + r"(?P<s>ntn_\d{11}[A-Za-z0-9]{35})" + R,
        ("ntn_",),
        3.0,
        4,
    ),
    T(
        "facebook-access-token",
        "Facebook (Meta) access token",
        "saas",
        # The boundary stays in the regex (spelled unlike L, which T() would move out): every
        # `EAA` inside a run would otherwise be tried against up to 1,000 characters.
        r"(?<![0-9A-Za-z_])(?P<s>EAA[A-Z][A-Za-z0-9]{80,1000})" + R,
        ("eaa",),
        3.0,
        3,
    ),
    T(
        "facebook-app-token",
        "Facebook (Meta) app access token",
        "saas",
        r"(?i:facebook)[^\n]{0,40}?" + L + r"(?P<s>\d{15,16}\|[A-Za-z0-9_-]{27})" + RD,
        ("facebook",),
        3.0,
    ),
    # Tavily (the search API LLM agents call) and Adafruit IO: a prefix and a fixed length.
    T(
        "tavily-api-key",
        "Tavily API key",
        "aiplatform",
        L + r"(?P<s>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})" + R,
        ("tvly-",),
        3.0,
        5,
    ),
    T("adafruit-io-key", "Adafruit IO key", "saas", L + r"(?P<s>aio_[A-Za-z0-9]{28})" + R, ("aio_",), 3.0, 4),
    T(
        "telegram-bot-token",
        "Telegram bot token",
        "saas",
        L + r"(?P<s>\d{8,10}:AA[A-Za-z0-9_-]{33})" + RD,
        (":aa",),
        3.0,
        anchor=":AA",
        back=11,
        fwd=36,
    ),
    T(
        "discord-webhook",
        "Discord webhook URL",
        "saas",
        r"(?P<s>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,70})" + RD,
        ("/api/webhooks/",),
        3.0,
        40,
    ),
    T(
        "teams-webhook",
        "Microsoft Teams incoming webhook URL",
        "saas",
        r"(?P<s>https://[\w.-]+\.webhook\.office\.com/webhookb2/[\w-]+@[\w-]+/IncomingWebhook/[a-f0-9]{32}/[\w-]+)",
        ("webhook.office.com",),
        3.0,
        30,
    ),
    # --- JSON Web Tokens and private keys
    T(
        "jwt",
        "JSON Web Token",
        "jwt",
        L
        + r"(?P<s>eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{4,16000}\.(?:[A-Za-z0-9_-]{10,4000})?)"
        + r"(?![A-Za-z0-9_.-])",
        ("eyj",),
        3.0,
        3,
        finder=finders.jwt_tokens,
    ),
    T(
        "private-key-base64",
        "base64-encoded private key (PEM)",
        "privatekey",
        # base64 of "-----BEGIN" (`LS0tLS1CRUdJTi`) and a block whose header says PRIVATE KEY.
        # Tried only where a base64 run starts, and the body is read once (an atomic lookahead):
        # a long run holding the prefix many times costs one pass, not one per occurrence.
        # A `=` before it ends a base64 run unless it follows a name: `PRIVATE_KEY_B64=LS0t...`.
        r"(?:(?<![A-Za-z0-9_+/=])|(?<=\w=))(?P<s>LS0tLS1CRUdJTi(?=(?P<b>[A-Za-z0-9+/]{100,30000}))(?P=b)={0,2})"
        r"(?![A-Za-z0-9+/=])",
        ("ls0tls1crudjti",),
        3.0,
        14,
        _pem_private_key,
        anchor="LS0tLS1CRUdJTi",
        offset=0,
        fwd=30020,
    ),
    T(
        "private-key",
        "private key (PEM / OpenSSH / PGP)",
        "privatekey",
        r"(?P<s>-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[^-]|-(?!----END)){40,20000}?"
        r"-----END[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----)",
        ("private key",),
        3.0,
        30,
        finder=finders.pem_blocks,
    ),
)

# The long tail (prefixed.py) ranks after every format above.
FORMATS: tuple[TokenFormat, ...] = _CORE_FORMATS + PREFIXED
