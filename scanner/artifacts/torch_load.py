"""`torch.load` calls that may unpickle arbitrary code, and the torch version a repository declares.

PyTorch 2.6 made `weights_only=True` the default of `torch.load`. So:
- `weights_only=False` written out is always unsafe (an explicit opt-out);
- no `weights_only=` is unsafe only where the repository may run torch < 2.6: a requirement that
  pins or caps torch below 2.6, or declares torch with no lower bound at 2.6 or above. With no
  torch requirement anywhere, the code runs on whatever is installed: unsafe, and said so.
Requirements are read from requirements*.txt, pyproject.toml (quoted PEP 508 strings and Poetry), setup.py /
setup.cfg (quoted or listed `torch` requirements) and conda environment files; nothing is run.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

SAFE_DEFAULT = (2, 6)  # first torch release whose torch.load defaults to weights_only=True
MAX_FILE = 1_000_000  # bytes: a bigger "requirements" file is not one a person wrote


@dataclass(frozen=True)
class TorchReq:
    path: str  # the file that declares it
    line: int | None
    spec: str  # as written after the name ("" for a bare `torch`)
    safe: bool  # True when every version it admits is >= 2.6


@dataclass(frozen=True)
class UnsafeLoad:
    line: int
    end_line: int
    explicit: bool  # weights_only=False written out (else: no weights_only= at all)
    source: str  # the call as written, shortened


def _version_tuple(text: str) -> tuple[int, ...] | None:
    parts = re.match(r"\d+(?:\.\d+)*", text.strip().lstrip("v"))
    return tuple(int(p) for p in parts.group(0).split(".")) if parts else None


def spec_is_safe(spec: str) -> bool:
    """Whether a version spec (pip, Poetry `^`, conda `=`) admits only torch >= 2.6: some clause
    must set a lower bound at 2.6 or above. `!=` and upper bounds never do; a bare name admits
    every version. `>2.5` is not safe (2.5.1 satisfies it)."""
    for clause in spec.split(","):
        # a lower bound or exact version: `>=2.6`, `==2.6.*`, `~=2.7`, `^2.6`, conda `=2.7`, `2.7.0`;
        # `<`, `<=` and `!=` do not match here, so they never make a spec safe
        m = re.fullmatch(r"\s*(===|==|~=|>=|>|\^|~|=)?\s*(\d[\w.*+!-]*)\s*", clause)
        version = _version_tuple(m.group(2)) if m else None
        if version is not None and version + (0,) * (2 - len(version)) >= SAFE_DEFAULT:
            return True
    return False


# `torch`, `torch[extra]` or conda's `pytorch`, then an optional spec, at the start of a requirement.
_REQ = re.compile(
    r"^\s*(?:pytorch|torch)(?:\[[^\]]*\])?\s*(?:::)?(?P<spec>(?:[<>=!~^]|\d)[^;#\s]*(?:\s*,\s*[^;#\s]+)*)?\s*(?:[;#].*)?$"
)


def _req_spec(text: str) -> str | None:
    """The version spec of a torch requirement string, "" when bare, None when not torch."""
    # `torch ~= 2.2`, `torch >= 2.0, < 2.6`: spaces around operators and commas are allowed
    text = re.sub(r"\s*([<>=!~^,]+)\s*", r"\1", text.strip().strip("\"'"))
    m = _REQ.match(text)
    if not m:
        return None
    # conda: `pytorch=2.1` means 2.1.*, `pytorch 2.1.0` (space) an exact version: both read by
    # spec_is_safe as lower bounds
    return (m.group("spec") or "").replace(" ", "")


def _requirements_txt(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), 1):
        spec = _req_spec(line.split(" #", 1)[0])
        if spec is not None:
            yield n, spec


def _line_of(text: str, needle: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return None


_QUOTED = re.compile(r"""["']((?:py)?torch(?:\[[^\]]*\])?\s*(?:[<>=!~][^"']*)?)["']""")


# Poetry: `torch = "^2.1"` or `torch = { version = "^2.1", ... }`.
_POETRY = re.compile(r"""^\s*torch\s*=\s*(?:\{[^}]*\bversion\s*=\s*)?["']([^"']*)["']""")


def _poetry(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), 1):
        if m := _POETRY.match(line):
            yield n, "" if m.group(1).strip() == "*" else m.group(1).replace(" ", "")


# pyproject.toml tables that hold PEP 508 requirements; elsewhere (`[tool.isort]
# known-third-party = ["torch"]`) a quoted "torch" is not one.
_DEP_TABLE = re.compile(
    r"^\s*\[+\s*(project|project\.optional-dependencies|dependency-groups|tool\.(pdm|hatch|uv)\b[^\]]*)\s*\]+"
)


def _dependency_tables(text: str) -> str:
    """The text with every line outside a dependency table blanked (line numbers kept)."""
    out, keep = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            keep = bool(_DEP_TABLE.match(line))
        out.append(line if keep else "")
    return "\n".join(out)


def _quoted(text: str, cfg: bool) -> Iterator[tuple[int, str]]:
    """setup.py and pyproject.toml (read as text: no TOML parser on Python 3.10): quoted
    requirement strings; setup.cfg: listed lines (install_requires)."""
    for n, line in enumerate(text.splitlines(), 1):
        found = [m.group(1) for m in _QUOTED.finditer(line)] if not cfg else [line]
        for req in found:
            spec = _req_spec(req)
            if spec is not None:
                yield n, spec


def _environment(text: str) -> Iterator[tuple[int | None, str]]:
    try:
        env = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    deps = env.get("dependencies") if isinstance(env, dict) else None
    for dep in deps if isinstance(deps, list) else []:
        items = dep.get("pip") if isinstance(dep, dict) else [dep]
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and (spec := _req_spec(item.split("::")[-1])) is not None:
                # conda's `pytorch 2.1.0 build`: the first word after the name is the version
                yield _line_of(text, item), spec


def _kind(rel: str) -> str | None:
    name = PurePosixPath(rel).name.lower()
    if name.startswith("requirements") and name.endswith((".txt", ".in")):
        return "requirements"
    if PurePosixPath(rel).parent.name == "requirements" and name.endswith((".txt", ".in")):
        return "requirements"
    if name in ("pyproject.toml", "setup.py", "setup.cfg"):
        return name
    if name in ("environment.yml", "environment.yaml", "conda.yaml", "conda.yml"):
        return "environment"
    return None


def torch_requirements(files: Iterator[tuple[str, str]]) -> list[TorchReq]:
    """Every torch requirement in (path, text) pairs of dependency files."""
    out: list[TorchReq] = []
    for rel, text in files:
        kind = _kind(rel)
        found: Iterator[tuple[int | None, str]]
        if kind == "requirements":
            found = _requirements_txt(text)
        elif kind == "pyproject.toml":
            found = itertools.chain(_quoted(_dependency_tables(text), cfg=False), _poetry(text))
        elif kind in ("setup.py", "setup.cfg"):
            found = _quoted(text, cfg=kind == "setup.cfg")
        elif kind == "environment":
            found = _environment(text)
        else:
            continue
        out.extend(TorchReq(rel, line, spec, spec_is_safe(spec)) for line, spec in found)
    return out


def is_dependency_file(rel: str) -> bool:
    return _kind(rel) is not None


def _is_torch_load(func: ast.expr, torch_names: set[str], load_names: set[str]) -> bool:
    if isinstance(func, ast.Attribute) and func.attr == "load" and isinstance(func.value, ast.Name):
        return func.value.id in torch_names
    return isinstance(func, ast.Name) and func.id in load_names


def unsafe_loads(tree: ast.Module, text: str) -> Iterator[UnsafeLoad]:
    """`torch.load(...)` calls (also through `import torch as th` and `from torch import load`)
    with `weights_only=False`, or with no weights_only= at all. A `**kwargs` call may set it:
    left alone. Any other value (a variable) is the caller's choice: left alone too."""
    torch_names, load_names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            torch_names |= {a.asname or a.name for a in node.names if a.name == "torch"}
        elif isinstance(node, ast.ImportFrom) and node.module == "torch" and node.level == 0:
            load_names |= {a.asname or a.name for a in node.names if a.name == "load"}
    if not torch_names and not load_names:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _is_torch_load(node.func, torch_names, load_names):
            continue
        if any(k.arg is None for k in node.keywords):
            continue  # **kwargs may carry weights_only
        given = [k.value for k in node.keywords if k.arg == "weights_only"]
        if given and not (isinstance(given[0], ast.Constant) and given[0].value is False):
            continue
        source = ast.get_source_segment(text, node) or "torch.load(...)"
        source = " ".join(source.split())
        yield UnsafeLoad(
            node.lineno,
            node.end_lineno or node.lineno,
            explicit=bool(given),
            source=source if len(source) <= 120 else source[:117] + "...",
        )
