"""A seeded mutator: hostile variants of a seed file, the same bytes for the same random state.

Byte-level operators (truncation, byte flips, NUL bytes, invalid UTF-8) work on the file as
stored; structural ones (deep nesting, huge lines, giant numbers, long keys, YAML alias bombs,
odd YAML tags) add a construct in the seed's own syntax, so the parser meets it rather than
rejecting the file at the first byte. Model files get theirs inside the pickle stream, then are
put back in their container (.pt zip, .npy header).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tests.artifact_builders import npy, torch_zip
from tests.hostile.seeds import Seed

YAML_LIKE = ("yaml", "markdown")  # a model card's metadata is YAML front matter


@dataclass(frozen=True)
class Operator:
    name: str
    apply: Callable[[Seed, random.Random], bytes]
    applies: Callable[[Seed], bool] = lambda seed: True


def _insert(content: bytes, at: int, piece: bytes) -> bytes:
    return content[:at] + piece + content[at:]


def _line_start(content: bytes, rng: random.Random) -> int:
    starts = [0] + [i + 1 for i, b in enumerate(content) if b == 0x0A]
    return rng.choice(starts)


def _repickle(seed: Seed, inner: bytes) -> bytes:
    """Put a pickle stream back into the seed's container."""
    if seed.rel.endswith(".pt"):
        return torch_zip(inner)
    if seed.rel.endswith(".npy"):
        return npy("|O", inner)
    return inner


def _pickle_body(seed: Seed) -> bytes:
    """The seed's pickle without its PROTO header and STOP, to be embedded in a larger stream."""
    stream = seed.inner_pickle
    assert stream is not None and stream.startswith(b"\x80\x02") and stream.endswith(b".")
    return stream[2:-1]


def _front_matter(seed: Seed, lines: bytes) -> bytes:
    """Add YAML lines at the top level: after the opening `---` of a front matter, or at the end."""
    if seed.content.startswith(b"---\n"):
        return b"---\n" + lines + seed.content[4:]
    return seed.content.rstrip(b"\n") + b"\n" + lines


# --- byte level -----------------------------------------------------------------------------


def truncate(seed: Seed, rng: random.Random) -> bytes:
    return seed.content[: rng.randrange(1, len(seed.content))]


def byte_flip(seed: Seed, rng: random.Random) -> bytes:
    out = bytearray(seed.content)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
    return bytes(out)


def nul_bytes(seed: Seed, rng: random.Random) -> bytes:
    out = seed.content
    for _ in range(rng.randint(1, 4)):
        out = _insert(out, rng.randrange(min(len(out), 8192)), b"\0")
    return out


INVALID_UTF8 = (b"\xff", b"\xfe\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82", b"\x80")


def invalid_utf8(seed: Seed, rng: random.Random) -> bytes:
    out = seed.content
    for _ in range(rng.randint(1, 3)):
        out = _insert(out, rng.randrange(len(out) + 1), rng.choice(INVALID_UTF8))
    return out


# --- structural -----------------------------------------------------------------------------


def deep_nesting(seed: Seed, rng: random.Random) -> bytes:
    depth = rng.choice((300, 5_000, 100_000))
    flow = b"[" * depth + b"]" * depth
    if seed.syntax == "json":
        return b"[" * depth + seed.content.strip() + b"]" * depth
    if seed.syntax == "jsonl":
        return seed.content + flow + b"\n"
    if seed.syntax in YAML_LIKE:
        return _front_matter(seed, b"deep: " + flow + b"\n")
    if seed.syntax == "hcl":
        return seed.content + b'\nvariable "deep" {\n  default = ' + flow + b"\n}\n"
    if seed.syntax == "python":
        return seed.content + b"\ndeep = " + flow + b"\n"
    if seed.syntax == "turtle":
        return seed.content + b"\nex:deep ex:p " + b"[ ex:p " * depth + b"1 " + b"] " * depth + b".\n"
    if seed.syntax == "binary":
        # Nested lists with the original object innermost: EMPTY_LIST x depth, the object, APPEND x depth.
        return _repickle(seed, b"\x80\x02" + b"]" * depth + _pickle_body(seed) + b"a" * depth + b".")
    return seed.content + flow + b"\n"


HUGE_FILLERS = (b"A", b"ab ", b"x=1,", b'"k": ', b"\\u00e9", b"{{ x }}", b"- ")


def huge_line(seed: Seed, rng: random.Random) -> bytes:
    size = rng.choice((100_000, 1_000_000, 3_000_000))
    filler = rng.choice(HUGE_FILLERS)
    line = filler * (size // len(filler)) + b"\n"
    if seed.syntax == "binary":
        return seed.content + line  # trailing bytes after the container
    return _insert(seed.content, _line_start(seed.content, rng), line)


def _giant(rng: random.Random) -> bytes:
    return rng.choice((b"9" * rng.choice((400, 5_000, 100_000)), b"1e999999", b"-1e-999999", b"0x" + b"f" * 5000))


def giant_number(seed: Seed, rng: random.Random) -> bytes:
    number = _giant(rng)
    if seed.syntax == "json":
        content = seed.content.strip()
        body = number if not number.startswith(b"0x") else b"9" * 5000  # JSON has no hex
        return b'{"big": ' + body + b', "rest": ' + content + b"}"
    if seed.syntax == "jsonl":
        return seed.content + b'{"big": ' + number.replace(b"0x", b"") + b"}\n"
    if seed.syntax in YAML_LIKE:
        return _front_matter(seed, b"big: " + number + b"\n")
    if seed.syntax == "hcl":
        return seed.content + b'\nvariable "big" {\n  default = ' + number + b"\n}\n"
    if seed.syntax == "python":
        return seed.content + b"\nbig = " + number + b"\n"
    if seed.syntax == "csv":
        return seed.content + b",".join([number] * (seed.content.split(b"\n")[0].count(b",") + 1)) + b"\n"
    if seed.syntax == "turtle":
        return seed.content + b"\nex:big ex:value " + number.replace(b"0x", b"") + b" .\n"
    if seed.syntax == "binary":
        # A LONG opcode with a decimal literal: the pickle reader must not turn it into an int.
        digits = b"9" * rng.choice((5_000, 100_000))
        return _repickle(seed, b"\x80\x02(" + b"L" + digits + b"L\n" + _pickle_body(seed) + b"l.")
    return seed.content + number + b"\n"


ODD_TAGS = (
    b"!!int abc",
    b"!!float x",
    b"!!bool maybe",
    b"!!timestamp x",
    b"!!binary '*'",
    b"!!python/object/apply:os.system ['true']",
    b"!!python/name:os.system",
    b"!custom {a: 1}",
    b"!!set {a, b}",
    b"!!omap [a: 1, a: 2]",
    b"!<tag:example.org,2026:x> y",
    b"!!null nope",
    b"!!merge x",
)


def odd_yaml_tag(seed: Seed, rng: random.Random) -> bytes:
    return _front_matter(seed, b"odd: " + rng.choice(ODD_TAGS) + b"\n")


def alias_bomb(seed: Seed, rng: random.Random) -> bytes:
    """Billion laughs: nine levels of anchors, each aliasing the previous one nine times."""
    levels = [b'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, rng.choice((6, 9)) + 1):
        levels.append(f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]".encode())
    return _front_matter(seed, b"\n".join(levels) + b"\n")


def long_key(seed: Seed, rng: random.Random) -> bytes:
    key = b"k" * rng.choice((10_000, 300_000, 2_000_000))
    if seed.syntax == "json":
        return b'{"' + key + b'": 1, "rest": ' + seed.content.strip() + b"}"
    if seed.syntax == "jsonl":
        return seed.content + b'{"' + key + b'": 1}\n'
    if seed.syntax in YAML_LIKE:
        return _front_matter(seed, key + b": v\n")
    if seed.syntax == "hcl":
        return seed.content + b'\nvariable "' + key + b'" {}\n'
    if seed.syntax == "python":
        return seed.content + b"\n" + key + b" = 1\n"
    if seed.syntax == "csv":
        return key + b"," + seed.content
    if seed.syntax == "turtle":
        return seed.content + b"\nex:" + key + b" ex:p 1 .\n"
    if seed.syntax == "binary":
        entry = b"X" + len(key).to_bytes(4, "little") + key + b"K\x01"  # BINUNICODE key, BININT1 value
        return _repickle(seed, b"\x80\x02(}" + entry + b"s" + _pickle_body(seed) + b"l.")
    return key + b"\n" + seed.content


OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("truncate", truncate),
        Operator("byte-flip", byte_flip),
        Operator("nul-bytes", nul_bytes),
        Operator("invalid-utf8", invalid_utf8),
        Operator("deep-nesting", deep_nesting),
        Operator("huge-line", huge_line),
        Operator("giant-number", giant_number),
        Operator("long-key", long_key),
        Operator("odd-yaml-tag", odd_yaml_tag, lambda seed: seed.syntax in YAML_LIKE),
        Operator("alias-bomb", alias_bomb, lambda seed: seed.syntax in YAML_LIKE),
    )
}


def mutate(seed: Seed, operator: str, rng: random.Random) -> bytes:
    return OPERATORS[operator].apply(seed, rng)
