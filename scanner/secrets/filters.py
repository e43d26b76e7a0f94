"""Values that sit where a secret would but are not one: placeholders, templates, references,
documented example keys, hashes, identifiers and inline images."""

from __future__ import annotations

import re

from scanner.secrets.entropy import has_classes, is_hex_digest, is_uuid, shannon

# Keys published in providers' own documentation as examples (AWS IAM user guide, Azurite,
# Stripe API reference, jwt.io). Exact values only: a real key is never one of these.
DOCUMENTED_EXAMPLES = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "AKIAI44QH8DHBEXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",  # the AWS Signature V4 test suite's key
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    }
)

# Words that mark a value as a stand-in for the real thing. Every pattern here and in _TEMPLATE
# stops at the next opener of its own kind (`<[^<>]*>`, not `<[^>]*>`): whether some match exists
# is unchanged, and a value of thousands of openers costs one pass instead of one pass per opener.
_PLACEHOLDER_WORDS = re.compile(
    r"x{4,}|\*{3,}|\.{3}|…|<[^<>]*>|\[[A-Z_ ]+\]|your[_\- ]?|_here\b|placeholder|redacted|changeme|"
    r"dummy|example|sample|invalid|insert|replace[_\- ]?(?:me|with)|todo|fixme|fake|foobar|notreal|"
    r"not[_\-]a[_\-]real",
    re.IGNORECASE,
)
# Whole values that are words, not secrets.
_PLACEHOLDER_VALUES = frozenset(
    {
        "password",
        "passwd",
        "pass",
        "secret",
        "token",
        "key",
        "apikey",
        "api_key",
        "none",
        "null",
        "nil",
        "true",
        "false",
        "undefined",
        "test",
        "testing",
        "admin",
        "root",
        "user",
        "username",
        "guest",
        "default",
        "empty",
        "string",
        "str",
        "value",
        "xxx",
        "yyy",
        "abc",
        "123",
        "1234",
        "12345",
        "123456",
        "mypassword",
        "mysecret",
        "mytoken",
        "secret123",
        "password123",
        "pwd",
        "required",
        "optional",
        "hidden",
        "masked",
        "env",
        "null_resource",
        "sensitive",
    }
)
# Filler words and a credential word and nothing else (`somethingsecret`, `someothersecret`,
# `totally_secret`, `some-password`): what a question, a README or a sample config writes where
# the real value goes, like `mysecret` above. `super`/`top` stay out: `supersecret` is deployed as
# a password too.
_PLACEHOLDER_PHRASE = re.compile(
    r"(?:(?:my|some|something|totally|not|other|another)[_\-]?)+(?:secret|password|passwd|pass|pwd|token|key)"
)
# Filled in later by a template engine, a shell, CI or a config loader.
_TEMPLATE = re.compile(
    r"\$\{(?:[^$}]|\$(?!\{))*\}"  # ${...}
    r"|\{\{(?:[^{}\n]|\{(?!\{)|\}(?!\}))*\}\}"  # {{ ... }} on one line
    r"|\$\((?:[^$)\n]|\$(?!\())*\)"  # $(...) on one line
    r"|%\([\w.]+\)[sd]"
    r"|<%(?:[^<%\n]|<(?!%(?!>))|%(?!>))*%>"  # <% ... %> on one line (`<%>` may close one)
    r"|#\{(?:[^#}]|#(?!\{))*\}"  # #{...}
    r"|\{%(?:[^{%\n]|\{(?!%(?!\}))|%(?!\}))*%\}"  # {% ... %} on one line
    r"|^\{[\w.]+\}$|%[A-Z_]+%"
    r"|^\[(?:parameters|variables|concat|reference|listKeys)\(.*\)\]$"  # Azure Resource Manager expressions
)
_ENV_REF = re.compile(
    r"^\$[A-Za-z_{(]|^env[.:(\[]|^(?:os\.)?(?:environ|getenv)|^process\.env|^secrets\.|^vault:|"
    r"^(?:ENV|env)\[|^System\.getenv|^@Value|^arn:aws:secretsmanager|^projects/[^/]+/secrets/",
)
_DIGEST_PREFIX = re.compile(r"^(?:sha(?:1|224|256|384|512)|md5|blake2b?)[:\-=]", re.IGNORECASE)
_DATA_URI = re.compile(r"^data:[\w/+.-]+;base64,", re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    low = value.strip().lower()
    if low in _PLACEHOLDER_VALUES or len(set(low)) <= 2 or _PLACEHOLDER_PHRASE.fullmatch(low):
        return True
    return _PLACEHOLDER_WORDS.search(value) is not None


def is_template_or_reference(value: str) -> bool:
    return _TEMPLATE.search(value) is not None or _ENV_REF.search(value.strip()) is not None


def is_documented_example(value: str) -> bool:
    return value in DOCUMENTED_EXAMPLES


# Fields whose token is public by design: the Hub writes a signed `verifyToken` (a JWT attesting
# an evaluation result) into every verified model card's metadata.
_PUBLIC_TOKEN_FIELD = re.compile(r"verify_?token[\\\"']*\s*[:=]\s*[\\\"']*$", re.IGNORECASE)


def is_public_token_field(text: str, start: int) -> bool:
    """The token starting at `start` is the value of a field that publishes it."""
    return _PUBLIC_TOKEN_FIELD.search(text, max(0, start - 40), start) is not None


_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{48}")


def inside_base64_blob(text: str, start: int, end: int) -> bool:
    """The match is the middle of a longer base64 run (an inline image, a pickled blob): the
    bytes of some other data that happen to spell a token's prefix, not a token."""
    return (
        _BASE64_RUN.fullmatch(text, max(0, start - 48), start) is not None
        and _BASE64_RUN.fullmatch(text, end, end + 48) is not None
    )


def is_low_entropy_token(body: str, minimum: float) -> bool:
    """A token body filled with one repeated or sequential pattern (`xxxx`, `0000`, `1234`)."""
    return shannon(body) < minimum


def is_identifier_like(value: str) -> bool:
    """Hashes, UUIDs, digests and inline images: random-looking but not credentials."""
    return (
        is_hex_digest(value)
        or is_uuid(value)
        or _DIGEST_PREFIX.match(value) is not None
        or _DATA_URI.match(value) is not None
    )


def looks_random(value: str, min_entropy: float = 3.0, min_classes: int = 2) -> bool:
    return shannon(value) >= min_entropy and has_classes(value, min_classes)
