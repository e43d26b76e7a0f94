"""Credentials given to a name in the forms the `name = value` scan (generic.py) cannot see:
positional arguments of client constructors and login calls, comparisons with a literal, .NET
`<add key=".." value=".."/>`, XML elements (`<password>..</password>`), Gradle
`buildConfigField`, Dockerfile `ENV NAME value`, Kubernetes and compose `- name: X` / `value: ...`
env lists, and credential headers other than `Authorization` (`-H "X-Api-Key: ..."`). The name is
judged as in generic.py (the same words, the same value checks); every form starts at a literal
found by one regex search, so the scan stays linear in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

import ahocorasick

from scanner.secrets.generic import Candidate, _value_ok, name_strength

_Q = r"""(?P<q>["'`])(?P<v>(?:\\[^\n]|[^\n\\"'`])(?:\\[^\n]|(?!(?P=q))[^\n\\]){0,299})(?P=q)"""
_QUOTED = re.compile(_Q)
# A call whose positional argument (0-based) is a credential, and how strong a value it needs.
# Only calls whose signature puts the key there (`wandb.login`'s first parameter is `anonymous`,
# `HfApi`'s is `endpoint`: their keys come by keyword, which generic.py reads).
_CALLS: dict[str, tuple[int, str]] = {
    "cohere.Client": (0, "strong"),
    "cohere.ClientV2": (0, "strong"),
    "cohere.AsyncClient": (0, "strong"),
    "replicate.Client": (0, "strong"),
    "huggingface_hub.login": (0, "strong"),
    "comet_ml.login": (0, "strong"),
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
# One automaton finds every `callee(` at once; the character before must end no longer name.
_CALL_WORDS = ahocorasick.Automaton()
for _callee in _CALLS:
    _CALL_WORDS.add_word(_callee + "(", _callee)
_CALL_WORDS.make_automaton()
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
_SPACES = re.compile(r"\s*")
# Cheap substring checks first: most texts call none of these.
_CALL_GATE = tuple(sorted({c.rsplit(".", 1)[-1] + "(" for c in _CALLS}))
# One positional argument: a literal, or a short expression; a keyword argument ends the list.
_ARG = re.compile(_Q + r"""|(?P<e>[^,()"'`=\n]{0,80})""")
_ARG_SEP = re.compile(r"\s*,\s*")

_ASSERTION = re.compile(r"\bassert|\bexpect\(|\bassertEqual|\bassert_eq")
_COMPARE = re.compile(r"""[=!]==?(?=\s*["'`])""")
_COMPARE_NAME = re.compile(
    r"""(?<![\w$.\]])(?P<n>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\s*["'][\w.-]{1,80}["']\s*\])?)$"""
)

_XML_ADD = re.compile(r"""<add\s+(?:key|name)\s*=\s*"(?P<n>[^"<>\n]{1,100})"\s+value\s*=\s*"(?P<v>[^"<>\n]{1,300})\"""")
# `<password>...</password>` (Maven settings.xml, Jenkins and Spring XML configs).
_XML_ELEMENT = re.compile(r"<(?P<n>[A-Za-z][\w.-]{0,60})>(?P<v>[^<>\n]{1,300})</(?P=n)>")
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
# `--password VALUE`, `--password=VALUE`, PowerShell's `-Password VALUE` (Connect-VIServer,
# New-PSDrive...), and `psexec \\host -u USER -p PASSWORD`: a credential on a command line.
_PASSWORD_FLAG = re.compile(
    r"""(?<![\w-])(?P<n>--?(?i:password|passwd))(?:[ \t]+|=)"""
    r"""(?P<q>["']?)(?P<v>[^\s"'`|;&<>]{1,300})(?P=q)(?=[\s;|&]|$)"""
)
_PSEXEC = re.compile(
    r"""(?i:psexec)(?:\.exe)?\b[^\n]{0,200}?[ \t]-u[ \t]+\S+[ \t]+-p[ \t]+"""
    r"""(?P<q>["']?)(?P<v>[^\s"'`]{1,300})(?P=q)(?=\s|$)"""
)
# Python: a typed field's default (`password: SecretStr = "..."`, pydantic/Dagster config and
# resource classes), and a secret wrapper around a literal (`SecretStr("...")`, Prefect's
# `Secret(value="...")`): the wrapper says the value is a credential whatever its name.
_ANNOTATED = re.compile(
    r"""^[ \t]*(?P<n>[A-Za-z_]\w{0,100})[ \t]*:[ \t]*(?:str|SecretStr|Optional\[(?:str|SecretStr)\]|"""
    r"""(?:str|SecretStr)[ \t]*\|[ \t]*None)[ \t]*=[ \t]*""" + _Q,
    re.M,
)
_SECRET_WRAPPER = re.compile(r"""(?<![\w.])(?P<n>SecretStr|SecretBytes|Secret)\([ \t]*(?:value[ \t]*=[ \t]*)?""" + _Q)
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
    for end, callee in _CALL_WORDS.iter(text):
        start = end + 1 - len(callee) - 1
        if start > 0 and text[start - 1] in _NAME_CHARS:
            continue
        position, strength = _CALLS[callee]
        pos = _SPACES.match(text, end + 1).end()  # type: ignore[union-attr]
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
    """`token == "..."` (and `!=`, `===`), at each comparison operator followed by a literal."""
    for m in _COMPARE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "=!<>":
            continue  # the tail of a longer operator
        value = _QUOTED.match(text, _SPACES.match(text, m.end()).end())  # type: ignore[union-attr]
        window = max(0, m.start() - 200)  # bounded: a line of thousands of comparisons stays linear
        line_start = text.rfind("\n", window, m.start()) + 1 or window
        if _ASSERTION.search(text, line_start, m.start()):
            continue  # a test's expected value, not a credential the code checks against
        before = m.start()
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        name = _COMPARE_NAME.search(text, max(0, before - 120), before)
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


def _is_dockerfile(path: str) -> bool:
    name = PurePosixPath(path).name.lower()
    return name.startswith(("dockerfile", "containerfile")) or name.endswith((".dockerfile", ".containerfile"))


def find(text: str, path: str = "") -> Iterator[Candidate]:
    if any(gate in text for gate in _CALL_GATE):
        yield from calls(text)
    if "==" in text or "!=" in text:
        yield from comparisons(text)
    if "<add" in text:
        yield from _pairs(_XML_ADD, text, "in the setting")
    if "</" in text:
        yield from _pairs(_XML_ELEMENT, text, "in the element")
    if "buildConfigField" in text or "resValue" in text:
        yield from _pairs(_GRADLE, text, "in the build field")
    if _is_dockerfile(path):
        yield from _pairs(_DOCKER_ENV, text, "in the image variable")
    if "value:" in text:
        yield from _pairs(_ENV_LIST, text, "in the environment variable")
    low = text.lower()
    if "-password" in low or "-passwd" in low:
        for m in _PASSWORD_FLAG.finditer(text):
            if (c := _candidate("given by the flag", m.group("n"), m.group("v"), m.start("v"), "password")) is not None:
                yield c
    if "psexec" in low:
        for m in _PSEXEC.finditer(text):
            if (c := _candidate("given to", "psexec -p", m.group("v"), m.start("v"), "password")) is not None:
                yield c
    if "-H" in text or "--header" in text:
        yield from _pairs(_HEADER, text, "in the header")
    if PurePosixPath(path).suffix.lower() in (".py", ".ipynb"):
        if ":" in text and "=" in text:
            yield from _pairs(_ANNOTATED, text, "assigned to")
        if "Secret" in text:
            for m in _SECRET_WRAPPER.finditer(text):
                if (c := _candidate("wrapped in", m.group("n"), m.group("v"), m.start("v"), "password")) is not None:
                    yield c
