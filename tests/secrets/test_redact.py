from __future__ import annotations

import pytest

from scanner.secrets.redact import REDACTED, clean_value, line_bounds, line_starts, redact, redact_text, snippet

AWS_ID = "AKIAZ7Q3M5X2W6R4T6YB"
AWS_SECRET = "q8Zr2Lx9Vm4Kt7WpN3bY6cH1jF5gD0sA8eR2uI4o"
HEX_SECRET = "9f3c2a7b1e8d4f6a0c5b3e9d2a7f1c8b4e6d0a3f"  # 40 hex: never detected alone (a digest's shape)
LONG = "Zq8Lr2Vx9Pm4Kt7W" * 20  # 320 characters: past the generic value cap of 200


def _runs(secret: str, n: int = 12) -> list[str]:
    return [secret[i : i + n] for i in range(len(secret) - n + 1)]


def test_redact_shows_short_prefix_and_length_only() -> None:
    assert redact("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") == "hf_Q**** (37 chars)"
    assert redact("hunter22") == "hu**** (8 chars)"
    assert redact("abc") == "**** (3 chars)"
    assert redact("ab\rcdefgh") == "ab**** (8 chars)"  # line separators are not part of the value


def test_clean_value_strips_every_line_separator() -> None:
    assert clean_value("a\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k") == "abcdefghijk"


def _snippet_of(text: str, secret: str, line: int = 1) -> str:
    start = text.index(secret)
    return snippet(text, *line_bounds(text, line_starts(text), line), [(start, start + len(secret))])


@pytest.mark.parametrize(
    ("text", "detected", "hidden"),
    [
        # A carriage return inside the quoted value: splitlines() would cut the line there.
        ('password = "Kx7qPm2Z\rvR9tLw4NhJ3c"\n', "Kx7qPm2Z\rvR9tLw4NhJ3c", ["Kx7qPm2Z", "vR9tLw4NhJ3c"]),
        # A value the detector capped at 200 characters: the rest of the token is hidden too.
        (f"API_SECRET={LONG}\n", LONG[:200], _runs(LONG)),
        # The undetected half of a pair on the flagged line.
        (f"aws_access_key_id={AWS_ID} aws_secret={HEX_SECRET}\n", AWS_ID, _runs(HEX_SECRET)),
        ('Task.set_credentials(key="JYH3W9K6X2P7QZ4M1T8R", secret="' + AWS_SECRET + '")', AWS_SECRET, ["JYH3W9K6X2P7"]),
        # Other separators inside the value.
        ('token: "ab9Xq2\u2028Lr8Vx3Pm4\x0bKt7Wz5"', "ab9Xq2\u2028Lr8Vx3Pm4\x0bKt7Wz5", ["Lr8Vx3Pm4"]),
    ],
)
def test_snippet_hides_everything_of_the_secret(text: str, detected: str, hidden: list[str]) -> None:
    shown = _snippet_of(text, detected)
    assert REDACTED in shown
    for part in hidden:
        assert part not in shown, shown
    assert "\r" not in shown and "\u2028" not in shown and "\x0b" not in shown


def test_snippet_keeps_names_and_plain_words() -> None:
    text = f'aws_secret_access_key = "{AWS_SECRET}"  # rotated by ops/rotate_keys.sh'
    shown = _snippet_of(text, AWS_SECRET)
    assert shown.startswith("aws_secret_access_key = ") and "rotated by ops/rotate_keys.sh" in shown


def test_snippet_of_a_secret_spanning_lines_hides_its_part_on_each_line() -> None:
    text = 'key = "Kx7qPm2ZvR9t\nLw4NhJ3cQ8dE"\nnext line'
    start = text.index("Kx7")
    span = [(start, text.index('"', start + 1))]
    starts = line_starts(text)
    assert "Kx7qPm2ZvR9t" not in snippet(text, *line_bounds(text, starts, 1), span)
    assert "Lw4NhJ3cQ8dE" not in snippet(text, *line_bounds(text, starts, 2), span)
    assert snippet(text, *line_bounds(text, starts, 3), span) == "next line"


def test_overlapping_and_touching_spans_show_nothing_in_clear() -> None:
    text = "x = AbCdEfGh12345678IjKlMnOp"
    shown = snippet(text, 0, len(text), [(4, 16), (10, 24), (24, 28)])
    assert shown.startswith("x = ") and shown.count(REDACTED) == 1 and "Op" not in shown


def test_snippet_is_cut_after_redaction() -> None:
    text = "a" * 300 + f" token={AWS_SECRET}"
    start = text.index(AWS_SECRET)
    shown = snippet(text, 0, len(text), [(start, start + len(AWS_SECRET))], limit=50)
    assert len(shown) == 50 and shown.endswith("…")


def test_many_secrets_on_one_line_stay_linear() -> None:
    # Thousands of spans inside one run of token characters: each widening reads new text only.
    text = "k=" + "Ab3Cd5Ef7Gh9Ij1K" * 20_000
    spans = [(2 + 16 * i, 2 + 16 * i + 16) for i in range(20_000)]
    shown = snippet(text, 0, len(text), spans)
    assert shown.startswith("k=") and shown.count(REDACTED) == 1


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("remote context 'postgres://admin:Kx7qPm2ZvR9tLw4N@db/x'", "Kx7qPm2ZvR9tLw4N", "postgres://admin:"),
        ("cannot clone https://ci:changeme@git.example/x", "changeme", "https://ci:"),  # any URL password
        ("KeyError: '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'", "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi", "KeyError: 'hf_Q"),
        ('invalid value: password = "Zq8Lr2Vx9Pm4Kt7W"', "Zq8Lr2Vx9Pm4Kt7W", "invalid value: password"),
        (f"line 3: {AWS_ID} {HEX_SECRET}", HEX_SECRET[:20], "line 3: "),  # the pair's other half
        (f"bad value API_SECRET={LONG}", LONG[200:260], "bad value API_SECRET="),  # past the cap
    ],
)
def test_redact_text_hides_secrets_in_error_text(text: str, hidden: str, kept: str) -> None:
    shown = redact_text(text)
    assert hidden not in shown and kept in shown and REDACTED in shown


def test_redact_text_leaves_plain_text_alone() -> None:
    text = "invalid YAML: did not find expected node content (line 3)\nsha 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"
    assert redact_text(text) == text
