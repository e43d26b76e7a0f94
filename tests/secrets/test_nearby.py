"""A provider named near a value of its key shape (scanner/secrets/nearby.py, the table in
named_providers.py): values made up here, one per shape class, and near misses of each."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

import pytest

from scanner.secrets import nearby
from scanner.secrets.detect import _words, detect, lowered
from scanner.secrets.entropy import shannon
from scanner.secrets.named_providers import CLASSES, MIN_LENGTH, PROVIDERS, parse_shape

_RNG = random.Random(4242)


def _pick(alphabet: str, n: int) -> str:
    while True:
        value = "".join(_RNG.choice(alphabet) for _ in range(n))
        if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            return value


LOWER = string.ascii_lowercase + string.digits
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase + string.digits

ABSTRACT = _pick(LOWER, 32)
APILAYER = _pick(ALNUM, 32)
AMPLITUDE = _pick(HEX, 32)
SCRAPINGBEE = _pick(UPPER, 80)
BITLY = _pick(ALNUM, 18) + "-" + _pick(ALNUM, 21)
FASTLY = _pick(ALNUM, 14) + "_" + _pick(ALNUM, 17)
AIRVISUAL = _pick(LOWER, 12) + "-" + _pick(LOWER, 23)
GOCANVAS = _pick(ALNUM + "+/", 43) + "="
POSTMARK = "5d0e8f3a-91b7-4c2e-a6d4-0b3f7e19c852"
AZURE_PAT = _pick(string.ascii_lowercase + "234567", 52)
PARSEHUB = _pick(ALNUM, 12)


@pytest.mark.parametrize(
    ("text", "type_id", "secret"),
    [
        (f"abstract_api = {ABSTRACT}", "abstract-api-key", ABSTRACT),  # assignment name
        (f"https://api.apilayer.com/exchangerates?apikey={APILAYER}", "apilayer-key", APILAYER),  # URL host
        (f'AMPLITUDE_KEY: "{AMPLITUDE}"', "amplitude-key", AMPLITUDE),  # mapping key, env-var name
        (f"scrapingbee --key {SCRAPINGBEE}", "scrapingbee-key", SCRAPINGBEE),  # flag
        (f'const bitlyToken = "{BITLY}";', "bitly-key", BITLY),  # camelCase name
        (f"fastly: {FASTLY}", "fastly-key", FASTLY),
        (f"[airvisual] key={AIRVISUAL}", "airvisual-key", AIRVISUAL),
        (f"gocanvas: {GOCANVAS} ", "gocanvas-key", GOCANVAS),
        (f'postmark: "{POSTMARK}",', "postmark-key", POSTMARK),
        (f"azure devops {AZURE_PAT}", "azure-key", AZURE_PAT),
        (f"parsehub token = '{PARSEHUB}'", "parsehub-key", PARSEHUB),
    ],
)
def test_provider_named_on_the_line_marks_a_value_of_its_shape(text: str, type_id: str, secret: str) -> None:
    found = [(d.type_id, d.secret) for d in detect(text, "notes.txt")]
    assert (type_id, secret) in found, found


@pytest.mark.parametrize(
    "text",
    [
        f"abstract\nvalue = {ABSTRACT}",  # the name on another line
        f"abstractmethod {ABSTRACT}",  # the name inside a longer word
        f"getapilayer {APILAYER}",
        f"abstract {ABSTRACT[:31]}",  # one character short of the shape
        f"abstract {ABSTRACT}x9",  # part of a longer run
        f"abstract {ABSTRACT.upper()}",  # not the shape's alphabet
        f"amplitude {AMPLITUDE} sha256",  # a hex value on a line about digests
        f"https://cdn.amplitude.com/libs/{AMPLITUDE}/amplitude.js",  # a URL path segment
        f"amplitude: {AMPLITUDE}@sdk",  # a version pin
        "abstract " + "0a" * 16,  # low entropy
        "abstract abcdefghijklmnopqrstuvwxyz012345",  # the alphabet in order
        "scrapingbee " + "YOURSCRAPINGBEEAPIKEYHERE0" + "X" * 54,  # a stand-in
        f"postmark_template_id: {POSTMARK}",  # a UUID named as an id
        "postmark: 5d0e8f3a-91b7-4c2e-a6d4-0b3f7e19c85g",  # not hex
        f"box {APILAYER}",  # a common word is no provider name
    ],
)
def test_near_misses_are_not_reported(text: str) -> None:
    assert [d for d in detect(text, "notes.txt") if d.type_id.endswith("-key") and "generic" not in d.type_id] == []


def test_exact_format_outranks_the_named_provider() -> None:
    # A Shippo token beside a provider name whose shape it does not fit is the Shippo format;
    # the named detector ranks below every format, so overlapping findings are the format's.
    token = "shippo_live_" + _pick(HEX, 40)
    found = detect(f"amplitude shippo: {token}", "notes.txt")
    assert [(d.type_id, d.secret) for d in found] == [("shippo-api-token", token)]


def test_named_provider_outranks_the_generic_check() -> None:
    found = detect(f'abstract_api_key = "{ABSTRACT}"', "notes.txt")
    assert [(d.type_id, d.family) for d in found] == [("abstract-api-key", "saas")]


def test_generated_files_are_not_searched_for_names() -> None:
    assert detect(f"abstract {ABSTRACT}", "api_pb2.py") == []


def test_table_rows_are_well_formed() -> None:
    names = [p.name for p in PROVIDERS]
    assert len(names) == len(set(names))
    common = {"key", "token", "secret", "api", "id", "box", "column", "rev", "graph", "account", "app"}
    for provider in PROVIDERS:
        assert provider.keywords and provider.shapes
        for word in provider.keywords:
            assert word == word.lower() and word not in common, (provider.name, word)
        for shape in provider.shapes:
            assert shape.cls in CLASSES and shape.lo >= MIN_LENGTH


@pytest.mark.parametrize("spec", ["hex8", "lower", "nope32", "alnum40-20", "uuid32"])
def test_bad_shapes_are_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="read provider shape"):
        parse_shape(spec)


def _scanned(text: str) -> int:
    """Characters the shape patterns are run over: the work the detector does per shape."""
    _, names = _words(lowered(text))
    return sum(hi - lo for windows in nearby._windows(text, names).values() for lo, hi in windows)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "abstract " * n,  # one long line of names
        lambda n: "abstract apilayer\n" * n,  # many lines, two names each
        lambda n: ("amplitude " + "a1" * 100 + " ") * n,  # names between long runs
    ],
)
def test_work_is_linear_in_the_text(make: Callable[[int], str]) -> None:
    # Each (provider, shape) looks at a character at most once: windows of one line merge.
    for n in (100, 800, 6400):
        text = make(n)
        assert _scanned(text) <= 3 * len(text)
    # and the count grows with the text, not faster
    assert _scanned(make(6400)) <= 8 * _scanned(make(800)) + 2 * nearby.WINDOW


@pytest.mark.parametrize(
    "text",
    [
        "from transformers import AutoProcessor, Mistral3ForConditionalGeneration",  # a class name
        "mistral: TextEncoderForConditionalGen3rationAB",  # capitalised words
        "See [PR #12](https://github.com/acme/kaggle/pull/12) (" + _pick(HEX, 32) + ")",  # a commit
    ],
)
def test_names_and_commits_beside_a_provider_are_not_keys(text: str) -> None:
    assert detect(text, "notes.md") == []


# A Markdown table of downloads whose header names the digest column (mistral-inference's README
# lists md5 sums of its model archives this way); the rows name the provider only in the URL.
# Hex values of a key's entropy: a Mistral key's shape is alnum32, whose floor a hex run can miss.
def _hex_like_a_key() -> str:
    while shannon(value := _pick(HEX, 32)) < 3.8:
        pass
    return value


DIGESTS = _hex_like_a_key()
MISTRAL = _pick(ALNUM, 32)
DIGEST_TABLE = (
    "| Name | Download | md5sum |\n"
    "|------|----------|--------|\n"
    "| 7B | https://models.example.com/mistral-7b/archive.tar | `" + _hex_like_a_key() + "` |\n"
    "| 7B Base | https://models.example.com/mistral-7b/mistral-7B.tar | `" + DIGESTS + "` |\n"
)


def test_hex_values_in_a_table_whose_header_names_digests_are_digests() -> None:
    assert [d for d in detect(DIGEST_TABLE, "README.md") if d.type_id == "mistral-key"] == []


@pytest.mark.parametrize(
    "text",
    [
        DIGEST_TABLE.replace("md5sum", "api key"),  # the header names no digest
        DIGEST_TABLE.replace(DIGESTS, MISTRAL),  # not a hex value: no digest's shape
        DIGEST_TABLE.replace("md5sum", "key").replace("|------|----------|--------|\n", ""),  # still a table
    ],
)
def test_values_in_tables_without_a_digest_header_are_still_keys(text: str) -> None:
    found = {d.secret for d in detect(text, "README.md") if d.type_id == "mistral-key"}
    assert (MISTRAL if MISTRAL in text else DIGESTS) in found, found
