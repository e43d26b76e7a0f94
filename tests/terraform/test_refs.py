"""Terraform addresses split into their steps: a dot inside an instance key is not a step's end,
whichever way the address is split (with keys, or the plain split of one without)."""

from __future__ import annotations

import pytest

from scanner.terraform.refs import (
    address_parts,
    block_name,
    instance_key,
    module_prefix,
    split_address,
    strip_keys,
)


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("aws_s3_bucket.b", ["aws_s3_bucket", "b"]),
        ("module.lake.aws_s3_bucket.this", ["module", "lake", "aws_s3_bucket", "this"]),
        ("data.aws_iam_policy_document.p", ["data", "aws_iam_policy_document", "p"]),
        ('module.m["a.b"].aws_s3_bucket.b[0]', ["module", 'm["a.b"]', "aws_s3_bucket", "b[0]"]),
        ("a..b", ["a", "b"]),
        ("", []),
    ],
)
def test_split_address(address: str, parts: list[str]) -> None:
    assert split_address(address) == parts


def test_the_helpers_read_keys_and_modules() -> None:
    address = 'module.m["a.b"].module.n[1].aws_s3_bucket.b["x.y"]'
    assert strip_keys(address) == "module.m.module.n.aws_s3_bucket.b"
    assert module_prefix(address) == 'module.m["a.b"].module.n[1]'
    assert block_name(address) == "b" and instance_key(address) == '["x.y"]'
    assert module_prefix("aws_s3_bucket.b") == "" and instance_key("aws_s3_bucket.b") is None


ADDRESSES = [
    "aws_s3_bucket.b",
    "module.lake.aws_s3_bucket.this",
    "data.aws_iam_policy_document.p",
    'module.m["a.b"].module.n[1].aws_s3_bucket.b["x.y"]',
    "aws_s3_bucket.b[0]",
    "a..b",
    ".a.b",
    "a.b.",
    "module.m.module.n.t.x",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_address_parts_and_the_plain_path_agree_with_the_split(address: str) -> None:
    # address_parts splits once for what the three helpers each split for; strip_keys returns
    # an address without keys or empty steps as it is. Both must give what the split gives.
    assert address_parts(address) == (module_prefix(address), block_name(address), instance_key(address))
    assert strip_keys(address) == ".".join(p.split("[", 1)[0] for p in split_address(address))
