"""A provider's name near a value of the provider's key shape (named_providers.py): the way
trufflehog's keyword detectors find keys that have no prefix of their own. Ranked below the exact
token formats (detect.py): a value a format claims is that format's.

Linear in the text: detect.py's one Aho-Corasick pass finds the names; around each name its line,
at most `WINDOW` characters either side, is searched, and the windows of one provider and shape
are merged before searching, so that no character is looked at twice for the same shape."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

from scanner.secrets.entropy import is_sequence, shannon
from scanner.secrets.filters import is_documented_example, is_template_or_reference
from scanner.secrets.generic import Candidate
from scanner.secrets.named_providers import CLASSES, PROVIDERS, NamedProvider, Shape

WINDOW = 200
# Stand-ins typed in place of a key (`your_key_here`, `xxxxx`).
_PLACEHOLDER = re.compile(r"x{5,}|\*{3,}|your|here|placeholder|redacted|insert|replace|example", re.IGNORECASE)
# A hex value on a line that speaks of digests is a digest, whoever is named beside it.
# ... and so is one beside a link to a code host (a commit or pull request named next to it).
_DIGEST_WORDS = re.compile(
    r"sha\d|sha-|md5|hash|digest|checksum|commit|integrity|fingerprint|etag|revision"
    r"|github\.com|gitlab\.com|bitbucket\.org|\bpull\b|\bPR\b",
    re.I,
)
# A run of hex digits only, whatever the provider's shape: what a digest looks like.
_HEX_VALUE = re.compile(r"[0-9a-f]+|[0-9A-F]+")
# A Markdown table row, and how far above it its header is looked for (a bound keeps each
# candidate's look-up short in a long table).
_TABLE_ROW = re.compile(r"[ \t]*\|")
TABLE_LOOKBACK = 8192
# Capitalised words (`Mistral3ForConditionalGeneration`): a class or constant name, not a key.
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]{2,}")
_EXTRA = {"lowerdash": "-", "alnumdash": "-", "urlsafe": "_-", "base": "+/", "uuid": "-"}
_UUID_BODY = "-".join(f"[0-9a-fA-F]{{{n}}}" for n in (8, 4, 4, 4, 12))
# A UUID on a line that names it an id (`formId`, `app_id`, `project-id`) is an identifier.
_ID_WORDS = re.compile(r"(?i:(?<![a-z])id\b|uuid|guid)|[a-z]Id\b|[a-z]ID\b")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@cache  # by spec, at first use: ~140 shapes cost ~7 ms to compile, and a file names few providers
def _pattern(spec: str) -> re.Pattern[str]:
    shape = _SHAPES[spec]
    edge = "0-9A-Za-z" + _EXTRA.get(shape.cls, "")
    pad = "={0,2}" if shape.cls == "base" else ""
    body = _UUID_BODY if shape.cls == "uuid" else rf"[{CLASSES[shape.cls]}]{{{shape.lo},{shape.hi}}}"
    return re.compile(rf"(?<![{edge}])(?:{body}){pad}(?![={edge}])")


_SHAPES = {s.spec: s for p in PROVIDERS for s in p.shapes}


NameEntry = tuple[int, tuple[int, ...]]  # the name's length, the providers it names
NameHit = tuple[int, NameEntry]  # offset of the name's last character, its entry


def _names() -> dict[str, NameEntry]:
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, provider in enumerate(PROVIDERS):
        for word in provider.keywords:
            by_word[word].append(i)
    return {word: (len(word), tuple(indexes)) for word, indexes in by_word.items()}


# Looked for by detect.py's keyword automaton, in the same pass as the token formats' keywords.
NAMES = _names()


def _is_lower(c: str) -> bool:
    return "a" <= c <= "z"


def _named_at(text: str, start: int, end: int) -> bool:
    """The name stands as a word or a camelCase part: `abstract_key`, `apiMetrics`, `ABSTRACT`,
    never inside a longer lowercase word (`abstractmethod`, `getsmartsheet`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _is_lower(before) and not _is_lower(after)


def _in_path_or_host(text: str, start: int, end: int) -> bool:
    """Part of a URL path, a host name, an e-mail or a version pin (`github.com/o/r@<sha>`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end : end + 2] or " "
    return before in "/@.#%\\" or after[0] in "/@\\" or (after[0] == "." and after[1:2].isalnum())


def _value_ok(value: str, shape: Shape, line: str, provider: NamedProvider) -> bool:
    if not any(c.isdigit() for c in value) or not any(c.isalpha() for c in value):
        return False
    low = value.lower()
    if any(word in low for word in provider.keywords):
        return False  # a name built on the provider's (`MistralModel7B...`)
    words = _CAPITALISED_WORD.findall(value)
    if len(words) >= 3 and sum(map(len, words)) * 4 >= len(value) * 3:
        return False
    floor = 3.0 if shape.cls in ("hex", "uuid") else (3.5 if len(value) >= 24 else 3.2)
    if shannon(value) < floor or is_sequence(value) or _PLACEHOLDER.search(value):
        return False
    if _HEX_VALUE.fullmatch(value) and _DIGEST_WORDS.search(line):
        return False
    if shape.cls == "uuid" and _ID_WORDS.search(line):
        return False
    return not (is_documented_example(value) or is_template_or_reference(value))


def _windows(text: str, names: Iterable[NameHit]) -> dict[tuple[int, str], list[tuple[int, int]]]:
    """(provider, shape) -> merged windows of the lines where the provider is named."""
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for last, (length, indexes) in names:
        start, end = last + 1 - length, last + 1
        if not _named_at(text, start, end):
            continue
        line_start = text.rfind("\n", max(0, start - WINDOW), start) + 1 or max(0, start - WINDOW)
        line_end = text.find("\n", end, end + WINDOW)
        lo = max(line_start, start - WINDOW)
        hi = min(len(text), end + WINDOW) if line_end == -1 else line_end
        for i in indexes:
            for shape in PROVIDERS[i].shapes:
                spans[(i, shape.spec)].append((lo, hi))
    merged: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for key, windows in spans.items():
        out: list[tuple[int, int]] = []
        for lo, hi in sorted(windows):
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        merged[key] = out
    return merged


def _line_of(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", max(0, start - WINDOW), start) + 1 or max(0, start - WINDOW)
    hi = text.find("\n", end, end + WINDOW)
    return text[lo : hi if hi != -1 else end + WINDOW]


def _table_header(text: str, start: int) -> str:
    """The first row of the Markdown table whose row holds `start`, or "" outside a table: a
    table's header names what its columns hold (`| Name | Download | md5sum |`). Looks at most
    `TABLE_LOOKBACK` characters up, so a long table or line costs each candidate no more."""
    floor = max(0, start - TABLE_LOOKBACK)

    def line_start(end: int) -> int:
        newline = text.rfind("\n", floor, end)
        return newline + 1 if newline != -1 else (0 if floor == 0 else -1)

    row = line_start(start)
    if row == -1 or not _TABLE_ROW.match(text, row):
        return ""
    while row > 0:
        above = line_start(row - 1)
        if above == -1 or not _TABLE_ROW.match(text, above, row):
            break
        row = above
    end = text.find("\n", row, row + TABLE_LOOKBACK)
    return text[row : end if end != -1 else row + TABLE_LOOKBACK]


def find(text: str, names: Iterable[NameHit]) -> Iterator[Candidate]:
    """Values of a named provider's key shape on the lines that name it (`names`: where
    detect.py's keyword pass found the provider names in the lowercased text)."""
    for (index, spec), windows in _windows(text, names).items():
        provider: NamedProvider = PROVIDERS[index]
        shape = next(s for s in provider.shapes if s.spec == spec)
        pattern = _pattern(spec)
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                value = m.group().rstrip("=")
                if _in_path_or_host(text, m.start(), m.end()):
                    continue
                line = _line_of(text, m.start(), m.end())
                if _HEX_VALUE.fullmatch(value):
                    # a digest's shape: the words that say so may be in the table's header
                    line += "\n" + _table_header(text, m.start())
                if _value_ok(value, shape, line, provider):
                    slug = _slug(provider.name)
                    yield Candidate(
                        f"{slug}-key", f"{provider.name} key", provider.family, m.group(), m.start(), m.end()
                    )
