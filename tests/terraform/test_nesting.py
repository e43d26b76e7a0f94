from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.terraform.nesting import deeper_than
from tests.scaling import scaling_ratio


@pytest.mark.parametrize(
    ("text", "limit", "line"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, 200, 1),
        ("x = " + "(" * 300 + "1" + ")" * 300, 200, 1),
        ("a {\n" * 300 + "}\n" * 300, 200, 201),
        ('x = "${' * 300 + "1" + '}"' * 300, 200, 1),  # templates nest in interpolations
        ('x = "' + "[" * 300 + '"\ny = [[1]]', 2, None),  # string text does not count
        ('x = "' + "[" * 300 + '"\ny = [[1]]', 1, 2),
        ("x = <<EOT\n" + "[" * 300 + "\nEOT\ny = [[1]]", 2, None),  # nor heredoc text
        ("x = <<-EOT\n" + "[" * 300 + "\n  EOT\ny = [[[1]]]", 2, 4),
        ("x = <<EOT\n${" + "[" * 300 + "]" * 300 + "}\nEOT\n", 200, 2),  # but its interpolations do
        ("# " + "[" * 300 + "\n// ((((\n/* {{{{ */\ny = [[1]]", 2, None),  # nor comments
        ('x = "$${' + "[" * 300 + '"\ny = [[1]]', 2, None),  # `$${` is a literal
        ('x = "\\"' + "[" * 300 + '"\ny = [[1]]', 2, None),  # an escaped quote
        ('x = "]]]]]]" [ [ [ [ [', 3, 1),  # closers in a string close nothing
        (")" * 300 + "\nx = " + "[" * 300, 200, 2),  # stray closers cannot hide what follows
        ('x = "\\\n' + "[" * 300 + '"', 200, 2),  # a string never continues past its line
    ],
)
def test_depth_before_parsing(text: str, limit: int, line: int | None) -> None:
    assert deeper_than(text, limit) == line


def _expression(depth: int, noise: str) -> str:
    """An HCL expression exactly `depth` levels deep, with bracket noise in strings, heredocs
    and comments that must not count."""
    if depth == 0:
        return f'"{noise}"'
    inner = _expression(depth - 1, noise)
    shapes = [f"[{inner}, 1]", f"{{ k = {inner} }}", f"f({inner})", f"(\n  {inner} # {noise}\n)"]
    return shapes[depth % len(shapes)]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.text(alphabet="[](){}ab ", max_size=10))
def test_exact_on_expressions_with_noise(depth: int, noise: str) -> None:
    text = f"x = {_expression(depth, noise)}\ny = <<EOT\n{noise}\nEOT\n"
    assert deeper_than(text, depth) is None
    assert deeper_than(text, depth - 1) is not None


@pytest.mark.parametrize(
    "unit",
    ['x = "${a}"\n', "x = <<EOT\n${[1]}\n", "/* [ ", 'x = "[["\n', "# ((\n"],
)
def test_check_is_linear(unit: str) -> None:
    # Shapes that are never too deep, so that the whole text is read (deep ones stop early).
    small, large = unit * 20_000, unit * 160_000
    ratio = scaling_ratio(lambda: deeper_than(small, 100), lambda: deeper_than(large, 100))
    assert ratio < 12, ratio  # linear is 8
