"""The linear candidate finders (finders.py) and the anchored formats find exactly what the
format's regex finds with `finditer` over the whole text: seeded random texts built from the
pieces each format is made of, so that matches, near misses and overlaps all occur."""

from __future__ import annotations

import random
import re

import pytest

from scanner.secrets.detect import _matches
from scanner.secrets.tokens import FORMATS

_SEG = "abcXYZ019_-"
PIECES: dict[str, list[str]] = {
    "tableau-personal-access-token": [
        "Qm4xT8vK2pW9zR7nL3cY5d",
        "Qm4xT8vK2pW9zR7nL3cY5",
        "+/",
        "==:",
        "=:",
        "Ab3dEf6hJk9mNp2qRs5tUv8wXy1zA4cD",
        "Ab3dEf6hJk9mNp2q",
        " ",
        "_",
        "a",
    ],
    "private-key": [
        "-----BEGIN",
        " RSA",
        " PRIVATE KEY",
        "-----",
        "-----END",
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
        "\n",
        "-",
        " BLOCK",
        "x",
        "-----BEGIN PRIVATE KEY-----",
        "-----END PRIVATE KEY-----",
        "----END",
    ],
    "jwt": [
        "eyJ",
        ".",
        ".",
        "-",
        " ",
        "x",
        "_eyJ",
        "a.eyJ",
        "eyJab",
        "eyJabcd",
        "eyJabcdefgh",
        "eyJabcdefghij",
        "0123456789",
        "abcdefghi",
        "=",
    ],
    "newrelic-license-key": [
        "NRAL",
        "eu01xx",
        "0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123",
        "fedcba9876543210",
        "a1b2",
        "FFFF",
        "x",
        " ",
    ],
    "newrelic-mobile-token": [
        "-NRMA",
        "AA",
        "eu01xx",
        "0123456789abcdef0123456789abcdef",
        "0123456789",
        "fedcba98",
        "a1b2",
        "x",
        "-",
    ],
    "bundler-credentials": ["BUNDLE_", "A", "_", "__", "=", ":", "u", "p", " ", '"', "$", "&", "Z9", "BUNDLE__"],
    "azure-sas-token": [
        "?sv=2020-01-01&",
        "&sv=2021-12-31&",
        ";",
        "sig=",
        "Qw3rTy6UiOp9AsDfGhJk",
        "%3D",
        "=",
        "&",
        " ",
    ],
    "azure-ad-client-secret": [
        "abc1Q~",
        "Q~",
        "a",
        "1",
        "~",
        ".",
        "-",
        "Qw3rTy6UiOp9AsDfGh",
        "JkLzXcVbNm1234Qw3r",
        " ",
    ],
    "terraform-cloud-token": ["Qw3rTy6UiOp9As", ".atlasv1.", "Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234", "_", "-", "=", " "],
    "mailchimp-api-key": ["0123456789abcdef", "fedcba9876543210", "-us", "1", "12", "a", " ", "-"],
    "azure-storage-key": [
        "Qw3rTy6UiOp9As+fGhJkLzXcVbNm1234Qw3rTy6UiOp",
        "Zx8vB/2nM4lK7jH9gF3dS6aP1oI5uY0tR2eW4qA8sDf",
        "==",
        "=",
        "+",
        "-",
        " ",
        "a",
    ],
    "azure-container-registry-password": [
        "Qw3rTy6UiOp9As+fGhJkLzXcVbNm1234Qw3rTy6UiO",
        "+ACR",
        "Ab3dE9",
        "+",
        " ",
    ],
    "private-key-base64": [
        "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NB",
        "LS0tLS1CRUdJTi",
        "Qw3rTy6UiOp9As+fGhJkLzXcVbNm1234Qw3rTy6UiOp",
        "=",
        "==",
        " ",
        "_",
    ],
    "azure-devops-pat-legacy": [
        "ado_pat",
        "AZURE_DEVOPS",
        "vsts",
        "devops",
        ' = "',
        ": ",
        "iyfmob6xjrfmit67anxbot64umfx",
        "2clwx7dz5ynxi4q2z3uqegvq",
        "a",
        "_",
        " ",
    ],
    "maxmind-license-key": ["Ab3dEf", "_", "Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1", "_mmk", "a", "Z9", " "],
    "azure-devops-pat": [
        "Qw3rTy6UiOp9AsDfGhJkLzXcVbNm1234Qw3rTy",
        "Zx8vB2nM4lK7jH9gF3dS6aP1oI5uY0tR2eW4qA",
        "AZDO",
        "Ab3d",
        "a",
        " ",
        "-",
    ],
}


@pytest.mark.parametrize("type_id", sorted(PIECES))
def test_finder_finds_what_finditer_finds(type_id: str) -> None:
    fmt = next(f for f in FORMATS if f.id == type_id)
    assert fmt.finder is not None or fmt.offset is not None
    rng = random.Random(type_id)
    matched = 0
    for _ in range(4000):
        text = "".join(rng.choice(PIECES[type_id]) for _ in range(rng.randint(1, 40)))
        expected = [m.span() for m in fmt.pattern.finditer(text)]
        assert [m.span() for m in _matches(fmt, text)] == expected, text
        matched += bool(expected)
    assert matched >= 10  # the pieces do make tokens


def test_jwt_segment_length_limits() -> None:
    fmt = next(f for f in FORMATS if f.id == "jwt")
    rng = random.Random(7)

    def seg(n: int) -> str:
        return "".join(rng.choice(_SEG) for _ in range(n))

    for first in (7, 8, 4000, 4001):
        for second in (3, 4, 16000, 16001):
            for signature in (0, 9, 10, 4000, 4001):
                for before in ("", "eyJ-", "x."):
                    text = f"{before}eyJ{seg(first)}.eyJ{seg(second)}.{seg(signature)} "
                    expected = [m.span() for m in fmt.pattern.finditer(text)]
                    assert [m.span() for m in _matches(fmt, text)] == expected


def test_every_finder_and_offset_format_is_covered() -> None:
    special = {f.id for f in FORMATS if f.finder is not None or f.offset is not None}
    assert special == set(PIECES)
    assert all(re.compile(f.pattern.pattern) for f in FORMATS)
