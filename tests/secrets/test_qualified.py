"""Provider-qualified names (qualified.py): a name that says whose key it is keeps a token-shaped
value even when it is hex or lowercase; unqualified names, stand-ins, values that are not token
shaped and prefixes of the named provider's own format keep today's strictness. Each positive
has a twin that must stay quiet."""

from __future__ import annotations

import random

import pytest

from scanner.secrets.detect import detect
from scanner.secrets.qualified import _LABELLED, _labelled_matches, is_provider_qualified, token_shaped

HEX64 = "ad00eba0e2b5b057146e1b2b9373f86dbb0e712d106529111d97cb13f081de20"
HEX24 = "fd3ddab708ffd4b71f079272"
LOWER40 = "ujxs1kktljev8g7oijfynoykedznskiheijttwm3"
BASE62 = "wjXKCFzOWEPRqhTmmbWtVQ"  # mixed case, no digits
# An Entra-style refresh token: longer than the 300 characters a quoted value used to be capped at.
LONG = "1.AVEAPn9m_nUaQ0iPPuqFsWAkYj" + "IyPGgTIDFBgPvLEoUSLQVRAG5RAA.AgABAwEAAADW6jl31mB3T7ug" * 8


@pytest.mark.parametrize(
    ("path", "text", "secret"),
    [
        ("config.env", f"SENTRY_TOKEN={HEX64}", HEX64),
        ("main.go", f'sentryToken := "{HEX64}"', HEX64),
        ("settings.yaml", f"ynab_api_key: {HEX24}", HEX24),
        ("notes.txt", f"youneedabudget token = '{HEX64}'", HEX64),
        ("notes.txt", f"owlbot token = '{LOWER40}' | '{LOWER40}'", LOWER40),
        ("notes.txt", f"ringcentral token - '{LOWER40}'", LOWER40),
        ("app.log", f"[DEBUG] phrase token = '{HEX64}'", HEX64),
        ("app.log", f"[DEBUG] Using adzuna KEY={LOWER40}\n", LOWER40),
        ("notes.txt", f"semaphore.co token = '{LOWER40}'", LOWER40),
        ("notes.txt", f"proxycrawl token = '{BASE62}'", BASE62),
        # a PHP/PowerShell variable assigned a quoted literal; a quoted value of any length
        ("config.txt", "//$google_client_secret = 'fnhqAakzWrX-mtFQ4PRdMoy0';", "fnhqAakzWrX-mtFQ4PRdMoy0"),
        ("token.json", f'{{"refresh_token": "{LONG}"}}', LONG),
        # another provider's prefix under a name that says whose key it is
        ("notes.txt", "iexapis token = 'sk_d21e2be3622049c7809f95cc02313821'", "sk_d21e2be3622049c7809f95cc02313821"),
    ],
)
def test_provider_qualified_value_is_found(path: str, text: str, secret: str) -> None:
    assert [d.secret for d in detect(text, path)] == [secret]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # unqualified, or qualified only by words that describe the key: digests stay digests
        ("config.env", f"TOKEN={HEX64}"),
        ("settings.yaml", f"cache_key: {HEX24}"),
        ("settings.yaml", f"checkpoint_key: {HEX64}"),
        ("settings.yaml", f"commit_sha_key: {HEX64}"),
        # a space-separated label only at the start of a line, never a declaration keyword
        ("notes.txt", f"const token = '{LOWER40}'"),
        ("notes.txt", f"the token = '{LOWER40}'"),
        ("notes.txt", f"see the owlbot token = '{LOWER40}'"),
        ("a.py", f"owlbot token = '{LOWER40}'"),
        # not token shaped: a `?` inside, too short, no digits, a name
        ("notes.txt", "skybiometry token - 'qdmx?gxqpkpo8i38zxfuxct3d2'"),
        ("notes.txt", "mockaroo token = 'mlm9iqkm'"),
        ("notes.txt", "owlbot token = 'abcdefghijklmnopqrstuvwx'"),
        ("config.env", "SENTRY_TOKEN=sentry_auth_token_v2"),
        ("notes.txt", "owlbot token = 'xxxxxxxxxxxxxxxxxxxxxxxx1234'"),
        ("notes.txt", "deepseek.key = sk-abc123invalid"),
        ("notes.txt", "proxycrawl token = 'ProxyCrawlTokenValue'"),  # a camelCase name
        # an unquoted `$NAME` is a reference, not a variable being assigned
        ("run.sh", f"echo $google_client_secret: {BASE62}"),
        # the named provider's own prefix that its format rejects: a malformed key of that provider
        ("notes.txt", "gemini api key = 'AIzaSyDW1PXXav-TxriHUIrj1djZfHKIuInr7A'"),
        ("config.env", "DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5"),
    ],
)
def test_unqualified_or_not_token_shaped_stays_quiet(path: str, text: str) -> None:
    assert detect(text, path) == []


@pytest.mark.parametrize(
    ("identifier", "qualified"),
    [
        ("stripe_key", True),
        ("HEROKU_API_KEY", True),
        ("youneedabudget token", True),
        ("sentryToken", True),
        ("api_key", False),
        ("access_token", False),
        ("key", False),
        ("lora_key", False),
        ("checkpoint_hash_key", False),
        ("stripe_key_path", False),
    ],
)
def test_provider_qualified_names(identifier: str, qualified: bool) -> None:
    assert is_provider_qualified(identifier) is qualified


@pytest.mark.parametrize(
    ("value", "shaped"),
    [
        (HEX64, True),
        (LOWER40, True),
        ("sk_6551_225099_d9a4d4b7d506fba4d2cbb2ed803d088b", True),
        ("abcdefghijklmnopqrstuvwx", False),  # no digits
        ("short1234", False),
        ("qdmx?gxqpkpo8i38zxfuxct3d2", False),
        ("layer12normweightsbias", False),  # digits do not spread
        ("a" * 1001 + "123", False),
    ],
)
def test_token_shape(value: str, shaped: bool) -> None:
    assert token_shaped(value) is shaped


LOGGED = "q8ZpR3vT6wK1mN4bX7cF"
# Lowercase and digits: under a bare `Key` name elsewhere, a digest or an id as often as a key.
LOGGED_LOWER = "ujxs1kktljev8g7oijfynoykedznskiheijttwm3"


@pytest.mark.parametrize(
    "line",
    [
        f"[DEBUG] Using Key={LOGGED}",
        f"Using api_key: {LOGGED}",
        f"  [INFO] Using acme_apiSecret='{LOGGED}'",
        f"Using token={LOGGED}",
        f"[DEBUG] using key = {LOGGED}",
    ],
)
def test_a_log_line_using_a_key_is_found(line: str) -> None:
    assert [(d.type_id, d.secret) for d in detect(line + "\n", "run.log")] == [("generic-credential", LOGGED)]


def test_a_logged_key_is_found_even_when_a_bare_key_name_would_not_say_whose() -> None:
    found = detect(f"[DEBUG] Using Key={LOGGED_LOWER}\n", "app.log")
    assert [d.secret for d in found] == [LOGGED_LOWER]
    assert detect(f"Key={LOGGED_LOWER}\n", "app.log") == []  # the same value, not logged in use


@pytest.mark.parametrize(
    "line",
    [
        "Using Key=abcdefghijklmnopqrst",  # not token-shaped
        f"We are Using Key={LOGGED_LOWER} here",  # not at the start of a log line
        f"Using Key='{LOGGED_LOWER}",  # quote never closed
    ],
)
def test_using_lines_that_are_not_a_logged_key(line: str) -> None:
    assert detect(line + "\n", "run.log") == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config.yaml", f'clearbit_auth_token: "Bearer {LOGGED}"'),
        ("client.go", f'acmeToken := "Bearer {LOGGED}"'),
        ("app.py", f'AUTH_HEADER_TOKEN = "Token {LOGGED}"'),
    ],
)
def test_a_scheme_prefixed_value_reports_the_token_after_the_scheme(path: str, text: str) -> None:
    found = detect(text + "\n", path)
    assert [d.secret for d in found] == [LOGGED]
    assert text[found[0].start : found[0].end] == LOGGED


LABEL_LINES = [
    f"sentry token = '{HEX64}'",
    f"  [DEBUG] Using adzuna KEY={LOWER40}",
    f"ringcentral token - '{LOWER40}'",
    f"semaphore.co apikey: {HEX24}xx",
    f"mailgun api_key = {BASE62}",
    f"vendor credentials = {HEX64}",
    f"vendor \u017fecret = {HEX64}",  # a long s: `(?i)` reads it as an s, a lowering does not
    f"\u0130 vendor token = {HEX64}",  # a capital I with a dot: lowered, it is two characters
    "keykeykey token",
    "no label here = 1234567890abcdef",
    f"stripe\tsecret:\t'{HEX64}' and more",
]


def test_labelled_lines_are_those_the_pattern_finds() -> None:
    # labelled() tries the pattern only on lines holding a key word: the matches must be exactly
    # those of trying it everywhere, on crafted lines and on random lines built from the
    # pattern's own pieces (and near misses), several to a text.
    rng = random.Random(7)
    parts = [
        ["", "  ", "\t", "[INFO] ", "Using ", "x"],
        ["stripe", "Sentry", "semaphore.co", "key", "api", "const", "\u212aey", "\u0130"],
        [" ", "\t", "", "  "],
        ["key", "KEY", "Token", "secret", "api_key", "credentials", "\u212aey", "\u017fecret", "ke y", "keykey"],
        [" = ", ":", " - '", '="', "=", " "],
        [HEX24, LOWER40, BASE62, "short", HEX64 + "?"],
        ["", "'", '"', "\n", " ,", "x"],
    ]
    lines = ["".join(rng.choice(p) for p in parts) for _ in range(4000)]
    texts = ["\n".join(LABEL_LINES), "\r\n".join(LABEL_LINES)]
    texts += [rng.choice(["\n", "\r\n", " "]).join(lines[i : i + rng.randint(1, 6)]) for i in range(0, 4000, 4)]
    found = 0
    for text in texts:
        expected = [m.span() for m in _LABELLED.finditer(text)]
        assert [m.span() for m in _labelled_matches(text)] == expected, repr(text)
        found += len(expected)
    assert found > 200  # the random texts do reach the pattern
