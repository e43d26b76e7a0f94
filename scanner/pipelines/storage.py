"""Where Dagster and Prefect code stores data, from literals only: the bucket and base path of
I/O managers, resources and storage blocks (`S3PickleIOManager(s3_bucket="x")`,
`S3Bucket(bucket_name="x")`, `GcsBucket(bucket="x")`), object URIs that asset functions write,
and the asset keys of Prefect's `@materialize("s3://...")`. Each as (s3:// or gs:// URI, pointer, what)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.documents import Document, Pointer
from scanner.pipelines.buckets import bucket_of

# Callees that configure where a platform writes: I/O managers, storage resources and blocks.
_STORAGE_CALL = re.compile(r"(?:IOManager|io_manager|Resource|Bucket|FileSystem|Storage)$", re.IGNORECASE)
_BUCKET_ARGS = {"s3_bucket": "s3", "bucket": "", "bucket_name": "", "gcs_bucket": "gs"}
_PATH_ARGS = ("base_path", "basepath", "base_dir", "prefix", "s3_prefix")


def _gcs(func: str) -> bool:
    return "gcs" in func.lower() or "gcp" in func.lower()


def locations(doc: Document) -> Iterator[tuple[str, Pointer, str]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    for i, call in enumerate(c for c in data.get("calls", []) if isinstance(c, dict)):
        func = str(call.get("func", ""))
        if not _STORAGE_CALL.search(func.rsplit(".", 1)[-1]):
            continue
        for name, value in (call.get("kwargs") or {}).items():
            if not isinstance(value, str) or not value:
                continue
            pointer = ("calls", i, "kwargs", name)
            if name in _BUCKET_ARGS and "/" not in value and "{" not in value:
                scheme = _BUCKET_ARGS[name] or ("gs" if _gcs(func) else "s3")
                yield f"{scheme}://{value}", pointer, f"{func}({name}=...)"
            elif name in _PATH_ARGS and bucket_of(value):
                yield value, pointer, f"{func}({name}=...)"
    for i, fn in enumerate(f for f in data.get("functions", []) if isinstance(f, dict)):
        for location in fn.get("writes", []):
            if isinstance(location, str) and bucket_of(location):
                yield location, ("functions", i), f"{fn.get('name')}() writes"
        for dec in fn.get("decorators", []):
            if str(dec.get("func", "")).rsplit(".", 1)[-1] == "materialize":
                for key in dec.get("args", []):
                    if isinstance(key, str) and bucket_of(key):
                        yield key, ("functions", i), f"@materialize of {fn.get('name')}()"
