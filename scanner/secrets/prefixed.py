"""Token formats of the long tail: each provider's documented prefix and body (or the one place
its token sits, such as a device token in a ThingsBoard URL), ranked after the formats of
tokens.py. Written from the providers' documentation; the placeholder and entropy checks of
detect.py apply to each (`shippo_test_bbbb...` is a stand-in, not a key)."""

from __future__ import annotations

import re

from scanner.secrets.entropy import is_sequence
from scanner.secrets.tokenformat import RD, L, R, T, TokenFormat

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# Keywords of these formats that are no token's start: shared by many providers' keys (`live_`,
# `test_`, `api-`) or words of the context the token sits in. A generic value starting with one
# is not a malformed key of the format (detect.py drops those): `"Bearer test_token_2"` is a value.
NOT_TOKEN_PREFIXES = frozenset(
    {
        "live_",
        "test_",
        "api-",
        ".agab",
        "cc_test_reporter_id",
        "thingsboard.cloud/api/v1/",
        "login_with_api_key",
        "outlook.office",
    }
)

PREFIXED: tuple[TokenFormat, ...] = (
    # --- cloud providers
    T(
        "azure-entra-refresh-token",
        "Microsoft Entra ID refresh token",
        "azure",
        # `0.A<client info>.AgAB...<encrypted body>`: the `.AgAB` second part is fixed by the
        # token service's format version; the body is hundreds of base64url characters.
        L + r"(?P<s>[01]\.A[\w-]{50,400}(?:\.\d)?\.Ag[\w-]{250,8000}(?:\.A[\w-]{200,2000})?)" + RD,
        (".agab",),
        4.0,
    ),
    T(
        "aws-appsync-api-key",
        "AWS AppSync API key",
        "aws",
        L + r"(?P<s>da2-[a-z0-9]{26})" + R,
        ("da2-",),
        3.5,
        4,
        lambda s: not is_sequence(s[4:]),
    ),
    # Vault before 1.10 wrote service tokens as `s.` and batch tokens as `b.`: prefixes too short to
    # look for alone, so only right after a name or flag that says Vault (`-vaultToken s.…`).
    T(
        "vault-legacy-token",
        "HashiCorp Vault token (pre-1.10 format)",
        "devops",
        r"(?i:vault)[\w-]{0,30}[\"'`]?[ \t]*(?:[:=][ \t]*)?[\"'`]?(?P<s>[sb]\.[A-Za-z0-9_-]{24,500})" + RD,
        ("vault",),
        3.5,
        2,
    ),
    # --- developer platforms
    T(
        "dependency-track-api-key",
        "Dependency-Track API key",
        "devops",
        L + r"(?P<s>odt_[A-Za-z0-9]{32,255})" + R,
        ("odt_",),
        3.5,
        4,
    ),
    T(
        "bitbucket-dc-token",
        "Bitbucket Data Center HTTP access token",
        "devops",
        L + r"(?P<s>BBDC-[A-Za-z0-9+/@_-]{40,50})" + r"(?![A-Za-z0-9+/@_-])",
        ("bbdc-",),
        3.5,
        5,
    ),
    T(
        "octopus-deploy-api-key",
        "Octopus Deploy API key",
        "devops",
        # Not after a `/` or `-` (`notion.site/API-<hex page id>`); a 26+ character key drawn from
        # 36 characters is never all hex, a page or object id is.
        r"(?<![A-Za-z0-9_/-])(?P<s>API-[A-Z0-9]{26,34})" + R,
        ("api-",),
        3.5,
        4,
        lambda s: re.search(r"[G-Z]", s[4:]) is not None,
    ),
    T("spectral-token", "SpectralOps token", "devops", L + r"(?P<s>spu-[a-z0-9]{32})" + R, ("spu-",), 3.5, 4),
    T(
        "pganalyze-api-key",
        "pganalyze API key",
        "devops",
        L + r"(?P<s>pga[rw]_[A-Za-z0-9]{27})" + R,
        ("pgar_", "pgaw_"),
        3.0,
        5,
    ),
    T(
        "crates-io-token",
        "crates.io API token",
        "registry",
        L + r"(?P<s>cio[A-Za-z0-9]{32})" + R,
        ("cio",),
        3.5,
        3,
        lambda s: any(c.isupper() for c in s[3:]) and any(c.isdigit() for c in s[3:]),
    ),
    T(
        "codeclimate-reporter-id",
        "Code Climate test reporter id",
        "devops",
        r"CC_TEST_REPORTER_ID[\"']?[ \t]*[:=][ \t]*[\"']?(?P<s>[a-f0-9]{64})" + R,
        ("cc_test_reporter_id",),
        3.0,
    ),
    T(
        "kubernetes-bootstrap-token",
        "Kubernetes bootstrap token",
        "devops",
        # `<6-char id>.<16-char secret>` (kubeadm); the shape alone is a hostname's, so only
        # after a name or flag that says bootstrap token.
        r"(?i:bootstrap[_-]?token)[\"']?[ \t]*(?:[:=][ \t]*)?[\"']?(?P<s>[a-z0-9]{6}\.[a-z0-9]{16})" + R,
        ("bootstrap",),
        3.0,
    ),
    T(
        "thingsboard-access-token",
        "ThingsBoard device access token",
        "devops",
        r"thingsboard\.cloud/api/v1/(?P<s>[A-Za-z0-9]{20})/",
        ("thingsboard.cloud/api/v1/",),
        3.0,
    ),
    T(
        "truenas-api-key",
        "TrueNAS API key",
        "devops",
        r"auth\.login_with_api_key\"[^\[\]]{0,60}\[\s*\"(?P<s>\d{1,5}-[A-Za-z0-9]{64})\"",
        ("login_with_api_key",),
        3.5,
    ),
    T(
        "okta-api-token",
        "Okta API token",
        "devops",
        r"SSWS[ \t]+(?P<s>00[A-Za-z0-9_-]{40})" + RD,
        ("ssws",),
        3.5,
        2,
    ),
    # --- SaaS
    T(
        "airtable-personal-access-token",
        "Airtable personal access token",
        "saas",
        # `pat` + a 14-character token id + `.` + the 64-hex secret. Looked for only where Airtable
        # is named: `pat` alone starts `path` and `pattern` in nearly every source file.
        L + r"(?P<s>pat[A-Za-z0-9]{14}\.[0-9a-f]{64})" + R,
        ("airtable",),
        3.0,
        3,
    ),
    T(
        "tableau-personal-access-token",
        "Tableau personal access token",
        "saas",
        # The secret of a Tableau PAT: a base64 id of 16 bytes, `==:`, then 32 letters and digits.
        L + r"(?P<s>[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32})" + R,
        ("==:",),
        3.5,
        anchor="==:",
        offset=22,
    ),
    T(
        "twitch-stream-key",
        "Twitch stream key",
        "saas",
        L + r"(?P<s>live_\d{8,12}_[A-Za-z0-9]{30,36})" + R,
        ("live_",),
        3.5,
    ),
    T(
        "hubspot-private-app-token",
        "HubSpot private app token",
        "saas",
        L + r"(?P<s>pat-(?:na|eu)1-" + UUID + ")" + R,
        ("pat-na1-", "pat-eu1-"),
        3.0,
        8,
    ),
    T(
        "robinhood-crypto-api-key",
        "Robinhood Crypto API key",
        "saas",
        L + r"(?P<s>rh-api-" + UUID + ")" + R,
        ("rh-api-",),
        3.0,
        7,
    ),
    T(
        "shippo-api-token",
        "Shippo API token",
        "saas",
        L + r"(?P<s>shippo_(?:live|test)_[a-f0-9]{40})" + R,
        ("shippo_",),
        3.0,
        12,
    ),
    T(
        "duffel-api-token",
        "Duffel API token",
        "saas",
        L + r"(?P<s>duffel_(?:live|test)_[A-Za-z0-9_-]{43})" + RD,
        ("duffel_",),
        3.5,
        12,
    ),
    T(
        "lob-api-key",
        "Lob API key",
        "saas",
        L + r"(?P<s>(?:live|test)_[a-f0-9]{35})" + R,
        ("live_", "test_"),
        3.0,
        5,
    ),
    T(
        "photoroom-api-key",
        "PhotoRoom API key",
        "saas",
        L + r"(?P<s>(?:sandbox_)?sk_pr_[A-Za-z0-9]{1,64}_[a-f0-9]{40})" + R,
        ("sk_pr_",),
        3.0,
    ),
    T(
        "elevenlabs-api-key",
        "ElevenLabs API key",
        "aiplatform",
        L + r"(?P<s>sk_[a-f0-9]{48})" + R,
        ("sk_",),
        3.0,
        3,
    ),
    T("rootly-api-key", "Rootly API key", "devops", L + r"(?P<s>rootly_[a-f0-9]{64})" + R, ("rootly_",), 3.0, 7),
    T(
        "harness-pat",
        "Harness personal access token",
        "devops",
        # `pat.<account id>.<token id (24 hex)>.<secret>`
        L + r"(?P<s>pat\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})" + R,
        ("pat.",),
        3.0,
    ),
    T(
        "maxmind-license-key",
        "MaxMind license key",
        "saas",
        L + r"(?P<s>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)" + R,
        ("_mmk",),
        3.5,
        anchor="_mmk",
        offset=36,
    ),
    T(
        "firecrawl-api-key",
        "Firecrawl API key",
        "aiplatform",
        L + r"(?P<s>fc-[a-f0-9]{32})" + R,
        ("fc-",),
        3.0,
        3,
    ),
    T(
        "teams-webhook-legacy",
        "Microsoft Teams incoming webhook URL (outlook.office.com)",
        "saas",
        r"(?P<s>https://outlook\.office(?:365)?\.com/webhook/[\w-]+@[\w-]+/IncomingWebhook/[a-f0-9]{32}/[\w-]+)",
        ("outlook.office",),
        3.0,
        30,
    ),
    T(
        "teams-workflow-webhook",
        "Microsoft Teams workflow webhook signature (Power Automate)",
        "saas",
        # The Workflows app's replacement of incoming webhooks: the `sig` parameter signs the URL.
        r"https://[\w.-]{1,200}\.environment\.api\.powerplatform\.com(?::443)?/powerautomate/automations/direct/"
        r"workflows/[0-9a-f]{32}/triggers/manual/paths/invoke\?[\w%&=.~-]{0,300}?\bsig=(?P<s>[\w-]{43})(?![\w-])",
        ("powerplatform.com",),
        3.5,
    ),
)
