"""Payment card numbers: a whole token of card length, issued by a card network, Luhn-valid.

Luhn alone passes one random number in ten, and a regex over free text finds 13-19 digit runs
inside floats ("0.4123456789012345"), scientific notation and long ids. So a candidate is only a
token that is nothing but digits (optionally grouped by single spaces or dashes as printed on
cards), with no decimal point, sign or exponent next to it, whose prefix and length match an
issuer identification number (IIN) range of a network that issues cards today.
"""

from __future__ import annotations

import re

# A token of 13-19 digits, bare or grouped 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners); nothing
# number-like may touch it: no digit, point, comma, sign, exponent or word character.
_TOKEN = re.compile(
    r"(?<![\w.,+\-])"
    r"(\d{13,19}|\d{4}([ -])\d{4}\2\d{4}\2\d{1,4}(?:\2\d{3})?|\d{4}([ -])\d{6}\3\d{4,5})"
    r"(?![\w.,]|[+\-]?\d)"
)

# (first digits low, high, allowed lengths), from the networks' published IIN tables
# (Visa, Mastercard incl. the 2-series, American Express, Discover incl. China UnionPay
# co-branding, JCB, Diners Club International, UnionPay, Maestro).
_RANGES: tuple[tuple[int, int, frozenset[int]], ...] = (
    (4, 4, frozenset({13, 16, 19})),  # Visa
    (51, 55, frozenset({16})),  # Mastercard
    (2221, 2720, frozenset({16})),  # Mastercard 2-series
    (34, 34, frozenset({15})),  # American Express
    (37, 37, frozenset({15})),
    (6011, 6011, frozenset({16, 17, 18, 19})),  # Discover
    (644, 649, frozenset({16, 17, 18, 19})),
    (65, 65, frozenset({16, 17, 18, 19})),
    (3528, 3589, frozenset({16, 17, 18, 19})),  # JCB
    (300, 305, frozenset({14, 15, 16, 17, 18, 19})),  # Diners Club
    (36, 36, frozenset({14, 15, 16, 17, 18, 19})),
    (38, 39, frozenset({16, 17, 18, 19})),
    (62, 62, frozenset({16, 17, 18, 19})),  # UnionPay
    (50, 50, frozenset({13, 14, 15, 16, 17, 18, 19})),  # Maestro
    (56, 58, frozenset({13, 14, 15, 16, 17, 18, 19})),
    (67, 67, frozenset({13, 14, 15, 16, 17, 18, 19})),
)


def issued(digits: str) -> bool:
    """The number's prefix and length belong to a card network's IIN range."""
    for low, high, lengths in _RANGES:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return True
    return False


def candidates(cell: str) -> list[str]:
    """Digit strings in `cell` shaped like a card number of some network (before Luhn)."""
    found = (re.sub(r"[ -]", "", m.group(1)) for m in _TOKEN.finditer(cell))
    return [d for d in found if issued(d)]


def valid(digits: str) -> bool:
    from stdnum import luhn  # imported on first use: keeps the CLI's start-up fast

    return luhn.is_valid(digits)
