"""Values shaped like a name, not a secret: what real code assigns to credential-named variables.

A constant called `AUTH_HEADER_KEY` holds `"X-Api-Key"`, `lora_key` holds `"lora_A.weight"`,
`password_file` holds `/run/secrets/db`, `credNameSecret` holds `"ClientSecretCredential"`. These
are header names, state-dict keys, paths, env-var names and class names; a secret is random, or
at least not built from words and separators. Each check here is a whole-value shape."""

from __future__ import annotations

import re

from scanner.secrets.entropy import is_uuid

# One word of an identifier: `lora`, `Weight`, `API`, `v2`, `82M`, `s3`.
_PIECE = re.compile(r"(?:[A-Z]{1,5}|[A-Z]?[a-z]+)\d*[A-Za-z]?|\d+[A-Za-z]{0,2}")
# A piece may be a camelCase/PascalCase chain of such words: every hump has two lowercase letters.
# An acronym hump (`E2E`, `HTTP`) counts only before a word hump: `collectiveE2ELatency`.
_CAMEL_PIECE = re.compile(
    r"(?:[a-z]+\d*|[A-Z]{1,5}\d*)?(?:[A-Z][a-z]{2,}\d*|[A-Z0-9]{2,4}(?=[A-Z][a-z]{2,}))+|[a-z]+\d*"
)
_HEADER = re.compile(r"(?:[Xx]-[A-Za-z0-9-]+|[A-Z][a-z0-9]+(?:-[A-Z0-9]?[a-z0-9]*)+)")
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,}")
_PATH = re.compile(
    r"(?:[A-Za-z]:\\|\.{0,2}/|~/)[^\s]*"  # absolute, relative, home and Windows paths
    r"|[\w.-]+\.(?:json|pem|key|p12|pfx|crt|cer|txt|ya?ml|env|cfg|ini|jks|keystore|gpg|asc)"  # a key file's name
    r"|[\w.-]+(?:/[\w.-]+)+\.[A-Za-z][A-Za-z0-9]{0,4}"  # `prefix/seedcode/build.zip`: an object key or a file
)
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s@]*")
_VERSION = re.compile(r"[\^~<>=!]{0,2}\s*v?\d+(?:\.(?:\d+|x|\*))+(?:[-+][\w.]+)?")
_BOOLEANS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "enabled", "disabled", "none", "null"})
_CREDENTIAL_WORD = re.compile(r"pass|pwd|secret|token|key|auth|cred", re.IGNORECASE)
# `random_password.db.result`, `module.db.password`, `var.pw`: a Terraform (or other) reference
# rendered as text; all lowercase identifiers joined by dots.
_DOTTED_REFERENCE = re.compile(r"[a-z_][a-z0-9_-]*(?:\.[a-z0-9_*-]+|\[[^\]]*\])+")


def _pieces(value: str) -> list[str]:
    """The words between separators; `{}`/`{0}`/`{name}` format fields count as separators."""
    return [p for p in re.split(r"(?:[/._:#@=-]|\{\w*\})+", value) if p]


def is_identifier_name(value: str) -> bool:
    """Words joined by separators or camel humps: `lora_A.weight`, `oauth2TokenSourceKey`,
    `Qwen/Qwen2.5-7B-Instruct`, `tpu.runtime.hbm`. Random strings break one of the pieces."""
    pieces = _pieces(value)
    if not pieces:
        return False
    for piece in pieces:
        for word in piece.split("_"):
            if word and not (_PIECE.fullmatch(word) or _CAMEL_PIECE.fullmatch(word)):
                return False
    single = pieces[0]
    return len(pieces) > 1 or "_" in value or (_CAMEL_PIECE.fullmatch(single) is not None and not single.islower())


def names_a_credential(value: str) -> bool:
    """An identifier-shaped value that itself says `token`, `password`, `key`...: the name of a
    credential (`X-Amz-Security-Token`, `UsernamePasswordCredential`), never the credential."""
    return _CREDENTIAL_WORD.search(value) is not None and is_identifier_name(value)


def is_header_name(value: str) -> bool:
    return _HEADER.fullmatch(value) is not None


def is_env_var_name(value: str) -> bool:
    """`MLFLOW_PASSWORD`, `AZURE_CLIENT_SECRET`: the name of the variable, as documentation or
    a lookup key. A random upper-case secret has no underscores between short words."""
    return _ENV_NAME.fullmatch(value) is not None and ("_" in value or value.isalpha())


def is_path(value: str) -> bool:
    return _PATH.fullmatch(value) is not None


def is_url_without_credentials(value: str) -> bool:
    return _URL.fullmatch(value) is not None


def is_version(value: str) -> bool:
    return _VERSION.fullmatch(value.strip()) is not None


def is_boolean(value: str) -> bool:
    return value.strip().lower() in _BOOLEANS


def is_dotted_reference(value: str) -> bool:
    return _DOTTED_REFERENCE.fullmatch(value) is not None


def not_a_secret_shape(value: str, strength: str) -> str | None:
    """Why `value` is not a secret (a short word for tests and debugging), or None.
    A password may be made of words (`correct-horse-battery`), so for passwords only the shapes
    that cannot be one apply; for keys and tokens every name shape does."""
    value = value.strip()
    checks: tuple[tuple[str, bool], ...] = (
        ("boolean", is_boolean(value)),
        ("version", is_version(value)),
        ("url", is_url_without_credentials(value)),
        ("path", is_path(value)),
        ("env-var name", is_env_var_name(value)),
        ("header name", is_header_name(value)),
        ("reference", is_dotted_reference(value)),
        ("credential name", names_a_credential(value)),
    )
    for reason, hit in checks:
        if hit:
            return reason
    if is_uuid(value):
        return None  # a UUID under a provider's key name is that provider's key format
    if strength != "password" and is_identifier_name(value):
        return "identifier"
    if strength == "password" and "." in value and is_identifier_name(value):
        return "identifier"
    return None
