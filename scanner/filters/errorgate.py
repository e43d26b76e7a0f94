"""When scan errors fail the gate: one function, `failing_errors`.

A change must not pass the gate by making its own file unreadable (padding it past the size cap,
nesting it past a parser's depth limit, breaking its syntax, turning it into a symlink). So in
diff and `--files-only` scans a scan error of any kind but `note` on a file the change adds or
modifies (or a file named to `--files-only`) fails the gate like a high finding, unless the
trusted config says `fail_on_scan_errors: false`. Elsewhere scan errors do not change the exit
code, unless `--strict` asks for it (then every error but a note counts, wherever it is).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from scanner.documents import ScanError

SEVERITY = "high"  # the severity a failing scan error is compared with --fail-on as


def failing_errors(
    errors: Sequence[ScanError], judged: Collection[str] | None, strict: bool, fail_on_scan_errors: bool
) -> list[ScanError]:
    """`judged`: the files the gate judges (a diff scan's added and modified files, the files
    named to --files-only), None for a full scan."""
    counted = [e for e in errors if e.kind != "note"]
    if strict:
        return counted
    if judged is None or not fail_on_scan_errors:
        return []
    return [e for e in counted if e.path in judged]
