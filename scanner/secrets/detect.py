"""Find secrets in a text: token formats first, then generic credentials; overlaps resolved in
favour of the more specific format. Offsets map to 1-based lines of the same text."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import PurePosixPath

import ahocorasick

from scanner.secrets import assignments, credfiles, generic, nearby
from scanner.secrets.entropy import has_classes, is_hex_digest, shannon
from scanner.secrets.filters import (
    inside_base64_blob,
    is_documented_example,
    is_public_token_field,
    is_template_or_reference,
)
from scanner.secrets.placement import is_generated
from scanner.secrets.prefixed import NOT_TOKEN_PREFIXES
from scanner.secrets.qualified import GENERIC_WORDS, KEY_WORDS
from scanner.secrets.tokens import FORMATS, TokenFormat


@dataclass(frozen=True)
class Detection:
    type_id: str
    name: str
    family: str
    secret: str
    start: int  # offsets of the secret in the scanned text
    end: int
    line: int  # 1-based lines of the secret's first and last character
    end_line: int


Candidate = tuple[int, str, str, str, str, int, int]  # priority, type, name, family, secret, start, end

# Stand-in words inside an otherwise well-formed token (`ghp_XXXX...`, `..._PUT_YOUR_TOKEN_HERE_`).
_TOKEN_PLACEHOLDER = re.compile(r"x{5,}|\*{3,}|your|here|placeholder|redacted|insert|replace", re.IGNORECASE)
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
AWS_PAIR_LINES = 5
# `sk-` starts the keys of several providers (OpenAI's old format, DeepSeek, Braintrust...).
_SHARED_PREFIXES = frozenset({"sk-"}) | NOT_TOKEN_PREFIXES
# Provider prefixes (keywords with a separator or digit, e.g. `xoxp-`, `hf_`, `dapi`): a generic
# value that starts with one but did not match that provider's format is a truncated or fake token.
_PROVIDER_PREFIXES = tuple(
    sorted(
        {
            k
            for f in FORMATS
            for k in f.keywords
            if len(k) >= 3 and not k.isalpha() and not k.startswith(("-", ":")) and k not in _SHARED_PREFIXES
        }
        | {"dapi", "absk", "aiza", "akia", "asia", "eaaa"}
    )
)
# Whose each prefix is, in the words a credential's name would use. A provider-named value with
# another provider's prefix (`iexapis token = 'sk_...'`) is the named provider's key; one whose
# name says the prefix's own provider (`gemini api key = 'AIza...'`) is that key, malformed.
_OWNER_ALIASES = {"gcp": {"google", "gemini", "firebase", "vertex"}, "aws": {"amazon", "bedrock"}}
_EXTRA_OWNERS = {"dapi": "databricks", "absk": "aws", "akia": "aws", "asia": "aws", "eaaa": "square"}


def _prefix_owners() -> dict[str, frozenset[str]]:
    """Each provider prefix -> the words a name would use for its provider: the format's family,
    the first word of its name and the specific words of its id (`newrelic-pixie-key`)."""
    owners: dict[str, set[str]] = {k: {v} for k, v in _EXTRA_OWNERS.items()}
    for fmt in FORMATS:
        for keyword in fmt.keywords:
            if keyword in _PROVIDER_PREFIXES:
                words = owners.setdefault(keyword, set())
                words |= {fmt.family, fmt.name.split()[0].lower()}
                words |= {w for w in fmt.id.split("-") if w not in GENERIC_WORDS and w not in KEY_WORDS}
    for words in owners.values():
        for word, aliases in _OWNER_ALIASES.items():
            if word in words:
                words |= aliases
    return {k: frozenset(v) for k, v in owners.items()}


_PREFIX_OWNERS = _prefix_owners()
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _prefix_is_malformed_key(secret: str, name: str, provider_named: bool) -> bool:
    """A generic value starting with a provider's prefix that its format rejected: a truncated
    or fake token of that provider, unless the name says the key is another provider's."""
    low = secret.lower()
    prefix = next((p for p in _PROVIDER_PREFIXES if low.startswith(p)), None)
    if prefix is None:
        return False
    if not provider_named:
        return True
    words = {w.lower() for w in _NAME_WORDS.findall(name)}
    return not words.isdisjoint(_PREFIX_OWNERS.get(prefix, ()))


def lowered(text: str) -> str:
    """Lowercase with the same length, so offsets found in it are offsets in `text`."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
KEYWORDS = tuple(sorted({k for f in FORMATS for k in f.keywords}))


def _keyword_automaton() -> ahocorasick.Automaton:
    """All format keywords and the provider names of nearby.py in one Aho-Corasick automaton:
    one pass over the text finds which keywords are present and where each name stands.
    A word's value is (format keyword or None, nearby.py's name entry or None)."""
    automaton = ahocorasick.Automaton()
    formats = set(KEYWORDS)
    for word in sorted(formats | set(nearby.NAMES)):
        automaton.add_word(word, (word if word in formats else None, nearby.NAMES.get(word)))
    automaton.make_automaton()
    return automaton


_KEYWORDS = _keyword_automaton()


def _token_ok(fmt: TokenFormat, secret: str) -> bool:
    if is_documented_example(secret):
        return False
    body = secret[fmt.fixed :]
    if shannon(body) < fmt.min_entropy or _TOKEN_PLACEHOLDER.search(body):
        return False
    return fmt.validate is None or fmt.validate(secret)


def _matches(fmt: TokenFormat, text: str) -> Iterator[re.Match[str]]:
    if fmt.finder is not None:
        yield from fmt.finder(text, fmt.pattern)
        return
    if fmt.anchor is None:
        yield from fmt.pattern.finditer(text)
        return
    pos, last_end = text.find(fmt.anchor), -1
    while pos != -1:
        end = pos + len(fmt.anchor) + fmt.fwd
        if fmt.offset is not None:
            start = pos - fmt.offset
            m = fmt.pattern.match(text, start, end) if start >= max(0, last_end) else None
        else:
            m = fmt.pattern.search(text, max(0, pos - fmt.back, last_end), end)
        if m is not None and m.end() > last_end:
            last_end = m.end()
            yield m
        pos = text.find(fmt.anchor, pos + 1)


def _words(low: str) -> tuple[set[str], list[nearby.NameHit]]:
    """The format keywords present, and every provider name with the offset of its last letter."""
    present: set[str] = set()
    names: list[nearby.NameHit] = []
    for last, (keyword, name) in _KEYWORDS.iter(low):
        if keyword is not None:
            present.add(keyword)
        if name is not None:
            names.append((last, name))
    return present, names


def _tokens(text: str, present: set[str]) -> list[Candidate]:
    found = []
    if not present:
        return found
    for priority, fmt in enumerate(FORMATS):
        if present.isdisjoint(fmt.keywords):
            continue
        for m in _matches(fmt, text):
            if fmt.left_boundary and m.start() > 0 and text[m.start() - 1] in _WORD:
                continue
            secret, start, end = fmt.secret_of(m)
            if _token_ok(fmt, secret) and not (
                is_public_token_field(text, start) or inside_base64_blob(text, start, end)
            ):
                found.append((priority, fmt.id, fmt.name, fmt.family, secret, start, end))
    return found


def _aws_pairs(text: str, key_ids: list[int], newlines: list[int]) -> list[tuple[int, int]]:
    """40-character secret keys near an access key id (an unlabelled pair in a config or script).
    The windows of nearby key ids are merged first, so that each character is looked at once."""
    windows: list[list[int]] = []
    for offset in sorted(key_ids):
        line = bisect.bisect_right(newlines, offset)
        lo = newlines[max(0, line - AWS_PAIR_LINES - 1)] if line > AWS_PAIR_LINES else 0
        hi = newlines[line + AWS_PAIR_LINES] if line + AWS_PAIR_LINES < len(newlines) else len(text)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    spans = []
    for lo, hi in windows:
        for m in _AWS_SECRET.finditer(text, lo, hi):
            value = m.group()
            if shannon(value) >= 4.0 and has_classes(value, 3) and not is_hex_digest(value):
                spans.append((m.start(), m.end()))
    return spans


def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Most specific first; a later candidate overlapping an accepted one is the same secret.
    Candidates of one priority are checked in offset order and merged into the accepted list
    in one pass, so the cost stays linear in the number of candidates per priority present."""
    accepted: list[Candidate] = []
    by_priority: dict[int, list[Candidate]] = {}
    for cand in sorted(found, key=lambda f: (f[0], f[5])):
        by_priority.setdefault(cand[0], []).append(cand)
    for group in by_priority.values():
        starts = [a[5] for a in accepted]
        new: list[Candidate] = []
        for cand in group:
            start, end = cand[5], cand[6]
            i = bisect.bisect_left(starts, start)
            if (i < len(starts) and starts[i] < end) or (i > 0 and accepted[i - 1][6] > start):
                continue
            if new and new[-1][6] > start:
                continue
            new.append(cand)
        accepted = list(heapq.merge(accepted, new, key=lambda c: c[5]))
    return accepted


def detect(text: str, path: str = "") -> list[Detection]:
    low = lowered(text)
    present, names = _words(low)
    found = _tokens(text, present)
    code = PurePosixPath(path).suffix.lower() in generic._CODE_SUFFIXES
    # A provider named beside a value of its key shape ranks below every exact format and above
    # the generic checks (its finding names the provider).
    generic_rank = len(FORMATS) + 1
    # Generated files hold a generator's names and values: only provider formats are looked for.
    generated = is_generated(path)
    if not generated:
        for n in nearby.find(text, names):
            found.append((len(FORMATS), n.type_id, n.name, n.family, n.secret, n.start, n.end))
    named = () if generated else chain(generic.find(text, low, code), assignments.find(text, path))
    for c in chain(named, credfiles.find(text, path)):
        if _prefix_is_malformed_key(c.secret, c.name, c.provider_named):
            continue
        found.append((generic_rank, c.type_id, c.name, c.family, c.secret, c.start, c.end))
    if not found:
        return []
    newlines = _newlines(text)
    key_ids = [f[5] for f in found if f[1] == "aws-access-key-id"]
    if key_ids:
        for start, end in _aws_pairs(text, key_ids, newlines):
            secret = text[start:end]
            if not is_template_or_reference(secret) and not is_documented_example(secret):
                found.append((1, "aws-secret-access-key", "AWS secret access key", "aws", secret, start, end))

    accepted = _without_overlaps(found)
    return [
        Detection(
            type_id=c[1],
            name=c[2],
            family=c[3],
            secret=c[4],
            start=c[5],
            end=c[6],
            line=bisect.bisect_right(newlines, c[5]) + 1,
            end_line=bisect.bisect_right(newlines, max(c[5], c[6] - 1)) + 1,
        )
        for c in accepted
    ]
