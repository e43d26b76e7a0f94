"""PII detectors: validated by libraries, so look-alikes do not count."""

from __future__ import annotations

import pytest

from scanner.data import pii


@pytest.mark.parametrize(
    ("cell", "kinds"),
    [
        ("ana@mailbox.org", ["email address"]),
        ("contact: bo.smith+ml@corp.example.co.uk", ["email address"]),
        ("+1 415-555-2671", ["phone number"]),
        ("(212) 555-0143", ["phone number"]),
        ("+44 20 7946 0958", ["phone number"]),
        ("123-45-6789", ["US SSN"]),
        ("4111 1111 1111 1111", ["payment card number"]),
        ("5500-0000-0000-0004", ["payment card number"]),
        ("DE89370400440532013000", ["IBAN"]),
        ("GB82 WEST 1234 5698 7654 32", ["IBAN"]),
        ("8.8.8.8", ["public IP address"]),
        ("2001:4860:4860::8888", ["public IP address"]),
        # look-alikes
        ("4155552671", []),  # bare digits: an id, not a phone
        ("078-05-1120", []),  # the famous invalid "Woolworth" SSN
        ("000-12-3456", []),
        ("4111111111111112", []),  # fails Luhn
        ("DE89370400440532013001", []),  # bad IBAN checksum
        ("10.0.0.12", []),
        ("127.0.0.1", []),
        ("user@localhost", []),
        ("0.25", []),
        # card numbers: a whole digit token of card length in a network's IIN range
        ("378282246310005", ["payment card number"]),  # Amex, 15 digits
        ("card 4111-1111-1111-1111 on file", ["payment card number"]),
        ("0.4111111111111111", []),  # the decimals of a float
        ("4111111111111111.0", []),  # a float printed with its point
        ("4.111111111111111e+15", []),  # scientific notation
        ("-4111111111111111", []),  # a signed number is a measurement, not a card
        ("1111111111111117", []),  # Luhn-valid, but no network issues cards starting with 1
        ("41111111111114", []),  # Luhn-valid 14-digit Visa-like number: Visa has no 14-digit cards
        ("20240101123456786", []),  # a Luhn-valid timestamp id: no network starts with 20
    ],
)
def test_kinds_in(cell: str, kinds: list[str]) -> None:
    assert list(pii.kinds_in(cell)) == kinds
