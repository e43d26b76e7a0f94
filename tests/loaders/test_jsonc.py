"""JSONC: comments and trailing commas blanked in place, so lines and columns stay where they were."""

from __future__ import annotations

import json

import pytest

from scanner.loaders import jsonc
from tests.scaling import scaling_ratio

TSCONFIG = """\
{
  // Editors and tsc accept comments and trailing commas.
  "compilerOptions": {
    "target": "es2017", /* inline */
    "paths": {"@/*": ["./src/*"]},
    "outDir": "https://cdn.example.invalid//dist",
  },
  "include": ["src/**/*",],
}
"""


def test_comments_and_trailing_commas_are_blanked_in_place() -> None:
    relaxed = jsonc.relaxed(TSCONFIG)
    assert relaxed is not None
    assert json.loads(relaxed) == {
        "compilerOptions": {
            "target": "es2017",
            "paths": {"@/*": ["./src/*"]},
            "outDir": "https://cdn.example.invalid//dist",
        },
        "include": ["src/**/*"],
    }
    assert [len(line) for line in relaxed.splitlines()] == [len(line) for line in TSCONFIG.splitlines()]


@pytest.mark.parametrize(
    "text",
    ['{"a": "// not a comment", "b": "/* nor this */", "c": "x,]"}', '{"a": [1, 2]}', "[]", '"\\\\"'],
)
def test_strict_json_is_left_alone(text: str) -> None:
    assert jsonc.relaxed(text) is None


def test_an_unterminated_comment_runs_to_the_end() -> None:
    text = '{"a": 1 /* never closed\n, "b": 2}'
    assert jsonc.relaxed(text) == '{"a": 1 ' + " " * len("/* never closed") + "\n" + " " * len(', "b": 2}')


def test_linear_on_hostile_shapes() -> None:
    for unit in ("/*", ",", '"/', ", ]", "//\n"):
        ratio = scaling_ratio(lambda u=unit: jsonc.relaxed(u * 20_000), lambda u=unit: jsonc.relaxed(u * 160_000))
        assert ratio < 12, (unit, ratio)
