"""`mlcomply rules [ID...] [--category C] [--severity S] [--format text|json|markdown] [--nist|--atlas]`:
the list of rules, or the named ones in full. An id that names no rule is a usage error with a
suggestion (ids and aliases are matched case-insensitively, as users type them)."""

from __future__ import annotations

import argparse
import json
import os
from typing import TextIO

from scanner.cli_args import suggest
from scanner.console.links import doc_url
from scanner.console.style import Style, use_color
from scanner.errors import FatalError
from scanner.metadata import RuleMeta
from scanner.ruledocs.examples import examples_for
from scanner.ruledocs.render import index_markdown, rule_markdown, rule_text


def resolve(names: list[str], metas: list[RuleMeta]) -> list[RuleMeta]:
    by_name: dict[str, RuleMeta] = {}
    for m in metas:
        for name in (m.id, *m.aliases):
            by_name[name.upper()] = m
    out = []
    for name in names:
        meta = by_name.get(name.upper())
        if meta is None:
            ids = [m.id for m in metas] + [a for m in metas for a in m.aliases]
            raise FatalError(f"show rule {name}: no such rule{suggest(name.upper(), ids)}; `mlcomply rules` lists them")
        if meta not in out:
            out.append(meta)
    return out


def run(args: argparse.Namespace, metas: list[RuleMeta], out: TextIO) -> None:
    if args.ids:
        chosen = resolve(args.ids, metas)
        for i, meta in enumerate(chosen):
            examples = examples_for(meta)
            if args.format == "json":
                continue
            if i:
                out.write("\n")
            if args.format == "markdown":
                out.write(rule_markdown(meta, examples))
            else:
                out.write(rule_text(meta, examples, doc_url(meta), Style(use_color(out, os.environ))))
        if args.format == "json":
            out.write(json.dumps([_full(m) for m in chosen], indent=2) + "\n")
        return
    listed = [
        m
        for m in metas
        if (args.category is None or m.category == args.category)
        and (args.severity is None or m.severity == args.severity)
    ]
    if args.nist:
        from scanner.nist.mapping import by_subcategory, format_text

        out.write(
            (json.dumps(by_subcategory(listed), indent=2) if args.format == "json" else format_text(listed)) + "\n"
        )
    elif args.atlas:
        from scanner.atlas import mapping

        out.write(
            (json.dumps(mapping.to_json(listed), indent=2) if args.format == "json" else mapping.format_text(listed))
            + "\n"
        )
    elif args.format == "json":
        out.write(json.dumps([m.to_dict() for m in listed], indent=2) + "\n")
    elif args.format == "markdown":
        out.write(index_markdown(listed))
    else:
        for m in listed:
            out.write(f"{m.id:<24} {m.severity:<8} {m.profile:<7} {m.category:<20} {m.engine:<6} {m.title}\n")
        out.write(f"\n{len(listed)} rules\n")


def _full(meta: RuleMeta) -> dict[str, object]:
    examples = examples_for(meta)
    doc = meta.to_dict()
    doc["docs"] = doc_url(meta)
    doc["examples"] = {
        polarity: [{"name": c.name, "files": dict(c.files)} for c in cases]
        for polarity, cases in (("bad", examples.bad), ("good", examples.good))
    }
    return doc
