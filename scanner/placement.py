"""Someone else's code, or a tool's output: vendored trees and generated files.

A finding there is real but rarely the repository's own to fix: a public bucket in a vendored
Python package, a credential-looking string in a protobuf stub, an `eval` in a minified bundle.
Such findings are reported at `low` with the reason (never dropped: `--exclude` is the way to
drop a tree). One exception: a vendored manifest or config (Kubeflow's
`third-party/mysql/*.yaml`, a vendored Terraform module) is deployed as it is, so it keeps its
severity. The secrets rules use the same lists (scanner.secrets.placement)."""

from __future__ import annotations

from pathlib import PurePosixPath

DEMOTED = "low"

VENDORED_DIRS = frozenset(
    {"vendor", "vendored", "third_party", "third-party", "thirdparty", "node_modules", "bower_components"}
    | {"site-packages"}
)
LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "cargo.lock",
        "go.sum",
        "gemfile.lock",
        "composer.lock",
        "conda-lock.yml",
    }
)
GENERATED_ENDINGS = (
    ".pb.go",
    "_pb2.py",
    "_pb2.pyi",
    "_pb2_grpc.py",
    ".pb.cc",
    ".pb.h",
    "_grpc.pb.go",
    ".pb.gw.go",
    ".min.js",
    ".min.css",
    ".min.mjs",
    ".bundle.js",
    ".js.map",
    ".css.map",
)
DEPLOYED_CONFIG_SUFFIXES = frozenset(
    {".yaml", ".yml", ".json", ".env", ".tf", ".tfvars", ".toml", ".ini", ".cfg", ".conf", ".properties"}
)
VENDORED_REASON = "in vendored third-party code: report it upstream, or drop the vendored copy"
GENERATED_REASON = "in a generated file (protobuf stub, lock file or minified bundle)"


def is_generated(path: str) -> bool:
    """Protobuf stubs, lock files and minified bundles: written by a tool."""
    name = PurePosixPath(path).name.lower()
    return name in LOCK_FILES or name.endswith(GENERATED_ENDINGS)


def is_vendored_code(path: str) -> bool:
    """Under a vendored folder, and not a config that is deployed as it is."""
    p = PurePosixPath(path)
    dirs = {part.lower() for part in p.parts[:-1]}
    return bool(dirs & VENDORED_DIRS) and p.suffix.lower() not in DEPLOYED_CONFIG_SUFFIXES


def third_party_reason(path: str) -> str | None:
    """Why a finding in `path` is someone else's (reported at low), or None."""
    if is_vendored_code(path):
        return VENDORED_REASON
    if is_generated(path):
        return GENERATED_REASON
    return None
