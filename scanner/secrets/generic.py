"""Generic credentials: `password = "..."`-style assignments, Authorization headers, `curl -u`,
and URIs with an embedded password. Values pass the filters in `filters.py` first."""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from scanner.secrets.entropy import is_uuid
from scanner.secrets.filters import (
    is_documented_example,
    is_identifier_like,
    is_placeholder,
    is_template_or_reference,
    looks_random,
)
from scanner.secrets.namewords import compound_strength, names_provider
from scanner.secrets.qualified import (
    CREDENTIAL_KIND_WORDS,
    is_provider_qualified,
    labelled,
    token_shaped,
    used_in_log,
)
from scanner.secrets.shapes import not_a_secret_shape


@dataclass(frozen=True)
class Candidate:
    type_id: str
    name: str
    family: str
    secret: str
    start: int
    end: int
    # The name says whose key this is (qualified.py): a value starting with another provider's
    # prefix (`iexapis token = 'sk_...'`) is still this provider's key.
    provider_named: bool = False


# Found on the lowercased text: the fast part; everything else runs only around a hit.
_KEYWORD = re.compile(r"pass|pwd|secret|token|key|auth|cred")
_IDENT_TAIL = re.compile(r"[A-Za-z0-9_.-]*")
_NAME_BACK = re.compile(r"[A-Za-z0-9_.-]{0,80}")
# Name characters after a keyword that still make one name: a longer run (`keykeykey...`) is not
# a variable name, and bounding it keeps the work per keyword constant.
MAX_NAME_TAIL = 120
_SEP = re.compile(r"""(?P<q>["']?\]?)[ \t]*(?:=>|:{1,3}=|\?=|=(?!=)|:(?![:/])|(?<=["'])\s*,)[ \t]*""")
# A value runs to its own closing quote: it may hold the other quote kinds and escaped quotes,
# but not start with a quote (`"'$VAR'"` closes one quoting and opens another).
_QUOTED = re.compile(
    r"""(?P<quote>["'`])(?P<v>(?:\\[^\n]|[^\n\\"'`])(?:\\[^\n]|(?!(?P=quote))[^\n\\]){0,999})(?P=quote)"""
)
# `auth_token: "Bearer <token>"`: a header value kept whole; the token is what follows the scheme.
_SCHEME_VALUE = re.compile(r"(?:Bearer|bearer|Token|token|Bot)[ \t]+(?=[A-Za-z0-9_.~+/=-]{12,}$)")
_RUNS_PAST_BRACKET = re.compile(r"\][A-Za-z0-9]")
_UNQUOTED = re.compile(r"""(?P<v>\{?[^\s,;&'"`)}\]<>]{1,200}\}?)""")
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pass", "passphrase", "passcode"})
_STRONG_WORDS = frozenset(
    {"secret", "apikey", "accesskey", "secretkey", "privatekey", "credentials", "credential", "creds"}
)
_WEAK_WORDS = frozenset({"token", "key", "auth", "authorization"})
# A `<qualifier>_key` / `<qualifier>_token` that names something that is not a credential.
_NOT_SECRET_QUALIFIERS = frozenset(
    {
        "public",
        "pub",
        "foreign",
        "protobuf",
        "proto",
        "sort",
        "partition",
        "cache",
        "bucket",
        "schema",
        "sequence",
        "row",
        "hash",
        "lookup",
        "index",
        "map",
        "field",
        "column",
        "table",
        "unique",
        "composite",
        "i18n",
        "translation",
        "message",
        "label",
        "hot",
        "short",
        "keyboard",
        "object",
        "s3",
        "dict",
        "group",
        "config",
        "setting",
        "registry",
        "idempotency",
        "cursor",
        "event",
        "route",
        "kms",
        "verify",
        "host",
        "csrf",
        "xsrf",
        "page",
        "next",
        "continuation",
        "sync",
        "pagination",
        "pad",
        "bos",
        "eos",
        "unk",
        "mask",
        "sep",
        "cls",
        "start",
        "end",
        "special",
        "max",
        "num",
        "new",
        "lexer",
        "parser",
        "cancellation",
        "sentinel",
        "split",
        "file",
        "path",
        "ssh",
        "gpg",
        "pgp",
        "license",
        "test",
        "dummy",
        "fake",
        "sample",
        "example",
        "default",
    }
)
_CODE_SUFFIXES = frozenset(
    {
        ".py",
        ".pyi",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".tsx",
        ".jsx",
        ".go",
        ".java",
        ".kt",
        ".kts",
        ".scala",
        ".rb",
        ".php",
        ".cs",
        ".c",
        ".cc",
        ".cpp",
        ".h",
        ".hpp",
        ".rs",
        ".swift",
        ".m",
        ".r",
        ".jl",
        ".lua",
        ".dart",
        ".groovy",
        ".ipynb",
    }
)
# Lowercase words joined by separators: names, paths and slugs (`types-requests`, `data/train`).
_CALL_OPEN = re.compile(r"""\(\s*["']$""")
_WORDY = re.compile(r"^[a-z]+(?:[-_./ :][a-z0-9]+)+$")
_REST_CHARS = 200
# Factory defaults a deployable env item sets as the real password (`GF_SECURITY_ADMIN_PASSWORD:
# admin`): placeholders in prose, but a live credential in a container's env.
_DEFAULT_PASSWORDS = frozenset({"admin", "root", "password", "guest", "postgres", "mysql"})
_CONCATENATED = re.compile(r"\s*(?:\+|\.format\(|%\s*[(\w]|\.join\(|\.replace\()")
_PROSE = re.compile(r"[ \t]+[A-Za-z]{2,}[ \t.,]")
# A `value` key right after a bare `key`'s value, in the same object or list item: a key/value
# pair list (`[{"key": "x", "value": ...}]`, `- Key: x` / `Value: y` tags), where `key` holds the
# entry's name and any credential would sit in `value`.
_PAIRED_VALUE = re.compile(r"""[ \t]*,?\s*["']?value["']?[ \t]*[:=]""", re.IGNORECASE)
_ENV_PAIR = re.compile(
    r"""\bname:[ \t]*(?P<q>["']?)(?P<n>[A-Za-z_][\w.-]{0,80})(?P=q)[ \t]*(?:,[ \t]*|\r?\n[ \t]*)value:[ \t]*"""
)
_CODE_REFERENCE = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(.*)?$")
_AUTH_HEADER = re.compile(
    r"authorization[\"']?\s*[:=]\s*[\"']?(?:(?P<scheme>basic|bearer|token|api-token|apikey|digest)\s+)?"
)
_AUTH_SCHEME_ONLY = re.compile(r"AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256|Negotiate|NTLM|Signature|OAuth", re.IGNORECASE)
_AUTH_VALUE = re.compile(r"[A-Za-z0-9+/=._~@-]{8,}")
_CURL_USER = re.compile(r"""(?:\s-u|--user)\s+["']?(?P<u>[^\s"':]*)["']?:["']?(?P<p>[^\s"']*)["']?""")
_URI = re.compile(
    r"""://(?P<u>[^\s:/@"'<>{}]{0,128}):(?P<p>[^\s@/"'<>]{1,128})@(?P<h>[A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])"""
)
_SCHEME_BACK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}$")
_DB_SCHEMES = frozenset(
    {
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "mongodb",
        "mongodb+srv",
        "redis",
        "rediss",
        "amqp",
        "amqps",
        "mssql",
        "sqlserver",
        "snowflake",
        "clickhouse",
        "oracle",
        "cockroachdb",
        "db2",
        "neo4j",
        "bolt",
        "cassandra",
        "couchdb",
        "elasticsearch",
        "influxdb",
    }
)


@functools.lru_cache(maxsize=8192)  # a module's 10,000 resources repeat a few attribute names
def name_strength(identifier: str) -> str | None:
    """'password', 'strong', 'weak' (needs a random-looking value) or None (not a credential)."""
    words = [w.lower() for w in _WORDS.findall(identifier) if not w.isdigit()]
    if not words:
        return None
    last = words[-1]
    qualifier = words[-2] if len(words) > 1 else ""
    if names_provider(words):
        return "strong"
    joined = "".join(words[-2:])
    if last in _PASSWORD_WORDS:
        # a bare `pass` is a Python keyword, a filter band or a loop step; `db_pass` is a password
        return "weak" if last == "pass" and len(words) == 1 else "password"
    if last in _STRONG_WORDS or joined in _STRONG_WORDS:
        return "strong"
    if last in _WEAK_WORDS:
        if qualifier in _NOT_SECRET_QUALIFIERS or "public" in words:
            return None
        if qualifier in CREDENTIAL_KIND_WORDS:
            return "strong"
        return "weak"
    return compound_strength(words)


def _identifier_start(text: str, reversed_text: str, pos: int) -> int:
    """Where the name holding the keyword that starts at `pos` starts: at most 80 characters back.
    Read on the reversed text, so that the regex engine walks back instead of a Python loop."""
    back = _NAME_BACK.match(reversed_text, len(text) - pos)
    return pos - (back.end() - back.start())  # type: ignore[union-attr]


def _value_ok(
    value: str, strength: str, quoted: bool, code: bool, qualified: bool, provider_named: bool = False
) -> bool:
    """`qualified`: the name has more than one word (`api_key`, not just `key`); `provider_named`:
    one of them says whose key it is (`heroku_key`, see qualified.py), and then a token-shaped
    value is kept even when it is hex or lowercase (a digest or a code reference elsewhere).
    Cheap structural checks first: a file can hold thousands of credential-named assignments."""
    value = value.strip()
    if not quoted and value.endswith("}") and "{" not in value:
        value = value[:-1]  # `{'Key': s3_key}`: the closing brace of a mapping, not the value's
    if not quoted and code:
        return False  # in source code an unquoted value is an expression, not a literal
    if provider_named and strength != "password" and token_shaped(value):
        return _not_a_stand_in(value, strength)
    if len(value) < {"password": 6, "strong": 10}.get(strength, 12):
        return False
    if strength != "password" and (" " in value or _WORDY.match(value)):
        return False
    if value.isdigit() and len(value) < 12:
        return False
    if strength == "weak" and is_identifier_like(value) and (qualified is False or not is_uuid(value)):
        return False
    if strength == "strong" and not (looks_random(value, 2.5, 2) or is_identifier_like(value)):
        return False
    if strength == "weak" and not looks_random(value, 3.0, 2):
        return False
    reference = _CODE_REFERENCE.match(value) is not None and not looks_random(value, 3.5, 3)
    if reference and (strength == "weak" or (not quoted and ("." in value or "(" in value))):
        return False
    if value.startswith(("+", "(", "-")) or value.endswith("+"):
        return False  # a piece of a concatenation, a `(sensitive value)` log line, a `${X:-default}`
    if value.startswith(("=", "?")):
        return False  # no token starts so: a query-string or formula fragment, or a mangled paste
    return _not_a_stand_in(value, strength)


def password_value_ok(value: str) -> bool:
    """A literal written as a password (a netrc entry, a flag) that is not a stand-in for one."""
    return _value_ok(value, "password", True, False, True)


def _not_a_stand_in(value: str, strength: str) -> bool:
    """Not a name-shaped value, a placeholder, a template or a documented example key."""
    if not_a_secret_shape(value, strength) is not None:
        return False
    return not (is_placeholder(value) or is_template_or_reference(value) or is_documented_example(value))


def _context_rejects(text: str, start: int, ident_end: int, value_start: int, value_end: int, quoted: bool) -> bool:
    """What the text around a `name = value` says: the name sits inside a `${NAME:-default}`
    expansion or is an unquoted `$NAME` reference; the value is concatenated or formatted
    (`"run-" + id`, `"{}.weight".format(n)`); an unquoted value runs on into a template
    (`v1-deps-{{ .Branch }}`) or into prose (`secret: Refreshing state...`); a bare `key:`
    names a Secret's key (`secretKeyRef`)."""
    if text[max(0, start - 2) : start] == "${" or (text[max(0, start - 1) : start] == "$" and not quoted):
        return True  # `${NAME:-default}`, `$NAME: ...`; a quoted `$name = '...'` is a PHP/PowerShell variable
    line_end = text.find("\n", value_end, value_end + _REST_CHARS)  # bounded: one long line stays linear
    rest = text[value_end : line_end if line_end != -1 else value_end + _REST_CHARS]
    after = rest[1:] if quoted else rest
    before_value = text[max(0, value_start - 3) : value_start - 1]
    if _CONCATENATED.match(after) or (quoted and before_value.rstrip().endswith("+")):
        return True
    unquoted_run = text[value_start:value_end] + rest.split(" #", 1)[0]
    if not quoted and (is_template_or_reference(unquoted_run) or _PROSE.match(rest)):
        return True
    if text[start:ident_end].lower() == "key":
        before = text[max(0, start - 160) : start].lower()
        if _PAIRED_VALUE.match(text, value_end + 1 if quoted else value_end):
            return True
        return "keyref" in before or "secretkeyref" in before
    return False


def assignments(text: str, low: str, code: bool) -> Iterator[Candidate]:
    """`name = value` where the name holds a credential word. Linear in the text: the name's end,
    the separator and the value after it are looked up once per name, however many keywords
    the name holds, and a name already settled (a value found, or none possible) is skipped."""
    seen: set[int] = set()
    reversed_text = ""
    tail_from = tail_end = -1  # text[tail_from:tail_end] are name characters, and the name ends there
    sep_at, sep, value_match, quoted = -1, None, None, False
    settled = -1  # end of a name that has given its candidate or cannot give one
    pos = 0
    # A keyword lies inside its name, so once the name is settled the search resumes after it.
    while (m := _KEYWORD.search(low, max(pos, settled))) is not None:
        pos = m.end()
        if tail_from <= m.end() <= tail_end:
            ident_end = tail_end
        else:
            ident_end = tail_end = _IDENT_TAIL.match(text, m.end()).end()  # type: ignore[union-attr]
            tail_from = m.end()
        if ident_end == settled:
            continue
        if sep_at != ident_end:
            sep_at, sep, value_match = ident_end, _SEP.match(text, ident_end), None
            if sep is not None:
                at = sep.end()
                quoted = text[at : at + 1] in ('"', "'", "`")
                value_match = (_QUOTED if quoted else _UNQUOTED).match(text, at)
                if not quoted and value_match is not None and _RUNS_PAST_BRACKET.match(text, value_match.end()):
                    value_match = None  # `abc[de$]fgh`: the read stopped inside bracketed text
        if sep is None or value_match is None:
            settled = ident_end
            continue
        if ident_end - m.end() > MAX_NAME_TAIL:
            continue
        if not reversed_text:
            reversed_text = text[::-1]
        start = _identifier_start(text, reversed_text, m.start())
        if start in seen:
            continue
        seen.add(start)
        if sep.group().strip().endswith(",") and not _CALL_OPEN.search(text, max(0, start - 8), start):
            continue  # only `f("api_token", "value")`: the name is a call's first argument
        identifier = text[start:ident_end].strip(".-")
        strength = name_strength(identifier)
        if strength is None:
            continue
        value, value_start = value_match.group("v"), value_match.start("v")
        scheme = _SCHEME_VALUE.match(value) if quoted and strength != "password" else None
        if scheme is not None:
            value, value_start = value[scheme.end() :], value_start + scheme.end()
        qualified = len(_WORDS.findall(identifier)) > 1
        provider_named = is_provider_qualified(identifier)
        if _value_ok(value, strength, quoted, code, qualified, provider_named) and not _context_rejects(
            text, start, ident_end, value_start, value_match.end("v"), quoted
        ):
            settled = ident_end  # any later keyword of this name would give the same value again
            yield Candidate(
                "generic-credential",
                f"credential assigned to `{identifier[-40:]}`",
                "generic",
                value,
                value_start,
                value_match.end("v"),
                provider_named,
            )


def env_pairs(text: str) -> Iterator[Candidate]:
    """Kubernetes/Argo/Tekton env lists, where the name and the value are two keys of one item
    (`- name: DB_PASSWORD` then `value: ...`): the assignment scan reads `name = value` only.
    A `valueFrom` item has no `value:` and is never a candidate."""
    for m in _ENV_PAIR.finditer(text):
        name = m.group("n")
        strength = name_strength(name)
        if strength is None:
            continue
        at = m.end()
        quoted = text[at : at + 1] in ('"', "'")
        value_match = (_QUOTED if quoted else _UNQUOTED).match(text, at)
        if value_match is None:
            continue
        value = value_match.group("v")
        end = value_match.end("v")
        if not quoted and value.endswith("}") and "{" not in value:
            value, end = value[:-1], end - 1  # `{name: X, value: Y}`: the flow mapping's brace
        default = strength == "password" and value.lower() in _DEFAULT_PASSWORDS
        if not (default or _value_ok(value, strength, quoted, False, "_" in name)) or _context_rejects(
            text, m.start("n"), m.end("n"), value_match.start("v"), end, quoted
        ):
            continue
        start = value_match.start("v")
        yield Candidate("generic-credential", f"credential assigned to `{name[-40:]}`", "generic", value, start, end)


def labelled_tokens(text: str) -> Iterator[Candidate]:
    """`sentry token = '...'`: a provider word and a key word with a space between, at the start
    of a line (logs, config dumps, READMEs); the assignment scan reads one-word names only."""
    for name, value, start, end, quoted in chain(labelled(text), used_in_log(text)):
        if not _not_a_stand_in(value, "strong") or _context_rejects(text, start, start, start, end, quoted):
            continue
        yield Candidate("generic-credential", f"credential labelled `{name[-40:]}`", "generic", value, start, end, True)


def _basic_has_password(value: str) -> bool:
    """HTTP Basic credentials are base64("user:password")."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded


def _auth_value_is_code(low: str, header: re.Match[str]) -> bool:
    """`Authorization: request.Header.Get(...)`, `"authorization": token.Type() + " " + ...`:
    in source code a value that no quote opens is an expression, never a literal."""
    head = header.group()
    sep = max(head.rfind(":"), head.rfind("="))
    return not any(q in head[sep + 1 :] for q in "\"'`")


def auth_headers(text: str, low: str, code: bool = False) -> Iterator[Candidate]:
    value_end = 0
    for m in _AUTH_HEADER.finditer(low):
        if m.end() < value_end:
            continue  # `authorization=` inside the value just read: the same value, shorter
        if m.start() > 0 and low[m.start() - 1].isalnum():
            continue  # `CopySourceAuthorization:`, `HeaderAuthorization =`: a longer name
        value = _AUTH_VALUE.match(text, m.end())
        if value is None:
            continue
        value_end = value.end()
        secret = value.group()
        if is_placeholder(secret) or is_template_or_reference(secret) or (code and _auth_value_is_code(low, m)):
            continue
        if not m.group("scheme") and (_AUTH_SCHEME_ONLY.fullmatch(secret) or not_a_secret_shape(secret, "weak")):
            continue  # `AWS4-HMAC-SHA256 Credential=...`, `"Authorization"` as a header-name constant
        scheme = m.group("scheme")
        if scheme == "basic":
            if not _basic_has_password(secret):
                continue
        elif not looks_random(secret, 3.0, 2):
            continue
        yield Candidate(
            "authorization-header",
            "credential in an Authorization header",
            "generic",
            secret,
            value.start(),
            value.end(),
        )


def curl_users(text: str) -> Iterator[Candidate]:
    for m in _CURL_USER.finditer(text):
        floor = max(0, m.start() - _REST_CHARS * 3)  # bounded: one long line stays linear
        line_start = text.rfind("\n", floor, m.start()) + 1
        for _ in range(5):  # a command continued with `\` over the lines above
            if line_start < 2 or text[line_start - 2] != "\\":
                break
            line_start = text.rfind("\n", floor, line_start - 1) + 1
        if "curl" not in text[max(line_start, floor) : m.start()].lower():
            continue  # `pip install --user git+https://...`: `--user` of another command
        user, password = m.group("u").strip("{}"), m.group("p").strip("{}")
        group = "p" if password else "u"
        secret = password or user
        if not secret or any(c in m.group() for c in "<>[]") or user == password:
            continue
        if len(secret) < 6 or is_placeholder(secret) or is_template_or_reference(secret):
            continue
        if not password and not looks_random(secret, 3.0, 2):
            continue
        start = m.start(group) + (1 if m.group(group).startswith("{") else 0)
        yield Candidate("curl-credentials", "credentials passed to curl", "generic", secret, start, start + len(secret))


def uri_passwords(text: str) -> Iterator[Candidate]:
    for m in _URI.finditer(text):
        password = m.group("p")
        scheme_match = _SCHEME_BACK.search(text, max(0, m.start() - 31), m.start())
        if scheme_match is None:
            continue
        scheme = scheme_match.group().lower()
        if scheme.startswith("jdbc:"):
            scheme = scheme[5:]
        # `DB_USERNAME:DB_PASSWORD@DB_HOST`, `${PASSWORD}`, `{{password}}`: a template's stand-ins,
        # judged as a password assignment's value is (an env-var name is the variable, not its value).
        if (
            len(password) < 6
            or password == m.group("u")
            or password.startswith(("$", "%", "*"))
            or not _not_a_stand_in(password, "password")
        ):
            continue
        kind = "database" if scheme in _DB_SCHEMES else "URI"
        yield Candidate(
            "uri-password",
            f"password in a {kind} connection string ({scheme}://)",
            "uri",
            password,
            m.start("p"),
            m.end("p"),
        )


def uri_userinfo(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of every password in a `scheme://user:password@host` URL, unfiltered: in error
    text and URLs a scan reports (never source code), a placeholder-looking one is hidden too."""
    for m in _URI.finditer(text):
        if _SCHEME_BACK.search(text, max(0, m.start() - 31), m.start()) is not None:
            yield m.start("p"), m.end("p")


def find(text: str, low: str, code: bool) -> Iterator[Candidate]:
    yield from assignments(text, low, code)
    if not code:
        yield from labelled_tokens(text)
    if not code and "value:" in text:
        yield from env_pairs(text)
    if "authorization" in low:
        yield from auth_headers(text, low, code)
    if "curl" in low or "--user" in low:
        yield from curl_users(text)
    if "://" in text:
        yield from uri_passwords(text)
