"""Candidate positions for the token formats whose regex, run by `finditer`, would re-read the same
text once per candidate: PEM private key blocks (a body of up to 20,000 characters after every
BEGIN line), JWTs (three segments of up to 24,000 characters after every `eyJ`) and Bundler
credentials (a name of any length after every `BUNDLE_`).

Each finder works out, in one pass, where the format's regex could match, and runs the regex only
there: it yields exactly the matches `pattern.finditer(text)` yields, in linear time."""

from __future__ import annotations

import re
from collections.abc import Iterator

_PEM_BEGIN = "-----BEGIN"
_PEM_END = "-----END"
_PEM_HEADER = re.compile(r"-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----")
_PEM_FOOTER = re.compile(r"-----END[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----")
PEM_BODY = (40, 20000)  # the bounds of the body in the private-key pattern


def pem_blocks(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """A body cannot hold `-----END`, so the block a header opens can only close at the first
    `-----END` after it: one search per header, shared by every header before that END."""
    last_end = 0
    end_at, end_from = -1, -1  # the first END at or after end_from
    pos = text.find(_PEM_BEGIN)
    while pos != -1:
        header = _PEM_HEADER.match(text, pos) if pos >= last_end else None
        if header is not None:
            body = header.end()
            if not end_from <= body <= end_at:
                end_at, end_from = text.find(_PEM_END, body), body
                if end_at == -1:
                    return  # no END anywhere after: no later header can close either
            footer = _PEM_FOOTER.match(text, end_at)
            if footer is not None and PEM_BODY[0] <= end_at - body <= PEM_BODY[1]:
                m = pattern.match(text, pos, footer.end())
                if m is not None:
                    last_end = m.end()
                    yield m
        pos = text.find(_PEM_BEGIN, pos + 1)


_JWT_RUN = re.compile(r"[A-Za-z0-9_.-]*")
_JWT_FIRST = (8, 4000)  # characters after `eyJ` in the header segment
_JWT_SECOND = (4, 16000)  # characters after `eyJ` in the payload segment
_JWT_SIGNATURE = (10, 4000)  # or empty


def jwt_tokens(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """A JWT is `eyJ...` `.eyJ...` `.signature` and nothing of the same alphabet after it, so it
    ends where its run of `[A-Za-z0-9_.-]` ends: one look at the last two dots of each run that
    holds an `eyJ` tells where (if anywhere) the regex matches in that run."""
    pos = text.find("eyJ")
    while pos != -1:
        run_end = _JWT_RUN.match(text, pos).end()  # type: ignore[union-attr]
        start = _jwt_start(text, pos, run_end)
        if start is not None:
            m = pattern.match(text, start, run_end)
            if m is not None:
                yield m
        pos = text.find("eyJ", run_end)


def _jwt_start(text: str, first: int, run_end: int) -> int | None:
    """The leftmost start of a JWT ending at run_end; `first` is the run's first `eyJ`."""
    second_dot = text.rfind(".", first, run_end)
    first_dot = text.rfind(".", first, second_dot) if second_dot != -1 else -1
    if first_dot == -1:
        return None
    signature = run_end - second_dot - 1
    if signature and not _JWT_SIGNATURE[0] <= signature <= _JWT_SIGNATURE[1]:
        return None
    if not text.startswith("eyJ", first_dot + 1) or not (
        _JWT_SECOND[0] <= second_dot - first_dot - 4 <= _JWT_SECOND[1]
    ):
        return None
    lo = max(first, text.rfind(".", first, first_dot) + 1, first_dot - 3 - _JWT_FIRST[1])
    start = text.find("eyJ", lo, first_dot)
    return start if start != -1 and first_dot - start - 3 >= _JWT_FIRST[0] else None


_BUNDLE = "BUNDLE_"
_BUNDLE_NAME_RUN = re.compile(r"[A-Z0-9_]*")


def bundler_settings(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`BUNDLE_<NAME>=` where the name runs to the end of a run of `[A-Z0-9_]`: a second `BUNDLE_`
    inside the same run can only see a shorter name and the same text after it, so it cannot
    match where the first did not."""
    pos = text.find(_BUNDLE)
    while pos != -1:
        m = pattern.match(text, pos)
        if m is not None:
            yield m
            pos = text.find(_BUNDLE, m.end())
        else:
            pos = text.find(_BUNDLE, _BUNDLE_NAME_RUN.match(text, pos).end())  # type: ignore[union-attr]


_DEVOPS_WORDS = ("ado", "azdo", "vsts", "azure_devops", "azuredevops", "devops")


def devops_names(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The legacy Azure DevOps token pattern starts with one of a few words (any case): the
    regex is tried only where one occurs, in offset order, as `finditer` would find them."""
    low = text.lower()
    if len(low) != len(text):
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for word in _DEVOPS_WORDS:
        pos = low.find(word)
        while pos != -1:
            starts.add(pos)
            pos = low.find(word, pos + 1)
    last_end = 0
    for pos in sorted(starts):
        if pos < last_end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            last_end = m.end()
            yield m
