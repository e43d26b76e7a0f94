"""A Markdown model card: YAML front matter (pyyaml, with line spans) and headings (markdown-it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it.token import Token

from scanner.documents import LoadError, Span
from scanner.loaders.yaml_file import documents_of_text

PLACEHOLDER = "[More Information Needed]"
# The placeholder in the forms generators write: the Hub templates' "[More Information Needed]",
# transformers' Trainer "More information needed", older Hub dataset cards' "[Needs More
# Information]"; any case, with or without brackets or a final point.
PLACEHOLDER_TEXT = re.compile(
    r"\[?\s*(?:more\s+info(?:rmation)?\s+(?:is\s+)?needed|needs\s+more\s+info(?:rmation)?)\s*\.?\s*\]?",
    re.IGNORECASE,
)
_FENCE_END = ("---", "...")


def split_front_matter(text: str) -> tuple[list[str] | None, int]:
    """(front matter lines, index of the closing delimiter line) or (None, -1)."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None, -1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _FENCE_END:
            return lines[1:i], i
    return None, -1


def front_matter(path: str, text: str) -> tuple[dict[str, Any], dict[str, Span], int]:
    """Metadata, its spans under "metadata/...", and the number of lines it occupies."""
    block, close = split_front_matter(text)
    if block is None:
        return {}, {}, 0
    # A leading newline keeps YAML line numbers equal to the file's (line 1 is the `---`).
    docs = documents_of_text(path, "\n" + "\n".join(block) + "\n")
    if not docs:
        return {}, {"metadata": Span(path, 1, close + 1)}, close + 1
    if len(docs) > 1 or not isinstance(docs[0].data, dict):
        raise LoadError("model card front matter must be one YAML mapping", line=2)
    spans = {f"metadata/{k}": s for k, s in docs[0].spans.items() if k}
    spans["metadata"] = Span(path, 1, close + 1)
    return docs[0].data, spans, close + 1


def _inline_text(tok: Token) -> str:
    if tok.type == "inline":
        # A soft break renders as a space: a paragraph stays one line of text.
        parts = (
            {"softbreak": " ", "hardbreak": "\n"}.get(ch.type, ch.content)
            for ch in tok.children or []
            if ch.type != "html_inline"
        )
        return "".join(parts)
    if tok.type in ("fence", "code_block"):
        return tok.content
    return ""


def sections(path: str, text: str, skip_lines: int) -> tuple[list[dict[str, Any]], dict[str, Span]]:
    """One entry per heading: title, path, level, line, own text (up to the next heading)."""
    from markdown_it import MarkdownIt  # only when a model card is loaded

    lines = text.splitlines()
    body = "\n" * skip_lines + "\n".join(lines[skip_lines:])  # keep line numbers
    tokens = MarkdownIt("commonmark").parse(body)
    out: list[dict[str, Any]] = []
    stack: list[tuple[int, str]] = []
    current: dict[str, Any] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            title = " ".join(_inline_text(tokens[i + 1]).split())
            stack = [(lv, t) for lv, t in stack if lv < level]
            stack.append((level, title))
            trail = [t for lv, t in stack if lv >= 2] or [title]
            line = (tok.map or [0])[0] + 1
            if current is not None:
                current["end_line"] = max(current["line"], line - 1)
            current = {
                "title": title,
                "path": " > ".join(trail),
                "level": level,
                "line": line,
                "end_line": len(lines),
                "text": "",
            }
            out.append(current)
        elif (
            current is not None and tok.type != "heading_close" and not (i > 0 and tokens[i - 1].type == "heading_open")
        ):
            piece = _inline_text(tok)
            if piece:
                current["text"] = (current["text"] + "\n" + piece).strip()
    addresses: dict[str, Span] = {}
    for s in out:
        base, n = s["path"], 2
        while s["path"] in addresses:
            s["path"], n = f"{base} ({n})", n + 1
        addresses[s["path"]] = Span(path, s["line"], s["end_line"])
    return out, addresses
