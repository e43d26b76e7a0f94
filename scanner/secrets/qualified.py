"""Provider-qualified credential names: the name says whose key it is (`stripe_key`,
`HEROKU_API_KEY`, `sentry token = '...'`), so a value of token shape is that provider's key even
when it is hex or lowercase, shapes the generic check drops under a bare `key`/`token` because
digests, revisions and code references look the same there.

Unqualified names (`key`, `api_token`, `cache_key`) keep the generic strictness: the qualifier
has to be a word that names someone, not one of the words that describe the key itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.secrets.entropy import shannon

# Words before the key word that say what kind of key it is, or where it is kept, never whose:
# `api_key`, `session_token`, `db_secret`, `lora_key`. A name made only of these and of the key
# word is unqualified.
# The kinds of credential: before a weak key word (`api_key`, `session_token`) they make the
# name a strong credential name (generic.name_strength), and they never say whose key it is.
CREDENTIAL_KIND_WORDS = frozenset(
    {
        "api",
        "access",
        "secret",
        "private",
        "client",
        "auth",
        "bearer",
        "refresh",
        "session",
        "master",
        "account",
        "signing",
        "encryption",
        "service",
        "app",
    }
)
GENERIC_WORDS = CREDENTIAL_KIND_WORDS | frozenset(
    {
        # describing the credential
        "application",
        "oauth",
        "oauth2",
        "jwt",
        "personal",
        "user",
        "admin",
        "root",
        "login",
        "password",
        "db",
        "database",
        "server",
        "web",
        "http",
        "https",
        "rest",
        "x",
        "id",
        "my",
        "your",
        "our",
        "the",
        "this",
        "new",
        "old",
        "current",
        "default",
        "global",
        "main",
        "primary",
        "secondary",
        "temp",
        "tmp",
        "prod",
        "production",
        "dev",
        "development",
        "staging",
        "local",
        "remote",
        "live",
        "sandbox",
        "read",
        "write",
        "readonly",
        "system",
        "internal",
        "external",
        "env",
        "environment",
        "ci",
        "build",
        "deploy",
        "project",
        "org",
        "team",
        "workspace",
        "repo",
        "model",
        "dataset",
        "data",
        "storage",
        "upload",
        "download",
        "webhook",
        "request",
        "response",
        "header",
        "valid",
        "invalid",
        "expired",
        "encrypted",
        "decrypted",
        "raw",
        "cached",
        "stored",
        "saved",
        "hashed",
        "encoded",
        "short",
        "long",
        "temporary",
        "otp",
        "pin",
        "reset",
        "verification",
        "confirmation",
        "invite",
        "activation",
        "email",
        "device",
        "push",
        "notification",
        "registration",
        "license",
        "content",
        "node",
        "item",
        "attr",
        "param",
        "query",
        "input",
        "output",
        "result",
        "form",
        "state",
        "code",
        "nonce",
        "salt",
        "iv",
        # digests and identifiers kept under a key name
        "hash",
        "digest",
        "checksum",
        "md5",
        "sha",
        "sha1",
        "sha256",
        "revision",
        "commit",
        "etag",
        "fingerprint",
        "version",
        "uuid",
        "git",
        "file",
        "path",
        "name",
        "type",
        "value",
        "lock",
        "layer",
        "weight",
        "weights",
        "checkpoint",
        "ckpt",
        "lora",
        "adapter",
        "tensor",
        "params",
        "dict",
        "run",
        "experiment",
        "job",
        "task",
        "step",
        "batch",
        "image",
        "text",
        "vocab",
        "word",
        "char",
        "special",
        "unknown",
        "template",
        "prompt",
        "chat",
        "tool",
        "role",
        "debug",
        "test",
        "dummy",
        "fake",
        "sample",
        "example",
        "mock",
        "stub",
    }
)
KEY_WORDS = frozenset({"key", "token", "secret", "apikey", "credential", "credentials", "creds"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A token's alphabet: letters, digits and the separators of base64, base64url and prefixed keys.
# No `?`, spaces or quotes: a value holding one is a sentence, a pattern or a mangled sample.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-.+/=]*")
MIN_TOKEN = 16
MAX_TOKEN = 1000


def is_provider_qualified(identifier: str) -> bool:
    """A key word last and, before it, a word that is not one of the generic ones: a provider,
    a product or a service (`stripe_key`, `HEROKU_API_KEY`, `youneedabudget token`)."""
    words = [w.lower() for w in _WORDS.findall(identifier) if not w.isdigit()]
    if len(words) < 2 or words[-1] not in KEY_WORDS:
        return False
    return any(len(w) >= 3 and w not in GENERIC_WORDS and w not in KEY_WORDS for w in words[:-1])


def token_shaped(value: str) -> bool:
    """Length, alphabet and entropy of an API key: letters and digits mixed, or upper and lower
    case mixed. Hex and all-lowercase values pass (what a digest filter would drop); whether the
    value is a name (`sentryAuthTokenValue`) or a placeholder is checked by the caller."""
    if not MIN_TOKEN <= len(value) <= MAX_TOKEN or _TOKEN.fullmatch(value) is None:
        return False
    entropy = shannon(value)
    if len(value) >= 20 and entropy >= 3.5 and any(map(str.isupper, value)) and any(map(str.islower, value)):
        return True  # base62 without digits (`wjXKCFzOWEPRqhTmmbWtVQ`); camelCase names fail later
    # Letters with a digit or two is a name (`layer12norm...`); a key spreads its digits.
    digits = sum(map(str.isdigit, value))
    return entropy >= 3.0 and digits >= 3 and any(map(str.isalpha, value))


# `sentry token = '...'`, `[DEBUG] Using adzuna KEY=...`, `ringcentral token - '...'`: a provider
# word (or domain, `semaphore.co`) and a key word separated by a space, at the start of a line
# (after a log-level tag and a `Using`), as config dumps, logs and READMEs write them. The
# provider word is checked against GENERIC_WORDS and against the keywords that open a
# declaration (`const token = ...`).
_LABELLED = re.compile(
    r"(?m)^[ \t]*(?:\[[A-Z]{3,8}\][ \t]*)?(?:Using[ \t]+)?"
    r"(?P<name>(?P<p>[A-Za-z][A-Za-z0-9]{2,30})(?:\.[a-z]{2,6})?[ \t]+"
    r"(?i:(?:api[ _-]?)?(?:token|key|secret|apikey|credentials?))\d?)"
    r"[ \t]*(?:(?P<sep>=|:)[ \t]*(?P<q>['\"]?)|-[ \t]+(?P<dq>['\"]))"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9_\-.+/=]{15,999})"
)
_DECLARATION_WORDS = frozenset(
    {
        "const",
        "let",
        "var",
        "val",
        "export",
        "local",
        "declare",
        "readonly",
        "set",
        "def",
        "our",
        "static",
        "final",
        "public",
        "protected",
        "string",
        "str",
        "auto",
        "using",
        "return",
        "yield",
        "with",
        "and",
        "for",
        "not",
        "new",
        "get",
        "put",
        "has",
        "if",
        "elif",
        "else",
        "while",
        "your",
        "their",
        "his",
        "her",
        "its",
        "that",
        "which",
        "any",
        "each",
        "every",
        "one",
        "some",
        "own",
        "valid",
        "same",
        "other",
    }
)


# Each match of _LABELLED lies on one line and holds one of these, in any case.
_LABEL_WORDS = ("token", "key", "secret", "credential")


def _labelled_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_LABELLED.finditer(text)` gives. An ASCII text is matched only on the lines holding a
    key word (each match starts its line), not tried at each of its characters. Any other text is
    left to the pattern's own case folding (`(?i)` reads a long s as an s, which no lowering does)."""
    if not text.isascii():
        yield from _LABELLED.finditer(text)
        return
    low = text.lower()
    starts: set[int] = set()
    for word in _LABEL_WORDS:  # each line once per word, whatever it holds (`keykeykey...`)
        at = low.find(word)
        while at != -1:
            starts.add(low.rfind("\n", 0, at) + 1)
            end = low.find("\n", at)
            at = -1 if end == -1 else low.find(word, end)
    for start in sorted(starts):
        m = _LABELLED.match(text, start)
        if m is not None:
            yield m


def labelled(text: str) -> Iterator[tuple[str, str, int, int, bool]]:
    """(name, value, start, end, quoted) for each `<provider> <key word> = value` line whose value is
    token-shaped. A quoted value must close on its own quote; an unquoted one ends the word."""
    for m in _labelled_matches(text):
        provider = m.group("p").lower()
        if provider in GENERIC_WORDS or provider in _DECLARATION_WORDS or provider in KEY_WORDS:
            continue
        quote = m.group("q") or m.group("dq") or ""
        end = m.end("v")
        after = text[end : end + 1]
        if quote and after != quote:
            continue  # the value runs on past the token alphabet: `'abc?def'`, `"a b"`
        if not quote and after not in ("", "\n", "\r", " ", "\t", ",", ";"):
            continue
        if not token_shaped(m.group("v")):
            continue
        yield m.group("name"), m.group("v"), m.start("v"), end, bool(quote)


# `[DEBUG] Using Key=...`, `Using cloudinary_apiSecret=...`: a log line printing the key it sends.
# A bare `Key` is too common a name to trust elsewhere; after `Using` at the start of a log line,
# with a token-shaped value ending the word, it is the credential in use.
_USING = re.compile(
    r"(?m)^[ \t]*(?:\[[A-Z]{3,8}\][ \t]*)?[Uu]sing[ \t]+"
    r"(?P<name>(?:[A-Za-z][A-Za-z0-9_]{0,40})?(?i:key|token|secret|apikey|password)\d?)[ \t]*[=:][ \t]*(?P<q>['\"]?)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9_\-.+/=]{15,999})"
)


def used_in_log(text: str) -> Iterator[tuple[str, str, int, int, bool]]:
    """(name, value, start, end, quoted) for each `Using <key name>=<token>` log line."""
    if "Using" not in text and "using" not in text:
        return
    for m in _USING.finditer(text):
        quote, end = m.group("q"), m.end("v")
        after = text[end : end + 1]
        if (quote and after != quote) or (not quote and after not in ("", "\n", "\r", " ", "\t", ",", ";")):
            continue
        if token_shaped(m.group("v")):
            yield m.group("name"), m.group("v"), m.start("v"), end, bool(quote)
