"""Nesting depth of HCL source, measured before any parser sees it.

HashiCorp's parser recurses per level in Go: `x = [[[…]]]` 100,000 deep (200 KB) overflows the
Go stack and aborts the whole process, and pygohcl's conversion recurses in Python too. The
lexer here counts what opens a level (brackets, parentheses, braces, template interpolations
and the strings inside them) and skips what cannot (comments, the literal text of strings and
heredocs). It over-counts rather than under-counts: a bracket it cannot place is a level. The
parser still runs out of process (see worker), so a shape this count misses (a long run of
unary operators) costs one worker, never the scan.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat

# Escapes never cross a line: an unterminated string ends at its line, as in HCL's scanner.
_SIMPLE_STRING = r'"[^"\\\n$%]*(?:(?:\\[^\n]|[$%](?!\{))[^"\\\n$%]*)*"'
_CODE = re.compile(
    _SIMPLE_STRING
    + r'|"|<<-?[ \t]*(?P<marker>[A-Za-z_][\w-]*)[ \t]*\r?\n|#[^\n]*|//[^\n]*|/\*(?:.*?\*/|.*\Z)|[\[({\])}]',
    re.S,
)
_STRING = re.compile(r'\\[^\n]|[$%]{2}\{|[$%]\{|"|\n')
_OPENERS = "[({"
# The common case, in C: comments and strings without interpolations removed, then brackets
# counted. Taken only when nothing that needs the lexer (a quote or a heredoc) is left.
_PLAIN = re.compile(_SIMPLE_STRING + r"|#[^\n]*|//[^\n]*|/\*(?:.*?\*/|.*\Z)", re.S)
_DROP = str.maketrans("", "", "".join(chr(c) for c in range(128) if chr(c) not in "[](){}"))
_DELTA = {"[": 1, "(": 1, "{": 1, "]": -1, ")": -1, "}": -1}


@lru_cache(maxsize=64)
def _heredoc(marker: str) -> re.Pattern[str]:
    return re.compile(r"[$%]{2}\{|[$%]\{|^[ \t]*" + re.escape(marker) + r"[ \t]*\r?$", re.M)


def deeper_than(text: str, limit: int) -> int | None:
    """The line (1-based) where nesting first exceeds `limit`, or None."""
    if 2 * sum(text.count(c) for c in "[({") <= limit:
        return None  # each level needs an opener (a string in an interpolation one more)
    plain = _PLAIN.sub("", text)
    if '"' not in plain and "<<" not in plain:
        depths = list(accumulate(map(_DELTA.get, plain.translate(_DROP), repeat(0))))
        # A stray closer would make the running sum under-count what follows: the lexer clamps.
        if min(depths, default=0) >= 0 and max(depths, default=0) <= limit:
            return None
    return _lex(text, limit)


def _lex(text: str, limit: int) -> int | None:
    # The stack holds "(" for a bracket of any kind, "$" for an interpolation, '"' for a quoted
    # string and the marker of a heredoc; its length is the depth.
    stack: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        top = stack[-1] if stack else "("
        if top in ("(", "$"):
            match = _CODE.search(text, pos)
            if match is None:
                return None
            token, pos = match.group(), match.end()
            if token == '"':
                stack.append('"')
            elif token[0] == '"':
                continue  # a string without interpolations
            elif match.group("marker"):
                stack.append(match.group("marker"))
            elif token in _OPENERS:
                stack.append("(")
            elif token in ")]}":
                if stack:
                    stack.pop()
                continue
            else:
                continue  # a comment
        else:
            pattern = _STRING if top == '"' else _heredoc(top)
            match = pattern.search(text, pos)
            if match is None:
                return None
            token, pos = match.group(), match.end()
            if token in ("${", "%{"):
                stack.append("$")
            elif token[0] in "\\$%":
                continue  # an escape, or a literal `$${`
            else:
                stack.pop()  # the string or heredoc ends (an unterminated string ends at its line)
                continue
        if len(stack) > limit:
            return text.count("\n", 0, pos) + 1
    return None
