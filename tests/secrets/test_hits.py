"""Where secrets are looked for: every text document once, Terraform files, never archives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scanner.scan import ScanResult

PASSWORD = "Zq8Lr2Vx9Pm4Kt7W"


def _secrets(result: ScanResult) -> list[tuple[str, int, str | None]]:
    return sorted((f.path, f.start_line, f.address) for f in result.findings if f.category == "secrets")


def test_multi_document_yaml_reports_once(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo({"k.yaml": f"a: 1\n---\npassword: {PASSWORD}\n---\nb: 2\n"})
    assert _secrets(scan_repo(root)) == [("k.yaml", 3, None)]


def test_archive_named_files_are_skipped(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo({"dump.tar": f"password = {PASSWORD}\n", "dump.txt": f"password = {PASSWORD}\n"})
    assert _secrets(scan_repo(root)) == [("dump.txt", 1, None)]


def test_terraform_provider_block_is_reported_by_line(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    main = (
        'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAZ2QXJ7PQRS5TUVWX"\n}\n\n'
        'resource "aws_db_instance" "db" {\n  engine   = "postgres"\n'
        f'  password = "{PASSWORD}"\n}}\n'
    )
    root = make_repo({"infra/main.tf": main})
    assert _secrets(scan_repo(root)) == [
        ("infra/main.tf", 3, None),
        ("infra/main.tf", 8, "aws_db_instance.db"),
    ]
