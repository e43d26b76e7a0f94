from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.loaders.budgets import BudgetExceeded, Budgets, applied
from scanner.loaders.nesting import check, deeper_than
from tests.scaling import scaling_ratio


def depth_of(value: Any) -> int:
    """Nesting depth of parsed JSON, iteratively (the reference the text check must match)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


@pytest.mark.parametrize(
    ("text", "limit", "line"),
    [
        ("[" * 100_000 + "]" * 100_000, 200, 1),
        ('{"a": "[[[[[[", "b": [[1]]}', 3, None),  # brackets in strings do not count
        ('{"a": "[[[[[[", "b": [[1]]}', 2, 1),
        ('["\\"[[[[", [[[]]]]', 3, 1),  # an escaped quote does not end the string
        ('["\\\\", [[[]]]]', 4, None),  # an escaped backslash does
        ('[\n[\n[\n"]]]"]]]', 2, 3),  # the line of the first bracket too deep
        ('"unterminated [[[[[[', 1, None),
        ("]]]]]][[", 2, None),  # a stray closer is a syntax error before any depth
        ("", 0, None),
    ],
)
def test_depth_before_parsing(text: str, limit: int, line: int | None) -> None:
    assert deeper_than(text, limit) == line
    assert deeper_than(text.encode(), limit) == line


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\a'), inner, max_size=3),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.integers(min_value=0, max_value=8))
def test_the_text_check_agrees_with_the_parsed_depth(value: Any, limit: int) -> None:
    text = json.dumps(value, indent=1)
    assert (deeper_than(text, limit) is not None) == (depth_of(value) > limit)


def test_check_raises_a_limit_naming_the_budget() -> None:
    with applied(Budgets(max_nesting_depth=3)), pytest.raises(BudgetExceeded) as info:
        check('{"a":\n [[[1]]]}', "plan JSON", first_line=10)
    assert info.value.budget == "max_nesting_depth"
    assert info.value.line == 11
    assert (
        info.value.message == "parse plan JSON: nested deeper than 3 levels; not parsed (budget max_nesting_depth: 3)"
    )


@pytest.mark.parametrize(
    "unit",
    ['"\\"', "[", '"[', '["\\\\"', "{", "x"],
)
def test_check_is_linear(unit: str) -> None:
    # The hostile shapes for a string-skipping regex: quotes that never close, escapes.
    # Too deep only at the end, so that every pass runs over the whole text.
    deep = "[" * 101 + "]" * 101
    small, large = unit * 40_000 + deep, unit * 320_000 + deep
    ratio = scaling_ratio(lambda: deeper_than(small, 100), lambda: deeper_than(large, 100))
    assert ratio < 12, ratio  # linear is 8
