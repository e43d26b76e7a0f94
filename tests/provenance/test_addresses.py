"""Where provenance elements are declared: one linear pass, the same lines as searching each
line for each name."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.provenance import load as provenance
from scanner.walk import list_files


def first_lines_reference(text: str, needles: list[str]) -> dict[str, int]:
    """The quadratic definition: the first line that contains the needle."""
    out = {}
    for needle in needles:
        for number, line in enumerate(text.splitlines(), 1):
            if needle and needle in line:
                out[needle] = number
                break
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet='ab:<>"\n\r\x0b\u2028 ', max_size=80),
    st.lists(st.text(alphabet='ab:<>"\n ', max_size=5), max_size=6),
)
def test_same_lines_as_the_definition(text: str, needles: list[str]) -> None:
    assert provenance._first_lines(text, needles) == first_lines_reference(text, needles)


def turtle(n: int) -> str:
    out = ["@prefix prov: <http://www.w3.org/ns/prov#> .", "@prefix ex: <http://example.org/> .", ""]
    for i in range(n):
        out.append(f"ex:data{i} a prov:Entity ; prov:wasGeneratedBy ex:run{i} .")
        out.append(f"ex:run{i} a prov:Activity ; prov:used ex:data{i + 1} .")
    return "\n".join(out) + "\n"


def _addresses(tmp_path: Path, n: int) -> dict[str, int]:
    folder = tmp_path / str(n)
    folder.mkdir()
    (folder / "lineage.ttl").write_text(turtle(n))
    (entry,) = list_files([folder]).files
    (doc,) = provenance.load(entry)
    return {k: v.line for k, v in doc.addresses.items()}


def test_turtle_addresses_are_where_each_name_first_appears(tmp_path: Path) -> None:
    # Linear by construction (one Aho-Corasick pass, see _first_lines); its speed is the
    # benchmarks' business, never a timed unit test. This checks the positions on a large file.
    n = 2400
    addresses = _addresses(tmp_path, n)
    # data7 is first named by run6 (`prov:used`), run7 by data7: where each name first appears
    assert addresses["http://example.org/data7"] == 17 and addresses["http://example.org/run7"] == 18
    last = f"http://example.org/run{n - 1}"
    assert addresses[last] == 3 + 2 * n - 1
    assert len(addresses) == 2 * n  # every declared entity and activity
