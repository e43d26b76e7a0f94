"""Whether environment specs pin exact versions: pip requirements (parsed by `packaging`) and
conda match specs."""

from __future__ import annotations

import re
from typing import Any

# Installer tooling, conventionally left loose (MLflow itself writes `pip<=23.0`).
TOOLING = frozenset({"pip", "setuptools", "wheel"})
_CONDA = re.compile(r"^\s*([A-Za-z0-9_.\-]+(?:::[A-Za-z0-9_.\-]+)?)\s*(.*)$")


def pip_pinned(line: str) -> bool | None:
    """True for `name==1.2.3` (or a direct URL), False for loose specs, None for options/refs."""
    text = line.split(" #", 1)[0].strip()
    if not text or text.startswith(("-", "#")):
        return None
    # Imported on use: packaging costs ~30 ms of every run's start-up otherwise.
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        req = Requirement(text)
    except InvalidRequirement:
        return False
    if req.url:
        return True
    return any(s.operator in ("==", "===") and "*" not in s.version for s in req.specifier)


def conda_pinned(spec: str) -> bool:
    """`numpy=1.26.4`, `numpy==1.26.4` or `numpy 1.26.4 h123` pin; `numpy`, `numpy>=1` do not."""
    match = _CONDA.match(spec)
    if not match:
        return False
    rest = match.group(2).strip()
    version = rest.lstrip("=").split("=")[0].split()[0] if rest.lstrip("=") else ""
    return bool(version) and rest[:1] in ("=", *"0123456789") and not any(c in version for c in "<>*|,")


def unpinned(env: Any, kind: str) -> list[str]:
    """Names of the dependencies a conda.yaml or python_env.yaml leaves unpinned."""
    if not isinstance(env, dict):
        return []
    out: list[str] = []
    deps = env.get("dependencies")
    for dep in deps if isinstance(deps, list) else []:
        if isinstance(dep, str):
            pinned = conda_pinned(dep) if kind == "conda" else pip_pinned(dep)
            name = re.split(r"[\s=<>!~]", dep.strip(), maxsplit=1)[0]
            if pinned is False and name not in TOOLING:
                out.append(name)
        elif isinstance(dep, dict) and isinstance(dep.get("pip"), list):
            out.extend(str(p).split()[0] for p in dep["pip"] if isinstance(p, str) and pip_pinned(p) is False)
    if kind == "python" and not isinstance(env.get("python"), (str, int, float)):
        out.append("python")
    return out
