from __future__ import annotations

from scanner.secrets.redact import redact, redact_line, secret_key


def test_redact_shows_short_prefix_and_length_only() -> None:
    assert redact("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") == "hf_Q**** (37 chars)"
    assert redact("hunter22") == "hu**** (8 chars)"
    assert redact("abc") == "**** (3 chars)"


def test_redact_line_and_stable_key() -> None:
    line = 'token = "Zq8Lr2Vx9Pm4Kt7W"'
    assert "Zq8Lr2Vx9Pm4Kt7W" not in redact_line(line, ["Zq8Lr2Vx9Pm4Kt7W"])
    assert secret_key("a") == secret_key("a") != secret_key("b")
