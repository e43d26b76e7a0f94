from __future__ import annotations

import itertools

import pytest

from scanner.documents import LoadError
from scanner.loaders.yaml_file import documents_of_text


def test_spans_point_at_keys_and_items() -> None:
    text = "on:\n  push: {}\njobs:\n  build:\n    steps:\n      - run: echo\n      - uses: x@v1\n"
    (doc,) = documents_of_text("w.yml", text)
    assert doc.data == {"on": {"push": {}}, "jobs": {"build": {"steps": [{"run": "echo"}, {"uses": "x@v1"}]}}}
    assert doc.span_of(("jobs", "build", "steps", 1, "uses")).line == 7
    assert doc.span_of(("jobs", "build")).line == 4
    # Unknown deeper pointer falls back to the closest known ancestor.
    assert doc.span_of(("jobs", "build", "steps", 0, "nope")).line == 6


def test_on_key_stays_a_string_and_values_are_json_compatible() -> None:
    (doc,) = documents_of_text("x.yml", "on: push\nyes: 1\nwhen: 2020-01-02\nn: .nan\nflag: yes\n")
    assert doc.data == {"on": "push", "yes": 1, "when": "2020-01-02", "n": None, "flag": True}


def test_multi_document_file_yields_one_document_each() -> None:
    docs = documents_of_text("k.yaml", "kind: A\n---\nkind: B\n---\n")
    assert [d.data for d in docs] == [{"kind": "A"}, {"kind": "B"}]
    assert [d.index for d in docs] == [0, 1]
    assert docs[1].span_of(("kind",)).line == 3


def test_merge_keys() -> None:
    (doc,) = documents_of_text("m.yaml", "base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n")
    assert doc.data["x"] == {"a": 1, "b": 3}


def test_application_tags_are_kept_as_text_never_constructed() -> None:
    text = "a: !Ref Bucket\nb: !!python/object/apply:os.system ['touch /tmp/pwned']\nc: !!python/name:os.system ''\n"
    (doc,) = documents_of_text("cfn.yaml", text)
    assert doc.data == {"a": "Bucket", "b": ["touch /tmp/pwned"], "c": ""}


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for prev, cur in itertools.pairwise(names):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "message", "line", "kind"),
    [
        ("a: [1, 2\nb: 3\n", "invalid YAML", 2, "parse"),
        ("a: b: c\n", "invalid YAML", 1, "parse"),
        ("a: 1\nb: !!int abc\n", "invalid YAML value: not a valid int", 2, "parse"),
        ("b: !!timestamp x\n", "invalid YAML value: not a valid timestamp", 1, "parse"),
        (billion_laughs(), "alias bomb", None, "limit"),
        ("a: " + "[" * 600 + "]" * 600 + "\n", "nested deeper", None, "limit"),
    ],
)
def test_bad_yaml_is_a_load_error_with_line(text: str, message: str, line: int | None, kind: str) -> None:
    with pytest.raises(LoadError, match=message) as info:
        documents_of_text("bad.yaml", text)
    assert info.value.kind == kind
    if line is not None:
        assert info.value.line == line
