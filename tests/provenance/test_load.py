from __future__ import annotations

from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.formats import kind_for
from scanner.provenance import load as provenance
from scanner.walk import FileEntry
from tests.conftest import REPO_ROOT, write_files

EXAMPLE = (REPO_ROOT / "tests/fixtures/provenance/example-model.prov.json").read_text(encoding="utf-8")
TTL = "@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix ex: <https://example.org/> .\n\nex:m a prov:Entity .\n"


def entry(root: Path, rel: str) -> FileEntry:
    path = root / rel
    return FileEntry(rel, path, path.stat().st_size, False)


@pytest.mark.parametrize(
    ("rel", "text", "fmt", "kind"),
    [
        ("model.prov.json", EXAMPLE, "prov-json", "provenance"),
        ("lineage.json", '{"entity": {}, "activity": {}}', "prov-json", "provenance"),
        ("package.json", '{"name": "x", "version": "1.0.0"}', None, "json"),
        (
            "run.json",
            '{"eventTime": "2026-01-05T10:00:00Z", "run": {"runId": "r"}}',
            "openlineage",
            "provenance",
        ),
        (
            "events.jsonl",
            '{"eventTime": "2026-01-05T10:00:00Z", "run": {"runId": "r"}}\n',
            "openlineage",
            "provenance",
        ),
        ("model.ttl", TTL, "turtle", "provenance"),
        ("ontology.ttl", "@prefix ex: <https://example.org/> .\n", None, "text"),
        ("model.jsonld", '{"@context": {"prov": "http://www.w3.org/ns/prov#"}}', "json-ld", "provenance"),
        ("model.rdf", '<rdf:RDF xmlns:prov="http://www.w3.org/ns/prov#"/>', "rdf-xml", "provenance"),
    ],
)
def test_detect(rel: str, text: str, fmt: str | None, kind: str, tmp_path: Path) -> None:
    write_files(tmp_path, {rel: text})
    assert provenance.detect(entry(tmp_path, rel)) == fmt
    assert kind_for(entry(tmp_path, rel)) == kind


def test_prov_json_elements_point_at_their_declarations(tmp_path: Path) -> None:
    write_files(tmp_path, {"model.prov.json": EXAMPLE})
    doc = provenance.load(entry(tmp_path, "model.prov.json"))[0]
    lines = EXAMPLE.splitlines()
    for iri, span in doc.addresses.items():
        assert iri.rsplit("/ml/", 1)[1] in lines[span.line - 1]
    assert len(doc.addresses) == len(doc.data["elements"]) == 11


def test_turtle_elements_point_at_their_first_mention(tmp_path: Path) -> None:
    write_files(tmp_path, {"m.ttl": TTL})
    doc = provenance.load(entry(tmp_path, "m.ttl"))[0]
    assert doc.addresses["https://example.org/m"].line == 4


@pytest.mark.parametrize(
    ("rel", "text", "line"),
    [
        ("x.prov.json", '{"entity": {\n  "ex:a": 3\n}}', 2),
        ("x.prov.json", '{"entity": {,}}', 1),
        ("x.ttl", f"{TTL}ex:m prov:used .\n", TTL.count("\n") + 1),
    ],
)
def test_malformed_records_are_load_errors(rel: str, text: str, line: int | None, tmp_path: Path) -> None:
    write_files(tmp_path, {rel: text})
    with pytest.raises(LoadError) as err:
        provenance.load(entry(tmp_path, rel))
    assert err.value.line == line


def test_a_bad_record_does_not_hide_other_files(tmp_path: Path, scan_repo) -> None:  # type: ignore[no-untyped-def]
    write_files(tmp_path, {"bad.prov.json": "{", "good/model.prov.json": EXAMPLE})
    result = scan_repo(tmp_path)
    assert [(e.path, e.line) for e in result.errors] == [("bad.prov.json", 1)]
    assert {f.path for f in result.findings} == {"good/model.prov.json"}
