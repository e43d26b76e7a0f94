"""Credentials given to a name in the forms the `name = value` scan (generic.py) cannot see:
positional arguments of client constructors and login calls, comparisons with a literal, .NET
`<add key=".." value=".."/>`, Gradle `buildConfigField`, Dockerfile `ENV NAME value`, Kubernetes
and compose `- name: X` / `value: ...` env lists, and credential headers other than
`Authorization` (`-H "X-Api-Key: ..."`). The name is judged as in generic.py (the same words,
the same value checks); every form starts at a literal found by one regex search, so the scan
stays linear in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.secrets.generic import Candidate, _value_ok, name_strength

_Q = r"""(?P<q>["'`])(?P<v>(?:\\[^\n]|[^\n\\"'`])(?:\\[^\n]|(?!(?P=q))[^\n\\]){0,299})(?P=q)"""
_QUOTED = re.compile(_Q)
# A call whose positional argument (0-based) is a credential, and how strong a value it needs.
_CALLS: dict[str, tuple[int, str]] = {
    "cohere.Client": (0, "strong"),
    "cohere.ClientV2": (0, "strong"),
    "cohere.AsyncClient": (0, "strong"),
    "replicate.Client": (0, "strong"),
    "huggingface_hub.login": (0, "strong"),
    "hf_hub.login": (0, "strong"),
    "wandb.login": (0, "strong"),
    "comet_ml.login": (0, "strong"),
    "neptune.init_run": (0, "strong"),
    "HfApi": (0, "strong"),
    "HfFolder.save_token": (0, "strong"),
    "NetworkCredential": (1, "password"),
    "PasswordAuthentication": (1, "password"),
    "UsernamePasswordCredentials": (1, "password"),
    "UsernamePasswordCredential": (1, "password"),
    "BasicAuthCredentials": (1, "password"),
    "HTTPBasicAuth": (1, "password"),
    "HTTPDigestAuth": (1, "password"),
    "BasicAuth": (1, "password"),
    "aiohttp.BasicAuth": (1, "password"),
}
_CALL = re.compile(
    r"(?<![\w.])(?:new\s+)?(?P<c>" + "|".join(re.escape(c) for c in sorted(_CALLS, key=len)[::-1]) + r")\(\s*"
)
# One positional argument: a literal, or a short expression; a keyword argument ends the list.
_ARG = re.compile(_Q + r"""|(?P<e>[^,()"'`=\n]{0,80})""")
_ARG_SEP = re.compile(r"\s*,\s*")

_COMPARE = re.compile(r"""\s*(?:===?|!==?)\s*""")
_COMPARE_NAME = re.compile(r"""(?P<n>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\s*["'][\w.-]{1,80}["']\s*\])?)$""")
_COMPARE_VALUE = re.compile(r"(?P<q>[\"'`])")

_XML_ADD = re.compile(r"""<add\s+(?:key|name)\s*=\s*"(?P<n>[^"<>\n]{1,100})"\s+value\s*=\s*"(?P<v>[^"<>\n]{1,300})\"""")
_GRADLE = re.compile(
    r"""(?:buildConfigField|resValue)\s*\(?\s*["'][\w.]+["']\s*,\s*["'](?P<n>[\w.-]{1,100})["']\s*,\s*"""
    r"""["'](?:\\?")?(?P<v>[^"'\\\n]{1,300})(?:\\?")?["']"""
)
_DOCKER_ENV = re.compile(
    r"""^[ \t]*(?:ENV|ARG)[ \t]+(?P<n>[A-Za-z_][\w.-]{0,100})[ \t]+(?P<v>[^\s"'=\\][^\s]{0,299})[ \t]*$""", re.M
)
_ENV_LIST = re.compile(
    r"""name:[ \t]*["']?(?P<n>[A-Za-z_][\w.-]{0,100})["']?[ \t]*\r?\n[ \t]*(?:-[ \t]+)?value:[ \t]*"""
    r"""(?:(?P<q>["'])(?P<v>[^"'\n]{1,300})(?P=q)|(?P<u>[^\s"'#{][^\s#]{0,299}))"""
)
_HEADER = re.compile(r"""(?:-H|--header)[ \t]+["'](?P<n>[A-Za-z][\w-]{0,60})[ \t]*:[ \t]*(?P<v>[^\s"']{1,300})["']""")


def _candidate(form: str, name: str, value: str, start: int, strength: str | None = None) -> Candidate | None:
    strength = strength or name_strength(name)
    if strength is None:
        return None
    qualified = True  # the form itself says the value is this name's credential
    if not _value_ok(value, strength, True, False, qualified):
        return None
    return Candidate(
        "generic-credential", f"credential {form} `{name[-40:]}`", "generic", value, start, start + len(value)
    )


def calls(text: str) -> Iterator[Candidate]:
    for m in _CALL.finditer(text):
        callee = m.group("c")
        position, strength = _CALLS[callee]
        pos = m.end()
        for index in range(position + 1):
            arg = _ARG.match(text, pos)
            if arg is None or (arg.group("v") is None and index == position):
                break
            if index == position:
                c = _candidate("passed to", callee, arg.group("v"), arg.start("v"), strength)
                if c is not None:
                    yield c
                break
            sep = _ARG_SEP.match(text, arg.end())
            if sep is None or not sep.group().strip():
                break
            pos = sep.end()


def comparisons(text: str) -> Iterator[Candidate]:
    """`token == "..."` (and `!=`, `===`), at each comparison operator."""
    for m in _COMPARE.finditer(text):
        quote = _COMPARE_VALUE.match(text, m.end())
        if quote is not None:
            name = _COMPARE_NAME.search(text, max(0, m.start() - 120), m.start())
            value = _QUOTED.match(text, m.end())
            if name is not None and value is not None:
                c = _candidate("compared with", name.group("n"), value.group("v"), value.start("v"))
                if c is not None:
                    yield c


def _pairs(pattern: re.Pattern[str], text: str, form: str) -> Iterator[Candidate]:
    for m in pattern.finditer(text):
        group = "v" if m.group("v") is not None else "u"
        c = _candidate(form, m.group("n"), m.group(group), m.start(group))
        if c is not None:
            yield c


def find(text: str) -> Iterator[Candidate]:
    if "(" in text:
        yield from calls(text)
    if "==" in text or "!=" in text:
        yield from comparisons(text)
    if "<add" in text:
        yield from _pairs(_XML_ADD, text, "in the setting")
    if "buildConfigField" in text or "resValue" in text:
        yield from _pairs(_GRADLE, text, "in the build field")
    if "ENV" in text or "ARG" in text:
        yield from _pairs(_DOCKER_ENV, text, "in the image variable")
    if "value:" in text:
        yield from _pairs(_ENV_LIST, text, "in the environment variable")
    if "-H" in text or "--header" in text:
        yield from _pairs(_HEADER, text, "in the header")
