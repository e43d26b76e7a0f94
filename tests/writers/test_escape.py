"""Each output format's escaping of repository text: table tests and properties."""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.writers.escape import console_text, md_fence, sarif_uri

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("infra/main.tf", "infra/main.tf"),
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("new\nline\r", "new\\nline\\r"),
        ("tab\there", "tab\\there"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("ünï", "ünï"),
        ("bad\udcff", "bad\\udcff"),
    ],
)
def test_console_text(raw: str, shown: str) -> None:
    assert console_text(raw) == shown


def test_console_text_can_keep_newlines() -> None:
    assert console_text("a\nb\r\x1b", keep_newlines=True) == "a\nb\\r\\x1b"


@given(st.text() | st.binary().map(lambda b: b.decode("utf-8", "surrogateescape")))
def test_console_text_has_no_control_characters(raw: str) -> None:
    shown = console_text(raw)
    assert not CONTROL.search(shown)
    shown.encode("utf-8")  # printable on a UTF-8 terminal


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("infra/main.tf", "infra/main.tf"),
        ("a-b_c.d/x~y", "a-b_c.d/x~y"),
        ("dir/we#ird?.tf", "dir/we%23ird%3F.tf"),
        ("100%.yaml", "100%25.yaml"),
        ("a b\nc", "a%20b%0Ac"),
        ("ünï.tf", "%C3%BCn%C3%AF.tf"),
        ("c:/x", "c%3A/x"),  # would otherwise read as a scheme
        ("back\\slash", "back%5Cslash"),
        ("bad\udcff.tf", "bad%FF.tf"),  # the byte 0xff of a name that is not UTF-8
    ],
)
def test_sarif_uri(path: str, uri: str) -> None:
    assert sarif_uri(path) == uri


@given(st.binary())
def test_sarif_uri_round_trips_to_the_bytes_of_the_name_and_is_rfc3986(name: bytes) -> None:
    uri = sarif_uri(name.decode("utf-8", "surrogateescape"))  # how the walk holds a file name
    assert unquote_to_bytes(uri) == name
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*", uri)


@pytest.mark.parametrize(
    ("text", "fence"),
    [("plain", "```"), ("a\n```\nb", "````"), ("x ````` y", "``````")],
)
def test_md_fence_is_longer_than_any_backtick_run(text: str, fence: str) -> None:
    block = md_fence(text)
    assert block.startswith(fence + "text\n") and block.endswith("\n" + fence)
    assert (fence + "`") not in block
