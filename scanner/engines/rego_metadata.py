"""Read a Rego file's package and its `# METADATA` block in Python (regorus has no
`rego.metadata.*`). The block is YAML in comments directly above the `package` line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scanner.errors import FatalError

_PACKAGE = re.compile(r"^package\s+([\w.]+)\s*$", re.M)
_TEST_RULE = re.compile(r"^(test_\w+)\s+(?:if\b|:=|=|\{)", re.M)


@dataclass(frozen=True)
class RegoFile:
    path: str
    package: str
    annotations: dict[str, Any]  # the METADATA block above the package, {} when absent
    test_rules: tuple[str, ...]

    @property
    def is_library(self) -> bool:
        return bool((self.annotations.get("custom") or {}).get("library"))

    def raw_metadata(self) -> dict[str, Any]:
        """title/description (standard annotations) merged with the `custom:` section."""
        custom = dict(self.annotations.get("custom") or {})
        custom.pop("library", None)
        out = {k: self.annotations[k] for k in ("title", "description") if k in self.annotations}
        out.update(custom)
        return out


def parse_rego_file(path: str, text: str) -> RegoFile:
    match = _PACKAGE.search(text)
    if match is None:
        raise FatalError(f"read policy {path}: no `package` line")
    package_line = text.count("\n", 0, match.start())
    lines = text.splitlines()
    block: list[str] = []
    i = package_line - 1
    while i >= 0 and lines[i].startswith("#"):
        block.insert(0, lines[i])
        i -= 1
    annotations: dict[str, Any] = {}
    if block and block[0].strip() == "# METADATA":
        body = "\n".join(line[2:] if line.startswith("# ") else line[1:] for line in block[1:])
        # Imported here: the built-in policies' metadata comes from the rule index (ruleindex.py),
        # so a run without policies of its own never needs YAML for them. The C loader: the
        # pure-Python one cost ~150 ms over every policy.
        import yaml

        try:
            loaded = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except yaml.YAMLError as exc:
            raise FatalError(f"read policy {path}: METADATA block is not valid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise FatalError(f"read policy {path}: METADATA block must be a mapping")
        annotations = loaded
    return RegoFile(
        path=path,
        package=match.group(1),
        annotations=annotations,
        test_rules=tuple(_TEST_RULE.findall(text)),
    )
