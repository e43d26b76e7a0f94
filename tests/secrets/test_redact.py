from __future__ import annotations

import pytest

from scanner.secrets.redact import REDACTED, redact, redact_line, redact_text, secret_key


def test_redact_shows_short_prefix_and_length_only() -> None:
    assert redact("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") == "hf_Q**** (37 chars)"
    assert redact("hunter22") == "hu**** (8 chars)"
    assert redact("abc") == "**** (3 chars)"


def test_redact_line_and_stable_key() -> None:
    line = 'token = "Zq8Lr2Vx9Pm4Kt7W"'
    assert "Zq8Lr2Vx9Pm4Kt7W" not in redact_line(line, ["Zq8Lr2Vx9Pm4Kt7W"])
    assert secret_key("a") == secret_key("a") != secret_key("b")


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("remote context 'postgres://admin:Kx7qPm2ZvR9tLw4N@db/x'", "Kx7qPm2ZvR9tLw4N", "postgres://admin:"),
        ("cannot clone https://ci:changeme@git.example/x", "changeme", "https://ci:"),  # any URL password
        ("KeyError: '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'", "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi", "KeyError: 'hf_Q"),
        ('invalid value: password = "Zq8Lr2Vx9Pm4Kt7W"', "Zq8Lr2Vx9Pm4Kt7W", "invalid value: password"),
    ],
)
def test_redact_text_hides_secrets_in_error_text(text: str, hidden: str, kept: str) -> None:
    shown = redact_text(text)
    assert hidden not in shown and kept in shown and REDACTED in shown


def test_redact_text_leaves_plain_text_alone() -> None:
    text = "invalid YAML: did not find expected node content (line 3)"
    assert redact_text(text) == text
