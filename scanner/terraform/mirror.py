"""What tfparse may read: a private copy of the scan's Terraform files, with every way out removed.

tfparse (Go) opens module folders and files itself: its file system joins any path to the module
folder (`../../../x`, `file("/etc/...")`) and follows links. So it never sees the repository.
It evaluates a mirror in a private temporary folder holding only the listed regular `.tf`,
`.tf.json` and `.tfvars` files, written from the bytes the guarded open read (the same bytes
pygohcl parsed). In the mirrored text:

- a module call whose source leaves the scan root, is absolute, is a template or has a link on
  its path gets a source that names nothing (the call is reported as a `refused` scan error);
- every call to a function that reads files (`file`, `templatefile`, `fileset`, ...) is renamed to
  a function tfparse does not know, so its value is unknown instead of a file's content;
- every HCL `depends_on` meta-argument is emptied, line for line, when the file's parse shows
  that nothing else changes (see _without_dependencies).

Each rewrite is checked by parsing the result again; a file that still has a way out is left
out of the mirror (and reported) rather than evaluated.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

# Terraform's built-in functions that read the file system (developer.hashicorp.com/terraform/language/functions).
FILE_FUNCTIONS = (
    "filebase64sha256",
    "filebase64sha512",
    "filebase64",
    "fileexists",
    "filemd5",
    "fileset",
    "filesha1",
    "filesha256",
    "filesha512",
    "file",
    "templatefile",
)
# A call is the name, then (after any blanks or comments) "(": HCL has no escapes outside strings.
_GAP = r"(?:\s|/\*.*?\*/|#[^\n]*|//[^\n]*)*"
_FILE_CALL = re.compile(rf"(?<![\w.:-])({'|'.join(FILE_FUNCTIONS)}){_GAP}\(", re.S)
_RENAMED = "mlcomply_not_read_"
# The source a refused call gets: a folder that is never in the mirror, so tfparse loads nothing.
NOWHERE = "./.mlcomply-refused-module"
# `depends_on = [a.b, module.c]` opening a line: only names, dots, dashes, commas and blanks
# between the brackets.
_DEPENDS_ON = re.compile(r"(?m)^([ \t]*depends_on[ \t]*=[ \t]*)\[([\w.,\s-]*)\]")
# The blocks where `depends_on` is Terraform's meta-argument, and how many labels they have.
_META_ARGUMENT_BLOCKS = {"resource": 2, "data": 2, "module": 1, "output": 1}
# The largest file whose `depends_on` is emptied: the check parses it twice in this process,
# without the worker's time limit (pygohcl takes a minute over a 4.8 MB heredoc), so only a file
# that parses in milliseconds is checked; a larger one keeps its lists.
DEPENDENCIES_MAX_CHARS = 256 << 10  # characters of the file's text
_HCL_SOURCE = re.compile(r'(?<![\w-])(source\s*=\s*)("(?:[^"\\\n]|\\.)*")')
_JSON_SOURCE = re.compile(r'("source"\s*:\s*)("(?:[^"\\]|\\.)*")')


def local_target(directory: str, source: str) -> str | None:
    """The repo-relative folder a `./` or `../` source names; None when it leaves the root."""
    parts: list[str] = []
    for part in (PurePosixPath(directory) / source).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or "."


def is_local(source: str) -> bool:
    return source.startswith(("./", "../"))


def refusal(directory: str, source: Any) -> str | None:
    """Why tfparse must not follow this module source, or None when it may: a local folder
    inside the root, or a remote address (tfparse never downloads)."""
    if source is None:
        return None  # no source: nothing to follow
    if not isinstance(source, str):
        return "is not a literal path"
    if "${" in source or "%{" in source or any(c in source for c in "\n\r\0"):
        return "is not a literal path"
    if is_local(source):
        return None if local_target(directory, source) is not None else "leaves the scan root"
    if source.startswith(("/", "~", "\\")) or source in (".", "..") or source.lower().startswith("file:"):
        return "is an absolute or home path"
    return None


def module_sources(raw: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(call name, source) of every module block in one file's parsed blocks."""
    calls = raw.get("module") or {}
    blocks = calls if isinstance(calls, list) else [calls]  # .tf.json may list them
    for block in blocks:
        for name, call in block.items() if isinstance(block, dict) else ():
            for body in call if isinstance(call, list) else [call]:
                yield str(name), body.get("source") if isinstance(body, dict) else None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _hcl_loads(text: str) -> Any:
    # Imported on use: only a rewritten file is parsed again here, and loading pygohcl starts a
    # Go runtime in this process (~40 ms, a few MiB) that a scan with no rewrite never needs.
    import pygohcl

    return pygohcl.loads(text, keep_interpolations=True)


def _decode(literal: str, is_json: bool) -> Any:
    try:
        return json.loads(literal) if is_json else _hcl_loads("x = " + literal)["x"]
    except Exception:  # a literal we cannot read is left as it is; the check below decides
        return None


def _parsed(text: str, is_json: bool) -> Any:
    return json.loads(text) if is_json else _hcl_loads(text)


def _unsafe(directory: str, data: Any) -> bool:
    """Whether parsed blocks still hold a way out: a refused module source or a file function."""
    if not isinstance(data, dict):
        return False
    if any(refusal(directory, source) for _, source in module_sources(data)):
        return True
    # In .tf.json every string may be a template; in HCL the expressions come back as "${...}".
    return any(_FILE_CALL.search(s) for s in _strings(data))


def _without_dependencies(text: str) -> str:
    """The text with its `depends_on` meta-arguments emptied, line for line, or the text as it
    is when that cannot be done exactly. tfparse writes the whole evaluated block of each target
    into the dependant's answer, the target's own `depends_on` included, so chains of them
    multiply: a 30 KB module (Google's BigQuery data warehouse) gave a 70 MB answer and took its
    worker to 1.2 GB. Nothing reads the meta-argument from tfparse (values._SKIP).

    Only names, commas and blanks go, and the newlines stay, so every block keeps its lines. The
    text says nothing of where a list sits: a local, a variable's default or an object key may
    be named `depends_on` too (a value rules read: emptying it could hide a public CIDR), and a
    heredoc's closing line may be among the names. So the rewrite is kept only when the file
    parses to the same blocks but for the meta-arguments' lists."""
    if "depends_on" not in text or len(text) > DEPENDENCIES_MAX_CHARS:
        return text
    out = _DEPENDS_ON.sub(lambda m: m.group(1) + "[" + "\n" * m.group(2).count("\n") + "]", text)
    if out == text:
        return text
    try:
        same = _without_meta_arguments(_hcl_loads(text)) == _without_meta_arguments(_hcl_loads(out))
    except Exception:  # pygohcl raises several types: a file it cannot parse is left as it is
        same = False
    return out if same else text


def _without_meta_arguments(parsed: Any) -> Any:
    """`parsed` (pygohcl's blocks) without the blocks' `depends_on` meta-arguments."""
    if not isinstance(parsed, dict):
        return parsed
    out = dict(parsed)
    for kind, labels in _META_ARGUMENT_BLOCKS.items():
        if kind in out:
            out[kind] = _bodies_without(out[kind], labels)
    return out


def _bodies_without(node: Any, labels: int) -> Any:
    if isinstance(node, list):  # a label repeated: pygohcl lists the blocks
        return [_bodies_without(n, labels) for n in node]
    if not isinstance(node, dict):
        return node
    if labels:
        return {k: _bodies_without(v, labels - 1) for k, v in node.items()}
    return {k: v for k, v in node.items() if k != "depends_on"}


def neutralise(rel: str, text: str, interpolated: Mapping[str, Any] | None) -> str | None:
    """The text tfparse may evaluate, or None when no safe rewrite was found. `interpolated` is
    the file parsed with its expressions kept (None when the file has no module calls)."""
    is_json = rel.endswith(".json")
    directory = posixpath.dirname(rel) or "."
    refused = [s for _, s in module_sources(interpolated or {}) if refusal(directory, s)]
    # Emptied meta-arguments were checked by parsing (_without_dependencies): from here on the
    # result stands for the file.
    source = text if is_json else _without_dependencies(text)
    # Every file function's name holds "file": without it (most files) the pattern cannot match,
    # and finding that out in C spares the pattern's scan (40 ms on 1.6 MB of resources).
    out = _FILE_CALL.sub(lambda m: _RENAMED + m.group(0), source) if "file" in source else source
    if refused:
        pattern = _JSON_SOURCE if is_json else _HCL_SOURCE

        def swap(m: re.Match[str]) -> str:
            return m.group(1) + f'"{NOWHERE}"' if _decode(m.group(2), is_json) in refused else m.group(0)

        out = pattern.sub(swap, out)
    # HCL has no escapes outside strings, so an unchanged file without refused sources is safe;
    # JSON strings may spell a function name with \u escapes, so JSON is always checked.
    if out == source and not refused and not is_json:
        return out
    try:
        return None if _unsafe(directory, _parsed(out, is_json)) else out
    except Exception:  # pygohcl raises several types; a rewrite that broke the syntax is not evaluated
        return None


# A folder in memory: creating a file there takes microseconds, on a disk up to a millisecond
# (1,400 files of 200 root modules: 1.2 s on a virtual machine's ext4 /tmp, 0.04 s in /dev/shm).
RAM_FOLDER = "/dev/shm"
# It is taken when it has this much room beyond 4x the bytes to mirror (Docker gives 64 MiB).
RAM_MARGIN = 64 << 20


def base_folder(size: int) -> str | None:
    """Where the mirror goes: RAM_FOLDER when it has room for `size` bytes of files, unless
    TMPDIR says where temporary files go; else None (the system's temporary folder)."""
    if os.environ.get("TMPDIR"):
        return None
    try:
        st = os.statvfs(RAM_FOLDER)
    except OSError:
        return None
    free = st.f_bavail * st.f_frsize
    if free < 4 * size + RAM_MARGIN or not os.access(RAM_FOLDER, os.W_OK | os.X_OK):
        return None
    return RAM_FOLDER


class Mirror:
    """A private folder (mode 0700) holding `tree/<rel>` for each Terraform file, `vars/<n>`
    for the command line's var files and `views/<n>` for parts of root modules (view); removed
    on exit. `size`: about how many bytes it will hold (see base_folder)."""

    def __init__(self, size: int = 0) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="mlcomply-tf-", dir=base_folder(size)))
        self.tree = self.base / "tree"
        self.tree.mkdir()
        self._vars = 0
        self._views = 0

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def add(self, rel: str, text: str) -> None:
        path = self.tree / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def remove(self, rel: str) -> None:
        (self.tree / rel).unlink(missing_ok=True)

    def view(self, directory: str, files: Iterable[str]) -> Path:
        """A folder where `directory` holds only `files` (rels in it) and everything around it
        is the tree's (folders linked, files hard-linked): tfparse evaluates part of a root
        module there, reaching its modules by the same relative paths, a module in a folder
        above it (`source = "../.."`) included (terraform.split)."""
        self._views += 1
        here = self.base / "views" / str(self._views)
        source = self.tree
        for step in [] if directory == "." else directory.split("/"):
            here.mkdir(parents=True)
            self._link(source, here, but=step, files=True)
            source, here = source / step, here / step
        here.mkdir(parents=True)
        self._link(source, here, but=None, files=False)
        for rel in files:
            os.link(self.tree / rel, here / posixpath.basename(rel))
        return here

    @staticmethod
    def _link(source: Path, target: Path, but: str | None, files: bool) -> None:
        with os.scandir(source) as entries:
            for entry in entries:
                if entry.name == but:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    os.symlink(entry.path, target / entry.name, target_is_directory=True)
                elif files:
                    os.link(entry.path, target / entry.name)

    def add_var_file(self, text: str, json_syntax: bool) -> Path:
        self._vars += 1
        path = self.base / "vars" / f"{self._vars}.tfvars{'.json' if json_syntax else ''}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
