"""The Dockerfile parser: BuildKit's line model, stages, global ARGs, and refusals with a line."""

from __future__ import annotations

import pytest

from scanner.docker.dockerfile import parse
from scanner.documents import LoadError

HEREDOC = """\
FROM alpine:3.20
RUN <<EOF
USER root
FROM evil
EOF
COPY <<-CONF /etc/app.conf
\tkey=value
\tCONF
USER app
"""


def test_heredoc_bodies_are_not_instructions() -> None:
    [stage] = parse(HEREDOC).stages
    assert [(i.keyword, i.line, i.end_line) for i in stage.instructions] == [
        ("RUN", 2, 5),
        ("COPY", 6, 8),
        ("USER", 9, 9),
    ]
    assert stage.instructions[0].heredocs == ("USER root\nFROM evil",)


def test_continuations_skip_comments_and_blank_lines() -> None:
    text = "FROM alpine:3.20\nRUN apk add \\\n# a comment\n\n    curl \\\n    git\nUSER app\n"
    [stage] = parse(text).stages
    run = stage.instructions[0]
    assert (run.line, run.end_line, run.value.split()) == (2, 6, ["apk", "add", "curl", "git"])


def test_escape_directive_backtick() -> None:
    text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    c:\\\nUSER app\n"
    [stage] = parse(text).stages
    assert [i.keyword for i in stage.instructions] == ["RUN", "USER"]
    assert stage.instructions[0].value == "dir c:\\"


def test_stages_global_args_and_resolution() -> None:
    text = (
        "ARG REGISTRY=ghcr.io/acme\nARG TAG\nFROM ${REGISTRY}/base:1.2 AS base\nFROM --platform=$BUILDPLATFORM "
        "base AS build\nFROM $REGISTRY/serve:${TAG}\nFROM ${MISSING:-python:3.11}\n"
    )
    df = parse(text)
    assert df.args == {"REGISTRY": "ghcr.io/acme", "TAG": None}
    assert [(s.index, s.name, s.line) for s in df.stages] == [
        (0, "base", 3),
        (1, "build", 4),
        (2, None, 5),
        (3, None, 6),
    ]
    assert df.resolve(df.stages[0].base) == "ghcr.io/acme/base:1.2"
    assert df.resolve(df.stages[2].base) is None  # TAG comes from --build-arg: unknown
    assert df.resolve(df.stages[3].base) == "python:3.11"
    assert df.stage_named("BASE", 1) is df.stages[0]  # stage names are case-insensitive
    assert df.stage_named("build", 1) is None  # only earlier stages


def test_a_quoted_from_image_loses_its_quotes_and_keeps_its_variables() -> None:
    text = 'ARG TAG=3.11\nFROM "python:${TAG}" AS a\nFROM \'alpine:3.20\'\nFROM "unbalanced\n'
    df = parse(text)
    assert [s.base for s in df.stages] == ["python:${TAG}", "alpine:3.20", '"unbalanced']
    assert df.resolve(df.stages[0].base) == "python:3.11"


def test_flags_and_json_arguments() -> None:
    [stage] = parse('FROM alpine:3.20\nCOPY --from=build --chown=app:app /a /b\nCMD ["python", "-m", "srv"]\n').stages
    copy, cmd = stage.instructions
    assert copy.flags == {"from": "build", "chown": "app:app"}
    assert copy.arguments == ["/a", "/b"]
    assert cmd.arguments == ["python", "-m", "srv"]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("RUN echo\nFROM alpine\n", 1, "only ARG may come before the first FROM"),
        ("FROM alpine\nRUNN echo hi\n", 2, "unknown instruction"),
        ("FROM alpine\n\nRUN <<EOF\necho hi\n", 3, "heredoc is never closed"),
        ("FROM alpine AS\n", 1, "FROM takes an image"),
        ("FROM\n", 1, "FROM takes an image"),
        ("ARG BASE=alpine\n", 1, "no FROM instruction"),
        ("# escape=x\nFROM alpine\n", 1, "escape directive"),
    ],
)
def test_malformed_input_names_the_line(text: str, line: int, says: str) -> None:
    with pytest.raises(LoadError) as err:
        parse(text)
    assert err.value.line == line
    assert says in err.value.message
    assert err.value.message.startswith("parse dockerfile: ")


def test_an_empty_or_comment_only_file_has_no_stages() -> None:
    assert parse("").stages == []
    assert parse("# placeholder\n\n").stages == []


def test_an_unknown_instruction_is_not_quoted() -> None:
    """Error text never carries a value from the file."""
    with pytest.raises(LoadError) as err:
        parse("FROM alpine\nghp_SECRETLOOKINGWORD x\n")
    assert "ghp_" not in err.value.message and "SECRETLOOKING" not in err.value.message
