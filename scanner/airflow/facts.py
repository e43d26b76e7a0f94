"""Facts about an Airflow DAG document (see scanner/airflow/load.py): calls, string literals and
storage locations, found in literals only. Credentials in a DAG are the secrets detector's
(scanner/secrets), which reads the DAG file as text like any other file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scanner.documents import Document, Pointer

# Filled in at run time by Airflow's templating, Python formatting or the environment.
TEMPLATED = re.compile(r"\{\{.*?\}\}|\{[a-z_]*\}|%\(?[a-z_]*\)?s|\$\{?[A-Z_]", re.IGNORECASE)
STORAGE_SCHEMES = ("s3", "s3a", "s3n", "gs", "gcs", "wasb", "wasbs", "abfs", "abfss", "az", "hdfs", "oss")
STORAGE_URI = re.compile(rf"\b(?:{'|'.join(STORAGE_SCHEMES)})://[^\s'\"]+", re.IGNORECASE)
BUCKET_ARGS = re.compile(r"^(\w+_)?bucket(_name)?$|^container_name$", re.IGNORECASE)


def calls(doc: Document) -> Iterator[tuple[int, dict[str, Any]]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    yield from enumerate(c for c in data.get("calls", []) if isinstance(c, dict))


def strings(doc: Document) -> Iterator[tuple[int, str]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    yield from enumerate(data.get("strings", []))


def storage_locations(doc: Document) -> Iterator[tuple[str, Pointer]]:
    """Storage URIs in any string literal, and bucket names passed as keyword arguments."""
    for i, text in strings(doc):
        for match in STORAGE_URI.finditer(text):
            if not TEMPLATED.search(match.group()):
                yield match.group(), ("strings", i)
    for i, call in calls(doc):
        for name, value in (call.get("kwargs") or {}).items():
            if BUCKET_ARGS.search(name) and isinstance(value, str) and value and not TEMPLATED.search(value):
                yield value, ("calls", i, "kwargs", name)


def bucket_of(location: str) -> str:
    return urlsplit(location).netloc if "://" in location else location
