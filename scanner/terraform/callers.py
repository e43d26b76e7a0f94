"""The calling root module of a finding on a resource inside a module.

One module folder called from several root modules (`examples/*` calling `../../`, or several
environments calling `modules/bucket`) yields one resource per root, at the same address and in
the same file. Without the caller those findings share a fingerprint and collapse into one that
names no root; with it each root gets its own finding, whose message (and `caller` property)
says which root it is.
"""

from __future__ import annotations

from dataclasses import replace

from scanner.documents import Document
from scanner.findings import Hit
from scanner.terraform.refs import module_prefix


def root_name(directory: str) -> str:
    return "the top-level root module" if directory == "." else f"root module {directory}"


def with_caller(doc: Document, hit: Hit) -> Hit:
    """`hit` with its calling root when it is on a resource inside a module of a root module
    document; other hits unchanged (a plan is one file: its spans are the document's own)."""
    if doc.kind != "terraform" or hit.address is None or hit.caller is not None:
        return hit
    if not module_prefix(hit.address):
        return hit
    span = doc.addresses.get(hit.address)
    if span is None or span.path == doc.path:
        return hit
    message = f"{hit.message} (in a module called from {root_name(doc.path)})"
    # Also a property, for tools that key findings by location and address (e.g. a judged sample).
    return replace(hit, caller=doc.path, message=message, properties={**hit.properties, "caller": doc.path})
