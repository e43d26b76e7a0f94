"""A unit's results as cache data: exact round trips only, hostile data refused, and a key that
changes with everything the results depend on."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.documents import Document, ScanError, Span
from scanner.findings import Hit
from scanner.loaders.budgets import Budgets
from scanner.terraform import unitcache
from scanner.terraform.units import split
from scanner.walk import list_files

DOC = Document(
    kind="terraform",
    path="live",
    data={"resources": [{"address": "aws_s3_bucket.b", "config": {"tags": {"a": 1.5, "b": None}}}]},
    addresses={"aws_s3_bucket.b": Span("live/main.tf", 1, 3)},
)
HIT = Hit("bucket b is public", address="aws_s3_bucket.b", pointer=("resources", 0), caller="live")
ERROR = ScanError("live/x.tf", "invalid HCL: x", line=2, column=3)


class _Named(str, enum.Enum):
    A = "a"


def test_round_trip() -> None:
    value = unitcache.encode([DOC], [ERROR], [([("MLC-1", HIT)], [])])
    docs, errors, rego = unitcache.decode(value)  # type: ignore[misc]
    assert [unitcache._doc(d) for d in docs] == [unitcache._doc(DOC)]
    assert errors == [ERROR] and rego == [([("MLC-1", HIT)], [])]


@pytest.mark.parametrize(
    ("docs", "errors"),
    [
        ([dataclasses.replace(DOC, data={"t": (1, 2)})], []),  # a tuple would come back a list
        ([dataclasses.replace(DOC, data={1: "int key"})], []),  # a key would come back a string
        ([dataclasses.replace(DOC, data={"k": [_Named.A]})], []),  # an enum member would come back a str
        ([dataclasses.replace(DOC, data={"n": float("nan")})], []),  # never equal to itself
        ([DOC], [ScanError("live/x.tf", "gave up after 1 s", kind="limit")]),  # may depend on time
        ([DOC], [ScanError("live/x.tf", "crashed", kind="internal")]),
    ],
)
def test_results_that_do_not_come_back_exactly_are_not_stored(docs: list[Document], errors: list[ScanError]) -> None:
    assert unitcache.encode(docs, errors, [([], [])]) is None
    assert unitcache.encode([DOC], [], None) is None  # no Rego outcome: nothing to replay


def _good() -> Any:
    return unitcache.encode([DOC], [ERROR], [([("MLC-1", HIT)], [])])


@pytest.mark.parametrize(
    "spoil",
    [
        lambda v: v.pop("docs"),
        lambda v: v["docs"][0].update(path=["not", "a", "string"]),
        lambda v: v["docs"][0]["addresses"].update(x=["f", "one", 2]),
        lambda v: v["errors"][0].__setitem__(4, "made-up-kind"),
        lambda v: v["rego"][0][0][0][1].update(message={"html": "<b>"}),
        lambda v: v["rego"][0][0][0][1].update(severity="catastrophic"),
        lambda v: v["rego"][0][0][0][1].update(extra="field"),
        lambda v: v["rego"][0][0][0][1].update(suppression={"kind": "inline"}),
        lambda v: v["rego"].append([[], []]),  # more outcomes than documents
    ],
)
def test_hostile_data_is_refused(spoil: Callable[[Any], Any]) -> None:
    value = _good()
    spoil(value)
    assert unitcache.decode(value) is None


def test_the_key_changes_with_what_results_depend_on(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = make_repo({"live/main.tf": 'module "m" {\n  source = "../m"\n}\n', "m/main.tf": "", "live/x.tfvars": ""})
    var_file = tmp_path / "extra.tfvars"
    var_file.write_text("a = 1\n")

    def key(rules: str = "r", options: Any = None, budgets: Budgets | None = None) -> str:
        listing = list_files([root])
        (unit,) = split(listing.root, [e for e in listing.files if e.rel.endswith(".tf")])[1]
        scan = unitcache.scan_key(rules, options or {}, budgets or Budgets(), listing.root, [var_file])
        digests = unitcache.Digests(listing.root)
        try:
            return unitcache.unit_key(scan, listing.root, unit, digests)  # type: ignore[return-value]
        finally:
            digests.close()

    seen = {key()}
    for change in (
        lambda: key(rules="other"),
        lambda: key(options={"MLC-X": {"n": 1}}),
        lambda: key(budgets=Budgets(max_nesting_depth=7)),
    ):
        seen.add(change())
    for path, text in (("m/main.tf", "# changed\n"), ("live/x.tfvars", "b = 2\n"), ("live/terraform.tfvars", "")):
        (root / path).write_text(text)
        seen.add(key())
    var_file.write_text("a = 2\n")
    seen.add(key())
    assert len(seen) == 8
    assert key() == key()


def test_a_file_in_several_units_is_read_once_and_a_link_is_never_read(
    make_repo: Callable[..., Path], monkeypatch: Any
) -> None:
    """Keys are computed per unit, and a shared module is in every unit calling it: its files
    are hashed once per scan. A file that became a link after the listing makes the units
    holding it uncacheable, each time it is asked for."""
    from scanner import walk

    files = {f"live/r{n}/main.tf": 'module "m" {\n  source = "../../m"\n}\n' for n in range(3)}
    root = make_repo({**files, "m/main.tf": "", "m/other.tf": ""})
    listing = list_files([root])
    _, units = split(listing.root, [e for e in listing.files if e.rel.endswith(".tf")])
    assert len(units) == 3
    reads: list[str] = []
    real_read = walk.TreeReader.read

    def counting(self: Any, rel: str) -> bytes:
        reads.append(rel)
        return real_read(self, rel)

    monkeypatch.setattr(walk.TreeReader, "read", counting)
    digests = unitcache.Digests(listing.root)
    keys = [unitcache.unit_key("s", listing.root, unit, digests) for unit in units]
    assert None not in keys and len(set(keys)) == 3
    assert reads.count("m/main.tf") == 1 and len(reads) == 5
    (root / "m" / "other.tf").unlink()
    (root / "m" / "other.tf").symlink_to(root / "m" / "main.tf")
    fresh = unitcache.Digests(listing.root)
    assert [unitcache.unit_key("s", listing.root, unit, fresh) for unit in units] == [None, None, None]
    digests.close()
    fresh.close()
