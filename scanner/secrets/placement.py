"""Where a file sits, and what that says about a credential in it.

A password in `tests/fixtures/`, an `.env.example`, a README or a local docker-compose file is
almost always a stand-in; one in `vendor/` is someone else's code. Such findings are reported at
`low` with the reason, never dropped: a real key pasted into a test still leaks. Generated files
(protobuf stubs, lock files, minified bundles) are not read for name-based credentials at all:
their names and values come from a generator, not from a person who could paste a secret."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.placement import DEMOTED, is_generated, third_party_reason

__all__ = ["DEMOTED", "demotion_reason", "is_generated"]

_FIXTURE_DIRS = frozenset(
    {"test", "tests", "testing", "testdata", "test_data", "fixtures", "fixture", "__tests__", "__fixtures__"}
    | {"cassettes"}
)
_EXAMPLE_DIRS = frozenset({"example", "examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials"})
_DOC_DIRS = frozenset({"doc", "docs", "documentation", "api_reference", "api-reference"})
_DOC_SUFFIXES = frozenset({".md", ".mdx", ".rst", ".adoc", ".markdown"})
_TEMPLATE_SUFFIXES = frozenset({".template", ".tmpl", ".tpl", ".example", ".sample", ".dist", ".j2", ".jinja"})
_NAME_BASED_FAMILIES = frozenset({"generic", "uri"})


def _is_test_file(name: str) -> bool:
    stem, _, suffix = name.rpartition(".")
    return (
        name.startswith("test_")
        or stem.endswith(("_test", "_tests", ".test", ".spec"))
        or name in ("conftest.py", "testing_constants.py")
    ) and bool(suffix)


def _is_compose_file(name: str) -> bool:
    return name.startswith(("docker-compose", "compose.", "compose-")) and name.endswith((".yml", ".yaml"))


def demotion_reason(path: str, family: str) -> str | None:
    """Why a credential of `family` in `path` is reported at `low`, or None (the rule's severity).
    The first matching place wins, most specific first."""
    p = PurePosixPath(path)
    dirs = {part.lower() for part in p.parts[:-1]}
    name = p.name.lower()
    third_party = third_party_reason(path)  # vendored code, generated files: scanner.placement
    if third_party is not None:
        return third_party
    if dirs & _FIXTURE_DIRS or _is_test_file(name):
        return "in a test fixture: likely a throwaway test value, but rotate it if it was ever real"
    if p.suffix.lower() in _TEMPLATE_SUFFIXES or name.startswith((".env.example", ".env.sample", ".env.template")):
        return "in a template or example config: likely a stand-in, but never put a real value there"
    if dirs & _EXAMPLE_DIRS:
        return "in example code: likely a stand-in, but rotate it if it was ever real"
    if p.suffix.lower() in _DOC_SUFFIXES or dirs & _DOC_DIRS or name.startswith(("openapi", "swagger")):
        return "in documentation: likely an illustration, but rotate it if it was ever real"
    if family in _NAME_BASED_FAMILIES and _is_compose_file(name):
        return "a local docker-compose default: keep it out of any deployed environment"
    return None
