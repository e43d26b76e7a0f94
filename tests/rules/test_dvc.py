"""DVC rules beyond the examples: hostile paths never make the scanner read outside the repo."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def _mismatches(result) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == "MLC-DVC-004"]


def test_outputs_outside_the_repository_are_not_read(tmp_path: Path, make_repo, scan_repo) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not yours")
    dvcfile = "outs:\n  - md5: 0123456789abcdef0123456789abcdef\n    path: {}\n"
    repo = make_repo({"a.dvc": dvcfile.format("../secret.txt"), "b.dvc": dvcfile.format("link.txt")})
    os.symlink(outside, repo / "link.txt")
    result = scan_repo(repo)
    assert _mismatches(result) == []
    # The link itself is reported by the walk, never followed.
    assert [(e.path, e.kind) for e in result.errors if e.kind != "skipped"] == [("link.txt", "refused")]


def test_dvc2_directory_hash_with_crlf_text(make_repo, scan_repo) -> None:
    # DVC 2 (no `hash: md5`) normalises CRLF in text files before hashing each one.
    lf_md5 = hashlib.md5(b"a\nb\n").hexdigest()
    listing = f'[{{"md5": "{lf_md5}", "relpath": "t.txt"}}]'
    digest = hashlib.md5(listing.encode()).hexdigest() + ".dir"
    files = {"d/t.txt": b"a\r\nb\r\n", "d.dvc": f"outs:\n  - md5: {digest}\n    path: d\n"}
    assert _mismatches(scan_repo(make_repo(files))) == []


def test_mismatch_message_has_both_hashes(make_repo, scan_repo) -> None:
    files = {
        "x.bin": b"\x00new",
        "x.bin.dvc": "outs:\n  - md5: 0123456789abcdef0123456789abcdef\n    hash: md5\n    path: x.bin\n",
    }
    [msg] = _mismatches(scan_repo(make_repo(files)))
    assert "0123456789abcdef0123456789abcdef" in msg and hashlib.md5(b"\x00new").hexdigest() in msg
