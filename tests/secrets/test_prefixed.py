"""The long-tail prefixed formats (scanner/secrets/prefixed.py): each with a format-valid fake
value made up here, and a near miss (wrong length or alphabet, a stand-in, or the bare prefix
shape outside the context the format needs) that must not be reported as that format."""

from __future__ import annotations

import random
import string

import pytest

from scanner.secrets.detect import detect
from scanner.secrets.entropy import is_sequence
from scanner.secrets.prefixed import PREFIXED
from scanner.secrets.tokens import FORMATS

_RNG = random.Random(2020)


def _pick(alphabet: str, n: int) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


LOWER = string.ascii_lowercase + string.digits
ALNUM = string.ascii_letters + string.digits
URL64 = ALNUM + "_-"
HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase + string.digits
UUID = "9b2e4c71-3f8a-4d65-a0b9-7c1e2d3f4a5b"

ENTRA = "0.A" + _pick(URL64, 60) + ".AgABAAEAAAD" + _pick(URL64, 300)
APPSYNC = "da2-" + _pick(LOWER, 26)
VAULT_OLD = "s." + _pick(ALNUM, 24)
HVS_SHORT = "hvs." + _pick(ALNUM, 40)
ODT = "odt_" + _pick(ALNUM, 32)
BBDC = "BBDC-" + _pick(ALNUM + "+/", 44)
OCTOPUS = "API-" + "G" + _pick(UPPER, 28)
SPECTRAL = "spu-" + _pick(LOWER, 32)
PGANALYZE = "pgar_" + _pick(ALNUM, 27)
CRATES = "cio" + "Q7" + _pick(ALNUM, 30)
CC_ID = _pick(HEX, 64)
BOOTSTRAP = _pick(LOWER, 6) + "." + _pick(LOWER, 16)
THINGS = _pick(ALNUM, 20)
TRUENAS = "7-" + _pick(ALNUM, 64)
OKTA = "00" + _pick(URL64, 40)
TWITCH = "live_" + "418275903" + "_" + _pick(ALNUM, 30)
HUBSPOT = "pat-na1-" + UUID
ROBINHOOD = "rh-api-" + UUID
SHIPPO = "shippo_live_" + _pick(HEX, 40)
DUFFEL = "duffel_test_" + _pick(URL64, 43)
LOB = "live_" + _pick(HEX, 35)
PHOTOROOM = "sk_pr_acme_" + _pick(HEX, 40)
FIRECRAWL = "fc-" + _pick(HEX, 32)
TEAMS = f"https://outlook.office.com/webhook/{UUID}@{UUID}/IncomingWebhook/{_pick(HEX, 32)}/{UUID}"
AIRTABLE = "pat" + _pick(ALNUM, 14) + "." + _pick(HEX, 64)
TABLEAU = _pick(ALNUM, 22) + "==:" + _pick(ALNUM, 32)
TEAMS_SIG = _pick(URL64, 43)
TEAMS_FLOW = (
    "https://acme0123.4f.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/"
    f"{_pick(HEX, 32)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="
)


@pytest.mark.parametrize(
    ("text", "type_id", "secret"),
    [
        (f'"refresh_token": "{ENTRA}"', "azure-entra-refresh-token", ENTRA),
        (f'const key = "{APPSYNC}";', "aws-appsync-api-key", APPSYNC),
        (f"vault login -vaultToken {VAULT_OLD}", "vault-legacy-token", VAULT_OLD),
        (f'VAULT_TOKEN="{VAULT_OLD}"', "vault-legacy-token", VAULT_OLD),
        (f"token: {HVS_SHORT}", "vault-service-token", HVS_SHORT),
        (f"DTRACK_KEY={ODT}", "dependency-track-api-key", ODT),
        (f"{BBDC}\n", "bitbucket-dc-token", BBDC),
        (f"OCTOPUS_CLI_API_KEY={OCTOPUS}", "octopus-deploy-api-key", OCTOPUS),
        (f"spectral scan --token {SPECTRAL}", "spectral-token", SPECTRAL),
        (f"PGA={PGANALYZE}", "pganalyze-api-key", PGANALYZE),
        (f"Authorization: {CRATES}", "crates-io-token", CRATES),
        (f"  CC_TEST_REPORTER_ID: {CC_ID}", "codeclimate-reporter-id", CC_ID),
        (f'kubeadm join --bootstrap-token "{BOOTSTRAP}"', "kubernetes-bootstrap-token", BOOTSTRAP),
        (f"https://thingsboard.cloud/api/v1/{THINGS}/telemetry", "thingsboard-access-token", THINGS),
        (f'{{"method": "auth.login_with_api_key", "params": ["{TRUENAS}"]}}', "truenas-api-key", TRUENAS),
        (f"Authorization: SSWS {OKTA}", "okta-api-token", OKTA),
        (f"stream_key = {TWITCH}", "twitch-stream-key", TWITCH),
        (f"auth-token: {HUBSPOT}", "hubspot-private-app-token", HUBSPOT),
        (f'api_key = "{ROBINHOOD}"', "robinhood-crypto-api-key", ROBINHOOD),
        (f"SHIPPO={SHIPPO}", "shippo-api-token", SHIPPO),
        (f"DUFFEL={DUFFEL}", "duffel-api-token", DUFFEL),
        (f"lob = '{LOB}'", "lob-api-key", LOB),
        (f"PHOTOROOM={PHOTOROOM}", "photoroom-api-key", PHOTOROOM),
        (f'FirecrawlApp(api_key="{FIRECRAWL}")', "firecrawl-api-key", FIRECRAWL),
        (f"url = '{TEAMS}'", "teams-webhook-legacy", TEAMS),
        (f"AIRTABLE_TOKEN={AIRTABLE}", "airtable-personal-access-token", AIRTABLE),
        (f"tableau pat secret {TABLEAU}", "tableau-personal-access-token", TABLEAU),
        (f"url = '{TEAMS_FLOW}{TEAMS_SIG}'", "teams-workflow-webhook", TEAMS_SIG),
    ],
)
def test_format_is_found(text: str, type_id: str, secret: str) -> None:
    found = [(d.type_id, d.secret) for d in detect(text, "notes.txt")]
    assert (type_id, secret) in found, found


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        ('"refresh_token": "0.AXEAshort.AgABAAEAAAD"', "azure-entra-refresh-token"),
        ('key = "da2-abcdefghijklmnopqrstuvwxyz"', "aws-appsync-api-key"),  # the alphabet in order
        ('key = "da2-aaaaaaaaaaaaaaaaaaaaaaaaaa"', "aws-appsync-api-key"),
        (f"print(s.{_pick(ALNUM, 24)})", "vault-legacy-token"),  # `s.` with no Vault around it
        ("token: hvs.short", "vault-service-token"),
        (f"odt_{_pick(ALNUM, 20)}", "dependency-track-api-key"),
        ("BBDC-" + "1" * 44, "bitbucket-dc-token"),
        ("https://acme.notion.site/API-" + _pick("0123456789ABCDEF", 32), "octopus-deploy-api-key"),
        ("see API-" + _pick("0123456789ABCDEF", 30), "octopus-deploy-api-key"),
        (f"spu-{_pick(LOWER, 20)}", "spectral-token"),
        ("precious" + _pick(ALNUM, 32), "crates-io-token"),
        (f"REPORTER_ID: {CC_ID}", "codeclimate-reporter-id"),
        (f"host = {BOOTSTRAP}.example.com", "kubernetes-bootstrap-token"),
        (f"https://thingsboard.cloud/api/v2/{THINGS}/telemetry", "thingsboard-access-token"),
        (f'{{"method": "auth.login", "params": ["{TRUENAS}"]}}', "truenas-api-key"),
        (f"okta_id = {OKTA}", "okta-api-token"),
        (f"live_418275903_{_pick(ALNUM, 20)}", "twitch-stream-key"),
        (f"pat-xx9-{UUID}", "hubspot-private-app-token"),
        ("shippo_live_" + "b" * 40, "shippo-api-token"),
        (f"live_{_pick(HEX, 30)}", "lob-api-key"),
        (f"fc-{_pick(HEX, 20)}", "firecrawl-api-key"),
        (f"https://outlook.office.com/mail/{UUID}", "teams-webhook-legacy"),
        ("pat" + _pick(ALNUM, 14) + "." + _pick(HEX, 63), "airtable-personal-access-token"),  # one short
        ("pat" + _pick(ALNUM, 14) + "." + _pick(ALNUM, 64), "airtable-personal-access-token"),  # not hex
        (_pick(ALNUM, 22) + "==:" + _pick(ALNUM, 31), "tableau-personal-access-token"),
        ("a" * 22 + "==:" + "b" * 32, "tableau-personal-access-token"),  # stand-ins
        (TEAMS_FLOW.split("?")[0] + "?api-version=1", "teams-workflow-webhook"),  # no signature
    ],
)
def test_near_miss_is_not_that_format(text: str, type_id: str) -> None:
    assert type_id not in {d.type_id for d in detect(text, "notes.txt")}


def test_long_tail_ranks_after_the_core_formats_with_unique_ids() -> None:
    ids = [f.id for f in FORMATS]
    assert len(ids) == len(set(ids))
    assert FORMATS[-len(PREFIXED) :] == PREFIXED


@pytest.mark.parametrize(
    ("value", "sequence"),
    [("abcdefghijklmnopqrstuvwxyz", True), ("0123456789", True), ("x7k2m9q4w1e8r5t6y3u0", False), ("a", False)],
)
def test_is_sequence(value: str, sequence: bool) -> None:
    assert is_sequence(value) is sequence


@pytest.mark.parametrize(
    "text",
    [
        'headers = {"Authorization": "Bearer test_bearer_token_9"}',
        'headers = {"Authorization": "Bearer live_Qm4xT8vK2pW9zR7n"}',
        'const key = "api-Qm4xT8vK2pW9zR7nL3"',
    ],
)
def test_a_shared_start_is_no_provider_prefix(text: str) -> None:
    """`live_`, `test_` and `api-` start many providers' keys: a value starting with one that no
    format matched is still a value, not a malformed key of the long-tail format."""
    assert detect(text + "\n", "client.py") != []
