"""Personal data detectors for single cells of tabular data. Validation comes from libraries:
`phonenumbers` (Google's libphonenumber), `python-stdnum` (Luhn, IBAN, US SSN), `ipaddress`;
card numbers also need a card network's IIN range (`cards`). Regexes only find candidates; a
candidate counts when its library validates it."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from scanner.data import cards

MAX_CELL = 4096  # longer cells are free text; their head is enough for a sample

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")
_PHONE_HINT = re.compile(r"[+()\-. ]")
# Dates, times and decimals have separators and digits too; they are never phone numbers.
_NOT_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?|\d{1,2}:\d{2}(:\d{2})?|-?\d+\.\d+|(\d{1,3}\.){3}\d{1,3}")
_ONLY_PHONE_CHARS = re.compile(r"[\d\s+().\-]+")


# Domains reserved for documentation and tests (RFC 2606, RFC 6761): nobody has a mailbox there.
_RESERVED_DOMAIN = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$", re.IGNORECASE)


def _emails(cell: str) -> bool:
    return any(not _RESERVED_DOMAIN.search(m.group().rsplit("@", 1)[1]) for m in _EMAIL.finditer(cell))


def _ssns(cell: str) -> bool:
    from stdnum.us import ssn  # imported on first use: keeps the CLI's start-up fast

    return any(ssn.is_valid(m.group()) for m in _SSN.finditer(cell))


def _cards(cell: str) -> bool:
    return any(cards.valid(d) for d in cards.candidates(cell))


def _ibans(cell: str) -> bool:
    from stdnum import iban

    return any(iban.is_valid(m.group()) for m in _IBAN.finditer(cell))


def _public_ip(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).is_global
    except ValueError:
        return False


def _ips(cell: str) -> bool:
    return any(_public_ip(m.group()) for m in (*_IPV4.finditer(cell), *_IPV6.finditer(cell)))


def _phones(cell: str, region: str = "US") -> bool:
    import phonenumbers

    # A bare run of digits is far more often an id than a phone number: need formatting.
    if sum(c.isdigit() for c in cell) < 7 or not _PHONE_HINT.search(cell) or _NOT_PHONE.fullmatch(cell.strip()):
        return False
    if _ONLY_PHONE_CHARS.fullmatch(cell):  # the whole cell is one number: parse it directly
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(cell, region))
        except phonenumbers.NumberParseException:
            return False
    matcher = phonenumbers.PhoneNumberMatcher(cell, region, leniency=phonenumbers.Leniency.VALID)
    return matcher.has_next()


DETECTORS: dict[str, Callable[[str], bool]] = {
    "email address": _emails,
    "phone number": _phones,
    "US SSN": _ssns,
    "payment card number": _cards,
    "IBAN": _ibans,
    "public IP address": _ips,
}


@lru_cache(maxsize=1 << 16)  # data columns repeat values
def kinds_in(cell: str) -> tuple[str, ...]:
    cell = cell[:MAX_CELL]
    if len(cell) < 6:
        return ()
    return tuple(name for name, found in DETECTORS.items() if found(cell))


@lru_cache(maxsize=1 << 16)
def card_shaped(cell: str) -> bool:
    """The cell holds a card-length number in an IIN range, Luhn-valid or not: how many of a
    column's such numbers pass Luhn tells a card column from an id column (one in ten passes)."""
    return bool(cards.candidates(cell[:MAX_CELL]))


# Header words that say a column is meant to hold that kind of personal data.
COLUMN_NAMES = {
    "email address": r"e-?mail|mail_?addr",
    "phone number": r"phone|mobile|\btel\b|telephone|\bfax\b|msisdn",
    "US SSN": r"\bssn\b|social.?security",
    "payment card number": r"card|\bcc.?num|\bpan\b",
    "IBAN": r"iban|account",
    "public IP address": r"\bip\b|ip.?addr|client.?ip|remote.?addr|\bhost",
}
# Kinds whose name alone says personal data (`account` and `host` name many other things).
NAME_ONLY_KINDS = ("email address", "phone number", "US SSN")


def named_kinds(header: str, kinds: Iterable[str]) -> list[str]:
    """The kinds of personal data a column's name says it holds, among `kinds`."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", header).lower().replace("_", " ")
    return [k for k in kinds if re.search(COLUMN_NAMES[k], words)]
