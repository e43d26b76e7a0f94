"""Labelled secret samples read from other scanners' own test data, straight from their git
repositories (a bare mirror or a checkout): nothing of theirs is copied into this repository.

- noseyparker: `examples` (secrets) and `negative_examples` of every rule in its default ruleset
  (crates/noseyparker/data/default/builtin/rules/*.yml); provider = the rule file's name.
- trufflehog: the pattern tests of every detector (pkg/detectors/<name>/<name>_test.go). A table
  entry whose `want` lists values is a secret; one with an empty `want` is a negative only when it
  is written from an `invalid...` value or named "invalid" (the other empty ones are valid keys
  trufflehog skips for reasons of its own, such as a keyword too far away). `input` expressions
  are evaluated: Go string literals, `+`, the file's own string variables and `fmt.Sprintf`;
  an entry using anything else is left out. Provider = the detector's directory name.

Each sample is (corpus, provider, text, is_secret)."""

from __future__ import annotations

import math
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Sample:
    corpus: str
    provider: str
    text: str
    secret: bool


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, errors="replace"
    ).stdout


def _files(repo: Path, under: str) -> list[str]:
    return _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "--", under).splitlines()


def _show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"HEAD:{path}")


NOSEYPARKER_RULES = "crates/noseyparker/data/default/builtin/rules/"
NOSEYPARKER_DEFAULT = "crates/noseyparker/data/default/builtin/rulesets/default.yml"


def noseyparker(repo: Path) -> Iterator[Sample]:
    default = yaml.safe_load(_show(repo, NOSEYPARKER_DEFAULT))
    included = {i for rs in default["rulesets"] if rs["id"] == "default" for i in rs["include_rule_ids"]}
    rules = [
        (Path(path).stem, rule)
        for path in _files(repo, NOSEYPARKER_RULES)
        if path.endswith(".yml")
        for rule in yaml.safe_load(_show(repo, path)).get("rules", [])
        if rule.get("id") in included
    ]
    # A negative of one rule that another rule gives as its example (a password in a .NET setting
    # is a negative of the connection-string rule) is a secret: it is counted as one.
    examples = {text for _, rule in rules for text in rule.get("examples") or []}
    for provider, rule in rules:
        for text in rule.get("examples") or []:
            yield Sample("noseyparker", provider, text, True)
        for text in rule.get("negative_examples") or []:
            if text not in examples:
                yield Sample("noseyparker", provider, text, False)


# --- a tiny evaluator of Go string expressions ----------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:(?P<raw>`[^`]*`)|(?P<str>"(?:[^"\\\n]|\\.)*")|(?P<name>[A-Za-z_][\w.]*)|(?P<op>[+(),])|(?P<int>\d+))""",
    re.DOTALL,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


class Unsupported(Exception):
    """An expression the evaluator does not handle: the sample is left out."""


def _unquote(literal: str) -> str:
    out, i, body = [], 0, literal[1:-1]
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "x":
            out.append(chr(int(body[i + 2 : i + 4], 16)))
            i += 4
        elif nxt == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


def _sprintf(fmt: str, args: list[str]) -> str:
    it = iter(args)

    def one(m: re.Match[str]) -> str:
        if m.group() == "%%":
            return "%"
        try:
            return next(it)
        except StopIteration:
            raise Unsupported("too few arguments") from None

    return re.sub(r"%%|%[-+# 0-9.]*[svdq]", one, fmt)


class _Expr:
    def __init__(self, text: str, pos: int, names: dict[str, str]) -> None:
        self.text, self.pos, self.names = text, pos, names

    def _next(self) -> re.Match[str]:
        m = _TOKEN.match(self.text, self.pos)
        if m is None:
            raise Unsupported(self.text[self.pos : self.pos + 20])
        self.pos = m.end()
        return m

    def _peek(self) -> str | None:
        m = _TOKEN.match(self.text, self.pos)
        return m.group("op") if m else None

    def value(self) -> str:
        parts = [self._term()]
        while self._peek() == "+":
            self._next()
            parts.append(self._term())
        return "".join(parts)

    def _term(self) -> str:
        m = self._next()
        if m.group("raw"):
            return m.group("raw")[1:-1]
        if m.group("str"):
            return _unquote(m.group("str"))
        name = m.group("name")
        if name == "fmt.Sprintf":
            args = self._call_args()
            return _sprintf(args[0], args[1:])
        if name is not None and name in self.names:
            return self.names[name]
        raise Unsupported(name or m.group())

    def _call_args(self) -> list[str]:
        if self._next().group("op") != "(":
            raise Unsupported("call")
        args = [self.value()]
        while (op := self._next().group("op")) == ",":
            if self._peek() == ")":
                self._next()
                break
            args.append(self.value())
        else:
            if op != ")":
                raise Unsupported("call")
        return args


_DECL = re.compile(r"^\s*(?:var\s+|const\s+)?(?P<n>[A-Za-z_]\w*)\s*(?:string\s*)?:?=\s*", re.MULTILINE)
_ENTRY = re.compile(r"\binput:\s*")
_WANT = re.compile(r"\bwant:\s*(?P<w>nil|\[\]string\{\s*\}|\[\]string\{)")
_NAME = re.compile(r"""\bname:\s*"(?P<n>[^"]*)\"""")


def _names(source: str) -> dict[str, str]:
    """String variables and constants, in order (a later one may use an earlier one)."""
    names: dict[str, str] = {}
    for m in _DECL.finditer(source):
        try:
            names[m.group("n")] = _Expr(source, m.end(), names).value()
        except (Unsupported, ValueError, IndexError):
            continue
    return names


# "invalid - pat only no url", "invalid pattern - token only", "only skey": the token is well
# formed and trufflehog skips it only because the URL or the other half it verifies with is
# missing. A leaked token is a leak without its URL, so such an entry is not a negative.
# "invalid_tableau_url" is the same case: the token is well formed, the URL beside it is not.
_UNVERIFIABLE = re.compile(
    r"\b(?:token|pat|key|secret|[is]key) only\b|\bonly (?:token|pat|key|secret|[is]key)\b|\bno url\b"
    r"|\binvalid_[a-z]+_url\b"
)


def trufflehog_file(provider: str, source: str) -> Iterator[Sample]:
    names = _names(source)
    for m in _ENTRY.finditer(source):
        expr = _Expr(source, m.end(), names)
        try:
            text = expr.value()
        except (Unsupported, ValueError, IndexError):
            continue
        if not text.strip():
            continue  # read from a file at test time: not in the source
        want = _WANT.search(source, expr.pos, expr.pos + 400)
        if want is None:
            continue
        # the entry's own name: the last one before its input (the window may hold the previous entry's)
        labels = list(_NAME.finditer(source, max(0, m.start() - 300), m.start()))
        name = labels[-1].group("n").lower() if labels else ""
        raw_input = source[m.end() : expr.pos]
        if want.group("w") == "[]string{":
            yield Sample("trufflehog", provider, text, True)
        elif _UNVERIFIABLE.search(name):
            continue  # a well-formed token trufflehog cannot verify alone: neither label holds
        elif "invalid" in name or "invalid" in raw_input.lower():
            yield Sample("trufflehog", provider, text, False)


TRUFFLEHOG_DETECTORS = "pkg/detectors/"


def trufflehog(repo: Path) -> Iterator[Sample]:
    for path in _files(repo, TRUFFLEHOG_DETECTORS):
        parts = path.split("/")
        if len(parts) < 4 or not path.endswith("_test.go") or "integration" in parts[-1]:
            continue
        yield from trufflehog_file(parts[2], _show(repo, path))


def gitleaks(corpus: dict[str, dict[str, list[str]]]) -> Iterator[Sample]:
    """The gitleaks-derived corpus shipped in tests/reference (rule name -> tps / fps)."""
    for rule, entry in corpus.items():
        for text in entry.get("tps", []):
            yield Sample("gitleaks", rule, text, True)
        for text in entry.get("fps", []):
            yield Sample("gitleaks", rule, text, False)


# Samples the corpora label as secrets that no real credential can look like, each with why.
# Matched on (corpus, provider, a substring of the text); `mislabelled` says why or None.
MISLABELLED: tuple[tuple[str, str, str, str], ...] = (
    ("noseyparker", "aws", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a run of one letter, not a key"),
    ("noseyparker", "google", '"aaaaaaaaaaaaaaaaaaaaaaa-"', "a run of one letter, not a client secret"),
    ("gitleaks", "gcp-service-account", '"type": "service_account"', "the file-type line alone: no key in it"),
    ("gitleaks", "aws-amazon-bedrock-api-key-long-lived", "EXAMPLEEXAMPLE", "AWS's documentation example key"),
    ("trufflehog", "aws", "da2-abcdefghijklmnopqrstuvwxyz", "the alphabet in order, not an AppSync key"),
    ("trufflehog", "aws", "da2-aaaaaaaaaaaaaaaaaaaaaaaaaa", "runs of one letter, not AppSync keys"),
    # AWS key ids are base32 (A-Z, 2-7): an id holding 0, 1, 8 or 9 was never issued.
    ("trufflehog", "aws", "{AKIAWGXZ9OPDOWUJMZGI}", "a key id outside base32 (9), which AWS never issues"),
    ("trufflehog", "aws", "{ASIABBKK02W42Q3IPSPG}", "a key id outside base32 (0), which AWS never issues"),
    ("trufflehog", "gcp", "MIIEvAIBADANBgkqhkiG9w0BAQEFAASC...", "the private key is elided (`...`): no key"),
)


_RUN = re.compile(r"[A-Za-z0-9_.+/-]{16,}")
_REPEAT = re.compile(r"(.)\1{7,}")
_FAKE = re.compile(r"[A-Za-z0-9+/_-]*fake[A-Za-z0-9+/_-]*", re.IGNORECASE)
_USER_NAME = re.compile(r"_USER(?:NAME)?=")


def _entropy(value: str) -> float:
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _stand_in_only(text: str) -> bool:
    """A key of one character repeated (`shippo_live_aaaa...`, `API-1111...`, `sk-lf-0000-...`)
    and no key-like value beside it (20+ letters and digits, random, no long repeat)."""
    stand_in = any(_REPEAT.search(r) and _entropy(r) < 2.5 for r in _RUN.findall(text))
    return stand_in and not _has_key_like(text)


def _has_key_like(text: str) -> bool:
    """A value that looks like a real key: 20+ letters and digits, random, no long repeat."""
    return any(
        len(r) >= 20
        and not _REPEAT.search(r)
        and _entropy(r) >= 3.5
        and re.search(r"\d", r)
        and re.search(r"[A-Za-z]", r)
        for r in _RUN.findall(text)
    )


def _says_fake(text: str) -> bool:
    """Every 12+ character value of the sample has `fake` written into it."""
    values = [m.group() for m in _FAKE.finditer(text) if len(m.group()) >= 12]
    return bool(values) and all("fake" in v.lower() for v in values)


_PASSWORD_VALUE = re.compile(
    r"""(?i)(?:password|passwd|pwd|\s-p)["']?\s*(?:=|:|\s)\s*["']?(?P<v>[^\s"';,]+)|://[^:/@\s]+:(?P<u>[^@\s]+)@"""
)
# Words written where a password goes in documentation, and references to one kept elsewhere.
_PLACEHOLDER_PASSWORDS = frozenset(
    {"password", "secret", "mypassword", "yourpassword", "yourpasswrod", "smtp_password", "pass", "changeme"}
)


def _placeholder_password(text: str) -> bool:
    """Every password in the sample is a placeholder word (`Password=myPassword`,
    `postgresql://user:secret@host`) or a reference (`$password`, `#{...}`, `######`)."""
    values = [m.group("v") or m.group("u") for m in _PASSWORD_VALUE.finditer(text)]
    return (
        bool(values)
        and not _has_key_like(text)
        and all(
            v.lower().strip('"') in _PLACEHOLDER_PASSWORDS or v.startswith(("$", "#{", "${", "###")) for v in values
        )
    )


# Samples that are not credentials, by a rule rather than by value: (corpora, providers, test, why).
# `None` matches every corpus or provider.
STAND_INS: tuple[tuple[frozenset[str] | None, frozenset[str] | None, Callable[[str], bool], str], ...] = (
    (None, None, _stand_in_only, "the key is one character repeated (aaaa..., 1111...): a stand-in"),
    (frozenset({"trufflehog"}), None, _says_fake, "the value has `fake` written into it"),
    (
        frozenset({"noseyparker"}),
        frozenset({"react"}),
        lambda text: _USER_NAME.search(text) is not None,
        "a user name, not a credential",
    ),
    (
        frozenset({"noseyparker"}),
        None,
        _placeholder_password,
        "the password is a placeholder word or a reference to one kept elsewhere",
    ),
)


def mislabelled(sample: Sample) -> str | None:
    if not sample.secret:
        return None
    for corpus, provider, marker, why in MISLABELLED:
        if sample.corpus == corpus and sample.provider == provider and marker in sample.text:
            return why
    for corpora, providers, test, why in STAND_INS:
        applies = (corpora is None or sample.corpus in corpora) and (providers is None or sample.provider in providers)
        if applies and test(sample.text):
            return why
    return None
