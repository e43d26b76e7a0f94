"""Time of the secrets detector on pathological inputs, each at 1/8 of its size and at full size.

    python bench/secrets_scaling.py [--timeout 60] [--case NAME]...

Each measurement runs in a child process (so a super-linear case can be cut off at --timeout,
in wall time) and reports the CPU seconds of what a scan does with one file's text: `detect`
plus `build_hits` (allow comments, redacted snippets), or the notebook path for the notebook
case. Linear code takes about 8x as long at full size as at 1/8; the `x8` column is that ratio.

Before: main's detector (71a29bc, unchanged up to 8213e1d); after: branch secrets-linear.
`python bench/secrets_scaling.py --timeout 60`, CPU seconds, on the shared 2-core machine
(`> 60 s`: cut off at 60 s of wall time):

    case                      size      before 1/8   before full   after 1/8   after full   x8
    password-quotes-line      20 KB       0.20 s      > 60 s        0.01 s      0.07 s    11.1
    minified-json-2000-keys   75 KB       0.45 s      > 60 s        0.02 s      0.10 s     5.5
    keykey                    1.0 MB      > 60 s      > 60 s        0.00 s      0.02 s    11.0
    private-key-headers       4.9 MB      > 60 s      > 60 s        0.05 s      0.42 s     7.7
    jwt-prefixes              1.0 MB      0.61 s      3.88 s        0.01 s      0.04 s     5.6
    uri-userinfo              1.0 MB      0.01 s      0.03 s        0.01 s      0.03 s     4.7
    aws-key-ids-one-line      1.0 MB      > 60 s      > 60 s        0.15 s      1.60 s    10.9
    bundler-names             1.0 MB      5.61 s      > 60 s        0.02 s      0.14 s     8.7
    authorization-chain       1.0 MB      > 60 s      > 60 s        0.56 s      3.02 s     5.4
    template-braces           1.0 MB      > 60 s      > 60 s        0.04 s      0.33 s     8.6
    notebook-2000-cells       286 KB      0.07 s      0.47 s        0.05 s      0.30 s     5.7

The ratios of the fastest cases (keykey, password-quotes-line) are ratios of a few milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_ALNUM = string.ascii_letters + string.digits


def _random(rng: random.Random, n: int, alphabet: str = _ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def password_quotes(size: int) -> str:
    return _repeat('password="', size)


def minified_json(size: int) -> str:
    rng = random.Random(14)
    pairs, total = [], 2
    while total < size:
        pair = f'"db_password_{len(pairs)}":"{_random(rng, 16)}"'
        pairs.append(pair)
        total += len(pair) + 1
    return "{" + ",".join(pairs) + "}"


def keykey(size: int) -> str:
    return _repeat("key", size)


def private_key_headers(size: int) -> str:
    return _repeat("-----BEGIN RSA PRIVATE KEY-----\n", size)


def jwt_prefixes(size: int) -> str:
    return _repeat("eyJ", size)


def uri_userinfo(size: int) -> str:
    return _repeat("://user:", size)


def aws_key_ids(size: int) -> str:
    rng = random.Random(14)
    return " ".join("AKIA" + _random(rng, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(size // 21))


def bundler_names(size: int) -> str:
    return _repeat("BUNDLE_", size)


def authorization_chain(size: int) -> str:
    return "Authorization: Bearer " + _repeat("authorization=", size)


def template_braces(size: int) -> str:
    """A `curl -u` password is not length-capped: the template and placeholder filters see it all."""
    return "curl -u admin:" + _repeat("{{ab", size)


CASES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "password-quotes-line": (password_quotes, 20_000, "config.txt"),
    "minified-json-2000-keys": (minified_json, 75_000, "config.json"),
    "keykey": (keykey, 1_000_000, "notes.txt"),
    "private-key-headers": (private_key_headers, 4_900_000, "keys.pem"),
    "jwt-prefixes": (jwt_prefixes, 1_000_000, "notes.txt"),
    "uri-userinfo": (uri_userinfo, 1_000_000, "notes.txt"),
    "aws-key-ids-one-line": (aws_key_ids, 1_000_000, "ids.txt"),
    "bundler-names": (bundler_names, 1_000_000, "config.env"),
    "authorization-chain": (authorization_chain, 1_000_000, "headers.txt"),
    "template-braces": (template_braces, 1_000_000, "run.sh"),
}
NOTEBOOK_CELLS = 2000


def notebook(cells: int) -> str:
    rng = random.Random(14)
    body = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "source": [f'password = "{_random(rng, 16)}"\n', "x = 1"]}
        for _ in range(cells)
    ]
    return json.dumps({"cells": body, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def measure(case: str, size: int) -> tuple[int, float]:
    """(input characters, seconds) of one run of the detector on the case at `size`."""
    from scanner.documents import Document
    from scanner.loaders.json_file import LazySpans
    from scanner.secrets.allow import comment_tokens
    from scanner.secrets.detect import detect
    from scanner.secrets.hits import _notebook_hits
    from scanner.secrets.source import Source, build_hits

    if case == "notebook-2000-cells":
        text = notebook(size)
        data = json.loads(text)
        doc = Document(kind="notebook", path="nb.ipynb", data=data, text=text, spans=LazySpans("nb.ipynb", text))
        start = time.process_time()
        _notebook_hits(doc)
        return len(text), time.process_time() - start
    build, _, path = CASES[case]
    text = build(size)
    start = time.process_time()
    build_hits(Source(text, path, comment_tokens(path)), detect(text, path))
    return len(text), time.process_time() - start


def _human(chars: int) -> str:
    return f"{chars / 1e6:.1f} MB" if chars >= 0.95e6 else f"{chars / 1e3:.0f} KB"


def _child(case: str, size: int, timeout: float) -> tuple[int | None, float | None]:
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", case, str(size)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
            cwd=REPO_ROOT,
        )
    except subprocess.TimeoutExpired:
        return None, None
    chars, seconds = out.stdout.split()
    return int(chars), float(seconds)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is cut off")
    parser.add_argument("--case", action="append", help="only these cases (repeatable)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        chars, seconds = measure(args.child[0], int(args.child[1]))
        print(chars, f"{seconds:.4f}")
        return 0
    sizes = {name: size for name, (_, size, _) in CASES.items()} | {"notebook-2000-cells": NOTEBOOK_CELLS}
    print(f"{'case':<25} {'size':>8} {'1/8':>10} {'full':>10} {'x8':>6}")
    for case in args.case or sizes:
        _, small = _child(case, sizes[case] // 8, args.timeout)
        chars, full = _child(case, sizes[case], args.timeout)
        shown = _human(chars) if chars else f"~{_human(sizes[case])}"
        ratio = f"{full / small:.1f}" if small and full else "-"
        print(
            f"{case:<25} {shown:>8} {_fmt(small, args.timeout):>10} {_fmt(full, args.timeout):>10} {ratio:>6}",
            flush=True,
        )
    return 0


def _fmt(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
