"""The shape of one token format and the helper that builds a row (tokens.py, prefixed.py):
kept apart from the tables so that each table can import it without importing the other."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

Finder = Callable[[str, re.Pattern[str]], Iterator[re.Match[str]]]


@dataclass(frozen=True)
class TokenFormat:
    id: str
    name: str
    family: str
    source: str  # the regex; compiled at first use (`pattern`)
    keywords: tuple[str, ...]
    min_entropy: float = 3.0
    fixed: int = 0  # leading characters of the secret that are a fixed prefix
    validate: Callable[[str], bool] | None = None
    # The pattern starts at a word boundary; checked in Python so that the regex keeps its literal
    # prefix (the regex engine then finds candidates with a fast substring search).
    left_boundary: bool = False
    # A literal inside the token (`Q~`, `.atlasv1.`) for patterns that cannot start with one: the
    # pattern is tried only in a window `back` characters before each occurrence.
    anchor: str | None = None
    back: int = 0
    fwd: int = 100  # characters after the anchor the token may still run
    # When every match starts exactly `offset` characters before its anchor, the pattern is tried
    # there only (one `match`, not a `search` of the window: windows of close anchors overlap).
    offset: int | None = None
    # Where the pattern can match, for the formats a plain `finditer` would re-scan (finders.py).
    finder: Finder | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # Compiled when a file first holds one of the format's keywords: compiling all ~150 costs
        # ~25 ms, a tenth of the pre-commit hook's budget, and a commit's files name few providers.
        return re.compile(self.source)

    def secret_of(self, match: re.Match[str]) -> tuple[str, int, int]:
        """The secret is the `s` group, else the `t` group (an alternative), else the match."""
        for group in ("s", "t"):
            if group in self.pattern.groupindex and match.group(group) is not None:
                return match.group(group), match.start(group), match.end(group)
        return match.group(0), match.start(), match.end()


# Not preceded / followed by a character that would make the match part of a longer word.
L = r"(?<![A-Za-z0-9_])"
R = r"(?![A-Za-z0-9_])"
RD = r"(?![A-Za-z0-9_-])"


def T(
    id: str,
    name: str,
    family: str,
    pattern: str,
    keywords: tuple[str, ...],
    min_entropy: float = 3.0,
    fixed: int = 0,
    validate: Callable[[str], bool] | None = None,
    anchor: str | None = None,
    back: int = 0,
    fwd: int = 100,
    offset: int | None = None,
    finder: Finder | None = None,
) -> TokenFormat:
    left = pattern.startswith(L)
    if left:
        pattern = pattern[len(L) :]
    return TokenFormat(
        id,
        name,
        family,
        pattern,
        keywords,
        min_entropy,
        fixed,
        validate,
        left,
        anchor,
        back,
        fwd,
        offset,
        finder,
    )
