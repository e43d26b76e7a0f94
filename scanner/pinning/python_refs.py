"""Data and model loads in Python training code, by AST (never imported, never run).

Where the line is drawn, so that a finding is a reproducibility gap and not noise:
- only training code: a file named for training (`train*.py`, `finetune*.py`, `fit*.py`) or one
  that calls a training loop (`Trainer(...)`, `.fit(...)`, `.train()`), outside test folders;
- only literal names: `from_pretrained(args.model)` is the caller's choice, pinned (or not)
  where the run is launched, and the file cannot know; `from_pretrained("org/model")` is the
  file's own choice;
- Hugging Face: `load_dataset` and `from_pretrained` with a Hub id and no `revision=`; local
  folders and the packaged builders (`csv`, `json`, `parquet`, ...) are files, not Hub repos;
- Delta Lake: `spark.read.format("delta")...load/table(...)` without a `versionAsOf` or
  `timestampAsOf` option, `deltalake.DeltaTable(path)` and `polars.read_delta(path)` without
  `version=`. Streaming reads (`readStream`) cannot be pinned and are left alone.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_SOURCE = 2_000_000  # characters: bigger "Python" files are generated, not training code

_TRAINING_NAME = re.compile(r"(^|[_-])(train|training|finetune|fine_tune|fit)([_-]|\.py$)|^train")
_TEST_DIRS = {"test", "tests", "testing", "__tests__"}
_TRAINING_CALLS = {"Trainer", "Seq2SeqTrainer", "SFTTrainer", "DPOTrainer", "Accelerator"}
# Builders `datasets` ships: their first argument names a file format, not a Hub repository.
_PACKAGED = {
    "csv", "json", "parquet", "text", "arrow", "pandas", "imagefolder", "audiofolder",
    "videofolder", "webdataset", "sql", "generator", "xml", "spark", "cache",
}  # fmt: skip
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}(/[\w.-]{1,96})?")


@dataclass(frozen=True)
class Load:
    line: int
    end_line: int
    kind: str  # hf-dataset | hf-model | delta
    target: str  # what is loaded, as written (a Hub id, a path, or the source of an expression)
    call: str  # the call as the finding names it


def is_training_path(rel: str) -> bool:
    path = PurePosixPath(rel)
    return not (_TEST_DIRS & set(path.parts[:-1]) or path.name.startswith("test_"))


def _name_of(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


# A cheap text test before any AST: a file whose text has none of these cannot be training code
# by is_training_code (a name, or a call it looks for).
_TRAINING_TEXT = re.compile(r"Trainer\b|Accelerator\b|\.fit\(|\.train\(")


def may_be_training(text: str, rel: str) -> bool:
    return bool(_TRAINING_NAME.search(PurePosixPath(rel).name.lower()) or _TRAINING_TEXT.search(text))


def is_training_code(tree: ast.AST, rel: str) -> bool:
    if _TRAINING_NAME.search(PurePosixPath(rel).name.lower()):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name_of(node.func)
            if name in _TRAINING_CALLS:
                return True
            if isinstance(node.func, ast.Attribute) and name in ("fit", "train") and node.args + node.keywords:
                return True
            receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
            if name == "train" and isinstance(receiver, ast.Name) and receiver.id.lower().endswith("trainer"):
                return True
    return False


def _kw(call: ast.Call, *names: str) -> bool:
    # `**kwargs` may carry it: the file does not say, so it is not a finding.
    return any(k.arg in names or k.arg is None for k in call.keywords)


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _first_arg(call: ast.Call, keyword: str) -> ast.expr | None:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _is_hub_id(value: str, local_dirs: frozenset[str]) -> bool:
    if not _HUB_ID.fullmatch(value) or value.lower() in _PACKAGED or value.startswith("."):
        return False
    return value.split("/")[0] not in local_dirs  # `data/train` next to the script is a folder


def _chain(node: ast.expr) -> list[ast.Call | ast.Attribute | ast.Name]:
    """`spark.read.format("delta").option(...).load(p)` as its links, outermost last."""
    links: list[ast.Call | ast.Attribute | ast.Name] = []
    while True:
        links.append(node)  # type: ignore[arg-type]
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return links[::-1]


def _delta_read(call: ast.Call) -> bool:
    """A batch read of a Delta table by path or name, with no version option in the chain."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in ("load", "table"):
        return False
    is_delta, pinned, streaming = False, False, False
    for link in _chain(call):
        if isinstance(link, ast.Attribute) and link.attr == "readStream":
            streaming = True
        if not isinstance(link, ast.Call) or not isinstance(link.func, ast.Attribute):
            continue
        attr = link.func.attr
        if attr == "format" and link.args and _literal(link.args[0]) == "delta":
            is_delta = True
        if attr == "option" and link.args and _literal(link.args[0]) in ("versionAsOf", "timestampAsOf"):
            pinned = True
        if attr == "options" and _kw(link, "versionAsOf", "timestampAsOf"):
            pinned = True
        if attr == "load" and _literal(next((k.value for k in link.keywords if k.arg == "format"), None)) == "delta":
            is_delta = True
            pinned = pinned or _kw(link, "versionAsOf", "timestampAsOf")
    return is_delta and not pinned and not streaming


def loads(tree: ast.AST, source: str, local_dirs: frozenset[str]) -> Iterator[Load]:
    """Every unpinned load of the module (the caller decides whether it is training code)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name_of(node.func)
        end = node.end_lineno or node.lineno
        if name in ("load_dataset", "from_pretrained") and not _kw(node, "revision"):
            target = _literal(_first_arg(node, "path" if name == "load_dataset" else "pretrained_model_name_or_path"))
            if target is not None and _is_hub_id(target, local_dirs):
                kind = "hf-dataset" if name == "load_dataset" else "hf-model"
                yield Load(node.lineno, end, kind, target, name)
        elif _delta_read(node) or (name in ("DeltaTable", "read_delta") and not _kw(node, "version")):
            arg = _first_arg(node, "table_uri" if name == "DeltaTable" else "source")
            if arg is None:
                continue
            target = _literal(arg) or ast.get_source_segment(source, arg) or "?"
            yield Load(node.lineno, end, "delta", target[:200], name)
