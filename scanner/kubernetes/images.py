"""Container image references: how each one is pinned, read from the reference alone.

A reference is `[registry[:port]/]path[:tag][@digest]`. Docker requires the path in lower case,
so upper case there (`gcr.io/PROJECT_ID/trainer`, `IMAGE`) can only be a placeholder that a
script fills in, as are `<project>`, `${VAR}`, `$(VAR)` and `{{ template }}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\(|\$\{|\$[A-Za-z_]|<[^>]*>")
_CAPS_TOKEN = re.compile(r"^[A-Z][A-Z0-9_]+$")
# A release: a tag with a version number in it (`v0.17.0`, `2.44.1-py311-cpu`, `1.25-alpine`,
# `alpine3.6`, `v1beta1-45c5727`), unless a moving word is part of it (`3-nightly`, `1.x-latest`).
# Words alone (`alpine`, `lab`, `main`) are moving tags.
_VERSION = re.compile(r"\d")
_MOVING = re.compile(r"(?:^|[._-])(?:latest|nightly|dev|edge|snapshot|main|master|head|canary|stable)(?:$|[._-])", re.I)


_TEST_DIRS = frozenset({"test", "tests", "testdata", "test_data", "e2e", "fixtures", "__fixtures__"})


def in_tests(path: str) -> bool:
    """A manifest of a test suite: CI builds and loads its images; it deploys nothing."""
    return any(part.lower() in _TEST_DIRS for part in PurePosixPath(path).parts[:-1])


@dataclass(frozen=True)
class Pinning:
    how: str  # digest | placeholder | latest | untagged | mutable | versioned
    tag: str | None = None


def pinning(image: str) -> Pinning:
    image = image.strip()
    if _DIGEST.search(image):
        return Pinning("digest")
    if not image or _PLACEHOLDER.search(image):
        return Pinning("placeholder")
    last = image.rsplit("/", 1)[-1]
    name, colon, tag = last.partition(":")
    path = image[: len(image) - len(last)] + name
    registry, slash, rest = path.partition("/")
    # The registry host may be upper case (hostnames are not), the path never.
    if any(c.isupper() for c in (rest if slash and ("." in registry or ":" in registry) else path)):
        return Pinning("placeholder")
    if not colon:
        return Pinning("untagged")
    if _CAPS_TOKEN.match(tag):
        return Pinning("placeholder", tag)
    if tag == "latest":
        return Pinning("latest", tag)
    if _VERSION.search(tag) and not _MOVING.search(tag):
        return Pinning("versioned", tag)
    return Pinning("mutable", tag)
