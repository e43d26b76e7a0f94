"""Credential files known by name, read by their own shape: what `wandb login` writes to
`.netrc`, `kaggle.json`, `.databrickscfg`, `~/.aws/credentials`, `.pypirc`, `.npmrc` and
`.git-credentials`. In these files the value of a credential field is a credential whatever it
looks like (a Kaggle key is 32 hex digits, which elsewhere would pass for an MD5 digest), so only
placeholders and references are dropped."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from scanner.secrets.filters import is_placeholder, is_template_or_reference
from scanner.secrets.generic import Candidate, password_value_ok

_NETRC = re.compile(r"(?:^|\s)password\s+(?P<v>[^\s#]{1,300})")
_INI_LINE = re.compile(r"^[ \t]*(?P<n>[\w.:/@-]{1,200})[ \t]*[=:][ \t]*(?P<v>[^\s#;]{1,300})[ \t]*$", re.M)
_JSON_KEY = re.compile(r'"key"\s*:\s*"(?P<v>[^"\s]{1,300})"')
_CREDENTIAL_URL = re.compile(r"://[^\s:/@]{0,128}:(?P<v>[^\s@/]{1,300})@")

Finder = Callable[[str], Iterator[re.Match[str]]]


def _ini(*fields: str) -> Finder:
    """`field = value` lines whose field (or its last `:`-part, as in `.npmrc`) is one of `fields`."""

    def find(text: str) -> Iterator[re.Match[str]]:
        for m in _INI_LINE.finditer(text):
            if m.group("n").rsplit(":", 1)[-1].lower() in fields:
                yield m

    return find


def _all(pattern: re.Pattern[str]) -> Finder:
    return lambda text: pattern.finditer(text)


# file name -> (what the file is, where its credentials are)
_FILES: dict[str, tuple[str, Finder]] = {
    ".netrc": ("netrc", _all(_NETRC)),
    "_netrc": ("netrc", _all(_NETRC)),
    "kaggle.json": ("Kaggle API credentials", _all(_JSON_KEY)),
    ".databrickscfg": ("Databricks CLI profile", _ini("token", "password", "client_secret")),
    ".pypirc": ("PyPI upload settings", _ini("password")),
    ".npmrc": ("npm settings", _ini("_authtoken", "_auth", "_password")),
    ".yarnrc": ("yarn settings", _ini("_authtoken", "_auth", "_password")),
    ".git-credentials": ("git credential store", _all(_CREDENTIAL_URL)),
    "credentials": ("AWS credentials", _ini("aws_secret_access_key", "aws_session_token")),
}


def kind_of(path: str) -> str | None:
    name = PurePosixPath(path).name.lower()
    if name == "credentials" and PurePosixPath(path).parent.name != ".aws":
        return None  # a file named `credentials` elsewhere is not known to be AWS's
    entry = _FILES.get(name)
    return entry[0] if entry else None


# A netrc entry written out anywhere (a README, a script writing `~/.netrc`, a notebook cell):
# `machine`, `login` and `password` in a row say what the last value is.
_NETRC_ENTRY = re.compile(
    r"(?:^|\s)machine\s+[\w.-]{1,253}\s+login\s+[^\s\"'`]{1,200}\s+password\s+(?P<v>[^\s\"'`#]{1,300})"
)


def netrc_entries(text: str) -> Iterator[Candidate]:
    for m in _NETRC_ENTRY.finditer(text):
        value = m.group("v")
        # Outside a netrc file the entry may be a test's or a README's sample: the password checks
        # of a `password = ...` assignment apply (`pass-1`, `new-pass` name a password, are none).
        if not password_value_ok(value):
            continue
        yield Candidate("credential-file", "password in a netrc entry", "generic", value, m.start("v"), m.end("v"))


# Docker's config.json (`~/.docker/config.json`, `.dockerconfigjson`, `DOCKER_AUTH_CONFIG`): each
# registry's `auth` is base64("user:password"), whatever file or string holds the JSON; escaped
# quotes (`\"auth\":\"...\"`) when it is written inside another string.
_DOCKER_AUTH = re.compile(r'\\*"auth\\*"\s*:\s*\\*"(?P<v>[A-Za-z0-9+/]{8,2000}={0,2})\\*"')


def docker_auths(text: str) -> Iterator[Candidate]:
    for m in _DOCKER_AUTH.finditer(text):
        value = m.group("v")
        try:
            _user, sep, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError):
            continue
        if not sep or not password or is_placeholder(password) or is_template_or_reference(password):
            continue
        what = "registry credentials (base64 user:password) in a Docker config"
        yield Candidate("credential-file", what, "generic", value, m.start("v"), m.end("v"))


def find(text: str, path: str) -> Iterator[Candidate]:
    if "machine" in text and kind_of(path) != "netrc":
        yield from netrc_entries(text)
    if "auths" in text:
        yield from docker_auths(text)
    if not path or kind_of(path) is None:
        return
    what, finder = _FILES[PurePosixPath(path).name.lower()]
    for m in finder(text):
        value = m.group("v").strip("\"'")
        if len(value) < 6 or is_placeholder(value) or is_template_or_reference(value):
            continue
        start = m.start("v") + m.group("v").index(value)
        yield Candidate("credential-file", f"credential in a {what} file", "generic", value, start, start + len(value))
