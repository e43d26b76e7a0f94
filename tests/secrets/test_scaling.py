"""Secret detection is linear in the input: every detector, on the inputs that used to make it
quadratic or worse and on long random lines of each detector's prefixes, takes at most 12x as
long on 8x the input (linear is 8x). A ratio inside one run, never a wall-clock limit."""

from __future__ import annotations

import json
import random
import re
import string
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.loaders.json_file import LazySpans
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import detect
from scanner.secrets.hits import secret_hits
from scanner.secrets.source import Source, build_hits
from scanner.secrets.terraform import terraform_hits
from scanner.secrets.tokens import FORMATS
from scanner.walk import FileEntry, Listing

MAX_RATIO = 12.0
ATTEMPTS = 3  # a ratio above the limit is measured again: the machine is shared
REPEATS = 3  # the minimum of several runs of each size
ALNUM = string.ascii_letters + string.digits
PASSWORD = "Zq8Lr2Vx9Pm4Kt7W"


def _random(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _minified_json(size: int) -> str:
    rng = random.Random(size)
    pairs = [f'"db_password_{i}":"{_random(rng, 16)}"' for i in range(size // 38)]
    return "{" + ",".join(pairs) + "}"


def _aws_key_ids(size: int) -> str:
    rng = random.Random(size)
    return " ".join("AKIA" + _random(rng, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(size // 21))


# The inputs that were quadratic or worse before: (name, size N, text of about `size` characters).
PATHOLOGICAL: list[tuple[str, int, Callable[[int], str]]] = [
    ("password-quotes-line", 8_000, lambda n: _repeat('password="', n)),
    ("minified-json-password-keys", 8_000, _minified_json),
    ("keykey", 32_000, lambda n: _repeat("key", n)),
    ("keykey-then-value", 32_000, lambda n: _repeat("key", n) + f'="{PASSWORD}"'),
    ("private-key-headers", 32_000, lambda n: _repeat("-----BEGIN RSA PRIVATE KEY-----\n", n)),
    ("private-key-headers-one-end", 32_000, lambda n: _repeat("-----BEGIN PRIVATE KEY-----", n) + "-----END X"),
    ("jwt-prefixes", 32_000, lambda n: _repeat("eyJ", n)),
    ("jwt-prefixes-dashed", 32_000, lambda n: _repeat("eyJ-", n) + ".eyJabcd.x"),
    ("uri-userinfo", 32_000, lambda n: _repeat("://user:", n)),
    ("aws-key-ids-one-line", 8_000, _aws_key_ids),
    ("bundler-names", 32_000, lambda n: _repeat("BUNDLE_", n)),
    ("bundler-double-underscores", 32_000, lambda n: _repeat("BUNDLE__", n) + "=a"),
    ("authorization-chain", 8_000, lambda n: "Authorization: Bearer " + _repeat("authorization=", n)),
    ("curl-password-templates", 32_000, lambda n: "curl -u admin:" + _repeat("{{ab", n)),
    ("curl-password-env-refs", 32_000, lambda n: "curl -u admin:" + _repeat("${ab", n)),
    ("allow-comment-blanks", 32_000, lambda n: f'password = "{PASSWORD}" # mlcomply:allow secrets' + " " * n + "x"),
    ("azure-sas-anchors", 16_000, lambda n: _repeat("?sv=2020-01-01&", n)),
    ("facebook-prefixes", 32_000, lambda n: _repeat("EAAA", n)),
    ("base64-pem-prefixes", 32_000, lambda n: _repeat("LS0tLS1CRUdJTi", n)),
    ("azure-key-ends", 32_000, lambda n: "azure " + _repeat("Qw3rTy6UiOp9==", n)),
    ("devops-names", 32_000, lambda n: _repeat("devops_pat=", n)),
    ("comparisons", 4_000, lambda n: _repeat('token == "a', n)),
    ("client-calls", 4_000, lambda n: _repeat('cohere.Client("', n)),
    ("network-credentials", 4_000, lambda n: _repeat('NetworkCredential("u", ', n)),
    ("dotnet-settings", 4_000, lambda n: _repeat('<add key="api_key" value="', n)),
    ("env-lists", 4_000, lambda n: _repeat("- name: API_KEY\n  value: ", n)),
    ("xml-elements", 4_000, lambda n: _repeat("<password>", n) + "a</password>"),
    ("escaped-quotes", 4_000, lambda n: 'password = "' + _repeat('\\"', n)),
    ("provider-names", 32_000, lambda n: _repeat("apilayer ", n)),
    ("provider-names-and-runs", 8_000, lambda n: _repeat("amplitude a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7 ", n)),
]


def _prefixes() -> list[str]:
    """Every format's keywords as its pattern spells them (`eyJ`, `AKIA`), plus the generic ones."""
    found = {"password=", 'password="', "api_key: ", "://user:", "://", "@", "Authorization: Bearer "}
    found |= {"curl -u ", "--user ", "-----BEGIN", "-----END", "eyJ", ".eyJ", "BUNDLE_", "sv=2020-01-01&"}
    literal = {f.id: f.pattern.pattern.replace("\\", "") for f in FORMATS}
    for fmt in FORMATS:
        for keyword in fmt.keywords:
            spelled = re.search(re.escape(keyword), literal[fmt.id], re.IGNORECASE)
            found.add(spelled.group() if spelled else keyword)
    return sorted(found)


def _prefix_line(prefix: str) -> Callable[[int], str]:
    """A long line of the prefix, each copy followed by a few characters tokens are made of."""

    def make(size: int) -> str:
        rng = random.Random(prefix)
        parts, total = [], 0
        while total < size:
            part = prefix + _random(rng, rng.randint(0, 6), "AbZ09_-.+/=:x")
            parts.append(part)
            total += len(part)
        return "".join(parts)

    return make


def _seconds(run: Callable[[], object]) -> float:
    """CPU time of this thread: time spent waiting for a core on a busy machine is left out."""
    start = time.thread_time()
    run()
    return time.thread_time() - start


def _ratio(job_of: Callable[[int], Callable[[], object]], n: int) -> float:
    small, large = job_of(n), job_of(8 * n)
    for _ in range(ATTEMPTS):
        times_small, times_large = [], []
        for _ in range(REPEATS):  # interleaved, so a busy moment hits both sizes
            times_small.append(_seconds(small))
            times_large.append(_seconds(large))
        ratio = min(times_large) / max(min(times_small), 1e-4)
        if ratio <= MAX_RATIO:
            break
    return ratio


def _text_job(make: Callable[[int], str], path: str = "config.txt") -> Callable[[int], Callable[[], object]]:
    def job_of(size: int) -> Callable[[], object]:
        text = make(size)
        return lambda: build_hits(Source(text, path, comment_tokens(path)), detect(text, path))

    return job_of


@pytest.mark.parametrize(("name", "n", "make"), PATHOLOGICAL, ids=[p[0] for p in PATHOLOGICAL])
def test_pathological_input_scales_linearly(name: str, n: int, make: Callable[[int], str]) -> None:
    assert _ratio(_text_job(make), n) <= MAX_RATIO


def test_long_lines_of_every_prefix_scale_linearly() -> None:
    slow = {}
    for prefix in _prefixes():
        for make in (_prefix_line(prefix), lambda n, p=prefix: _repeat(p, n)):
            ratio = _ratio(_text_job(make), 1_500)
            if ratio > MAX_RATIO:
                slow[prefix] = round(ratio, 1)
    assert slow == {}
    assert len(_prefixes()) > 100


def test_notebook_cells_scale_linearly() -> None:
    def job_of(cells: int) -> Callable[[], object]:
        rng = random.Random(cells)
        nb = {
            "cells": [
                {"cell_type": "code", "source": [f'password = "{_random(rng, 16)}"\n', "x = 1"], "outputs": []}
                for _ in range(cells)
            ],
            "nbformat": 4,
        }
        text = json.dumps(nb, indent=1)

        def run() -> object:
            spans = LazySpans("nb.ipynb", text)
            doc = Document(kind="notebook", path="nb.ipynb", data=json.loads(text), text=text, spans=spans)
            return secret_hits(doc, None)  # type: ignore[arg-type]  # notebooks need no context

        return run

    assert _ratio(job_of, 40) <= MAX_RATIO


def test_terraform_values_scale_linearly(tmp_path: Path) -> None:
    """Thousands of resources with a literal password each: every hit finds its resource block
    without looking at every other resource."""

    def job_of(count: int) -> Callable[[], object]:
        rng = random.Random(count)
        folder = tmp_path / str(count)
        folder.mkdir()
        blocks, resources = [], []
        for i in range(count):
            password = _random(rng, 16)
            blocks.append(f'resource "aws_db_instance" "db{i}" {{\n  password = "{password}"\n}}\n')
            # a value only the values scan sees, shaped like a template (the filters read it all)
            config = {"password": password, "master_password": _random(rng, 12) + "{{ab" * 200}
            resources.append(
                {"address": f"aws_db_instance.db{i}", "type": "aws_db_instance", "file": "main.tf"}
                | {"line": 3 * i + 1, "end_line": 3 * i + 3, "config": config}
            )
        tf = folder / "main.tf"
        tf.write_text("".join(blocks), encoding="utf-8")
        entry = FileEntry("main.tf", tf, tf.stat().st_size, False)
        ctx = ScanContext(Listing(folder, (entry,), (), None))
        doc = Document(kind="terraform", path=".", data={"resources": resources})
        return lambda: terraform_hits(doc, ctx)

    assert _ratio(job_of, 50) <= MAX_RATIO
