"""Where provenance elements are declared: one linear pass, the same lines as searching each
line for each name."""

from __future__ import annotations

import time
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


def _cpu(tmp_path: Path, n: int) -> tuple[float, dict[str, int]]:
    folder = tmp_path / str(n)
    folder.mkdir()
    (folder / "lineage.ttl").write_text(turtle(n))
    (entry,) = list_files([folder]).files
    started = time.process_time()
    (doc,) = provenance.load(entry)
    return time.process_time() - started, {k: v.line for k, v in doc.addresses.items()}


def test_turtle_addresses_scale_linearly(tmp_path: Path) -> None:
    small, addresses = _cpu(tmp_path, 300)
    # data7 is first named by run6 (`prov:used`), run7 by data7: where each name first appears
    assert addresses["http://example.org/data7"] == 17 and addresses["http://example.org/run7"] == 18
    large, _ = _cpu(tmp_path, 2400)
    assert large / small < 12, (small, large)  # linear is 8; it was 64
