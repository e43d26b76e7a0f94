"""Modules `terraform init` already downloaded: `<root>/.terraform/modules/modules.json`.

The scanner never downloads a module, but a checkout where someone ran `terraform init` holds
registry and git modules in `.terraform/modules/<key>/`, listed in the manifest (`Key`: the
call path joined with dots, `Dir`: the folder relative to the root module). The walk skips
`.terraform/`; this module reads the manifest and those folders' `.tf` and `.tf.json` files
through the guarded open, so such calls are evaluated instead of noted as not read.

The manifest is untrusted: a `Dir` that is absolute, leaves the scan root or has a link on its
path is a `refused` scan error, and tfparse (which reads the manifest itself and would follow any
`Dir`) sees a rewritten manifest holding only the entries accepted here.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.documents import ScanError
from scanner.loaders import budgets, json_text
from scanner.loaders import nesting as json_nesting
from scanner.loaders.budgets import BudgetExceeded
from scanner.terraform.mirror import local_target
from scanner.walk import FileEntry, RefusedPath, lstat_in_root, open_in_root, refused

MANIFEST = ".terraform/modules/modules.json"
_KEY = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")


@dataclass
class Downloaded:
    # (calling module folder, call name) -> folder of the downloaded module (repo-relative)
    calls: dict[tuple[str, str], str] = field(default_factory=dict)
    entries: list[FileEntry] = field(default_factory=list)  # their .tf and .tf.json files
    manifests: dict[str, str] = field(default_factory=dict)  # manifest rel -> text tfparse may read
    folders: set[str] = field(default_factory=set)  # downloaded module folders (never roots)


def _join(directory: str, rel: str) -> str:
    return rel if directory == "." else posixpath.join(directory, rel)


def _read(root: Path, rel: str) -> Any:
    with open_in_root(root, rel) as fh:
        data = fh.read(budgets.current().max_hcl_bytes + 1)
    if len(data) > budgets.current().max_hcl_bytes:
        size = budgets.current().max_hcl_bytes
        raise BudgetExceeded(f"read module manifest: larger than {size} bytes; not read", "max_hcl_bytes")
    text = data.decode("utf-8-sig")
    json_nesting.check(text, "module manifest")
    return json_text.loads(text)


def _module_files(root: Path, folder: str, errors: list[ScanError]) -> list[FileEntry]:
    """The folder's regular .tf and .tf.json files (not its subfolders: a nested module has
    its own manifest entry); one over the max_hcl_bytes budget is a `limit` error, not read
    (the walk's size cap does not see these files)."""
    limit = budgets.current().max_hcl_bytes
    lstat_in_root(root, folder)  # a link on the way is refused
    out = []
    with os.scandir(root / folder) as it:
        for item in sorted(it, key=lambda e: e.name):
            if item.name.endswith((".tf", ".tf.json")) and item.is_file(follow_symlinks=False):
                rel = posixpath.join(folder, item.name)
                size = item.stat(follow_symlinks=False).st_size
                if size > limit:
                    message = f"read downloaded module: {size} bytes, larger than {limit}; not read"
                    errors.append(ScanError(rel, f"{message} ({budgets.named('max_hcl_bytes')})", kind="limit"))
                    continue
                out.append(FileEntry(rel, root / rel, size, False))
    return out


def _entries(manifest: Any) -> list[dict[str, Any]]:
    modules = manifest.get("Modules") if isinstance(manifest, dict) else None
    if not isinstance(modules, list):
        raise ValueError("no `Modules` list")
    return [m for m in modules if isinstance(m, dict)]


def _one_root(root: Path, directory: str, out: Downloaded, errors: list[ScanError]) -> None:
    rel = _join(directory, MANIFEST)
    where = "read module manifest"
    try:
        manifest = _read(root, rel)
        modules = _entries(manifest)
    except FileNotFoundError:
        return
    except RefusedPath as exc:
        errors.append(refused(rel, exc))
        return
    except BudgetExceeded as exc:
        errors.append(ScanError(rel, exc.message, line=exc.line, kind="limit"))
        return
    except OSError as exc:
        errors.append(ScanError(rel, f"{where}: {exc.strerror}", kind="skipped"))
        return
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "not a terraform init module manifest"
        errors.append(ScanError(rel, f"{where}: {detail}", kind="parse"))
        return
    downloads = _join(directory, ".terraform/modules")
    folders: dict[str, str] = {"": directory}  # key -> repo-relative folder
    kept: list[dict[str, Any]] = []
    for module in sorted(modules, key=lambda m: str(m.get("Key", ""))):
        key, source, folder = module.get("Key"), module.get("Source"), module.get("Dir")
        if key == "":
            kept.append({"Key": "", "Source": "", "Dir": "."})
            continue
        if not isinstance(key, str) or not _KEY.match(key) or not isinstance(folder, str):
            errors.append(ScanError(rel, f"{where}: an entry without a valid Key and Dir; not read", kind="parse"))
            continue
        target = None if PurePosixPath(folder).is_absolute() else local_target(directory, folder)
        if target is None:
            message = f"{where}: module {key}: its folder is outside the scan root; not read"
            errors.append(ScanError(rel, message, kind="refused"))
            continue
        parent, _, name = key.rpartition(".")
        if parent not in folders:
            continue  # its caller was not accepted: nothing calls it
        if target == downloads or target.startswith(downloads + "/"):
            try:
                files = _module_files(root, target, errors)
            except RefusedPath as exc:
                errors.append(ScanError(rel, f"{where}: module {key}: {exc.strerror}", kind="refused"))
                continue
            except OSError:
                continue  # not downloaded after all: the call stays noted as not read
            out.entries.extend(files)
            out.folders.add(target)
            out.calls[(folders[parent], name)] = target
        folders[key] = target
        entry = {"Key": key, "Source": source if isinstance(source, str) else "", "Dir": folder}
        if isinstance(module.get("Version"), str):
            entry["Version"] = module["Version"]
        kept.append(entry)
    out.manifests[rel] = json.dumps({"Modules": kept})


def find(root: Path, directories: Iterable[str], errors: list[ScanError]) -> Downloaded:
    """The downloaded modules of every folder in `directories` that has a manifest."""
    out = Downloaded()
    for directory in sorted(set(directories)):
        if "/.terraform/" in f"/{directory}/":
            continue
        _one_root(root, directory, out, errors)
    return out
