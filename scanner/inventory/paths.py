"""Ids of datasets and model files from the locations records give them."""

from __future__ import annotations

import posixpath
import re

# The suffixes of model weights and serialised models (a DVC output or a record's location with
# one of them is a model file, not a dataset).
MODEL_SUFFIXES = (
    ".safetensors",
    ".pt",
    ".pth",
    ".bin",
    ".onnx",
    ".gguf",
    ".h5",
    ".hdf5",
    ".keras",
    ".pkl",
    ".pickle",
    ".joblib",
    ".dill",
    ".ckpt",
    ".tflite",
    ".msgpack",
)
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


# A pipeline stage's code dependencies: they change the result, but they are not data.
CODE_SUFFIXES = (".py", ".ipynb", ".sh", ".r", ".jl", ".scala", ".java", ".js", ".ts", ".go", ".rs", ".cpp", ".c")


def is_code(location: str) -> bool:
    return location.lower().endswith(CODE_SUFFIXES)


def is_model_file(location: str) -> bool:
    return location.lower().endswith(MODEL_SUFFIXES)


def repo_path(location: str) -> str | None:
    """The repository path a relative location names (relative to the repository root, as the
    consistency checks read it first), or None for a URI, an absolute path or one that leaves
    the root."""
    loc = location.removeprefix("file:")
    if _URI.match(loc) or loc.startswith("/") or not loc.strip():
        return None
    rel = posixpath.normpath(loc)
    return None if rel == ".." or rel.startswith("../") else rel


def folder(path: str) -> str:
    return posixpath.dirname(path) or "."


def inside(path: str, directory: str) -> bool:
    return directory == "." or path == directory or path.startswith(directory.rstrip("/") + "/")
