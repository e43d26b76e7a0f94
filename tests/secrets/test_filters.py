"""The template and placeholder filters, written to stop at the next opener of their own kind
(linear on values of thousands of openers), decide exactly as the plain patterns did."""

from __future__ import annotations

import random
import re

from scanner.secrets import filters

PLAIN_TEMPLATE = re.compile(
    r"\$\{[^}]*\}|\{\{.*?\}\}|\$\(.*?\)|%\([\w.]+\)[sd]|<%=?.*?%>|#\{[^}]*\}|\{%.*?%\}|^\{[\w.]+\}$|%[A-Z_]+%"
)
PLAIN_ANGLE = re.compile(r"<[^>]*>")
PIECES = ["$", "{", "}", "(", ")", "<", ">", "%", "#", "\n", "a", "=", "s", "A", "_", ".", "{{", "}}", "${", "$(",
          "<%", "%>", "{%", "%}", "#{"]  # fmt: skip


def test_linear_filters_decide_as_the_plain_patterns() -> None:
    rng = random.Random(14)
    for _ in range(60000):
        value = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        assert (filters._TEMPLATE.search(value) is None) == (PLAIN_TEMPLATE.search(value) is None), value
        angle = filters._PLACEHOLDER_WORDS.search(value)
        if PLAIN_ANGLE.search(value) is not None:
            assert angle is not None, value


def test_examples() -> None:
    assert filters.is_template_or_reference("{{ .Values.password }}")
    assert filters.is_template_or_reference("pre-${DB_PASSWORD}-post")
    assert filters.is_template_or_reference("<%= ENV['X'] %>")
    assert not filters.is_template_or_reference("{{ unclosed")
    assert filters.is_placeholder("<your-secret>")
    assert filters.is_placeholder("somethingsecret") and filters.is_placeholder("Totally_Secret")
    assert filters.is_placeholder("someothersecret") and filters.is_placeholder("my-other-password")
    assert not filters.is_placeholder("supersecret")  # deployed as a real (weak) password too
    assert not filters.is_placeholder("somethingsecret2024")
