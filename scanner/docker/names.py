"""Which files are Dockerfiles, by name alone: apart from the loader and its parser so that
telling a file's kind imports neither."""

from __future__ import annotations

from pathlib import PurePosixPath

# `Dockerfile.<variant>` is any suffix (`.gpu`, `.arm64`, `.conformance`), but not a file type:
# `Dockerfile.j2` and friends are templates for a generator (not Dockerfiles until rendered),
# `dockerfile.py` is code that writes one, `Dockerfile.dockerignore` is the ignore file.
_NOT_DOCKERFILE_SUFFIXES = frozenset(
    {".dockerignore", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".in", ".erb", ".mustache"}
    | {".md", ".rst", ".txt", ".html", ".py", ".pyc", ".go", ".js", ".ts", ".rs", ".java", ".rb", ".sh"}
    | {".yaml", ".yml", ".json", ".toml", ".cfg", ".ini", ".lock", ".bak", ".orig", ".swp", ".patch", ".diff"}
)
_NAMES = ("dockerfile", "containerfile")


def is_dockerfile(path: PurePosixPath) -> bool:
    name = path.name.lower()
    if name in _NAMES or name.endswith(".dockerfile") or name.endswith(".containerfile"):
        return True
    stem, dot, _ = name.partition(".")
    return bool(dot) and stem in _NAMES and path.suffix.lower() not in _NOT_DOCKERFILE_SUFFIXES
