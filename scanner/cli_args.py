"""The argument parser's manners: no prefix abbreviations, "did you mean" for a mistyped option,
command or choice, and an error that shows the usage of the (sub)command that was mistyped.

argparse accepts `--sarif` for `--sarif-output` by default, which silently changes meaning the day
another `--sarif-*` option appears; and an unknown option of a subcommand is reported by the top
parser with the top-level usage. Both are fixed here, once, for every parser of the CLI."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

_OWNER = "_mlcomply_unknown_options_owner"
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


def suggest(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean X?)`, or nothing when no candidate is close."""
    pool = sorted(set(candidates))
    # A prefix argparse used to accept (`--sarif`) names what was meant when only one fits.
    prefixed = [c for c in pool if c.startswith(word)] if len(word) > 2 else []
    close = prefixed if len(prefixed) == 1 else difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:  # a case slip is always worth a hint (`mlc-aws-s3-002`)
        close = [c for c in pool if c.lower() == word.lower()][:1]
    return f" (did you mean {close[0]}?)" if close else ""


def lower(text: str) -> str:
    """`--fail-on HIGH` means high: severities and formats are matched case-insensitively."""
    return text.lower()


class Parser(argparse.ArgumentParser):
    """ArgumentParser without abbreviations, with suggestions and the right usage on errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Subcommands)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        parsed, extras = self.parse_known_args(args, namespace)
        owner = parsed.__dict__.pop(_OWNER, None) or self
        if extras:
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}{self._hint(message)}\n")

    def _hint(self, message: str) -> str:
        choice = _INVALID_CHOICE.search(message)
        if choice:
            return suggest(choice.group(1), re.findall(r"'([^']*)'", choice.group(2)))
        if message.startswith("unrecognized arguments: "):
            first = message.split(": ", 1)[1].split()[0].split("=")[0]
            if first.startswith("-"):
                return suggest(first, (o for a in self._actions for o in a.option_strings))
        return ""


class _Subcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands that remember which of them was given an unknown option, so that
    `Parser.parse_args` reports it with that subcommand's usage (parse_known_args, which
    callers use to probe for options, still returns the unknown ones without an error)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)
        super().__call__(parser, namespace, values, option_string)
        if getattr(namespace, argparse._UNRECOGNIZED_ARGS_ATTR, None) and not hasattr(namespace, _OWNER):
            setattr(namespace, _OWNER, self._name_parser_map[values[0]])  # the innermost one
