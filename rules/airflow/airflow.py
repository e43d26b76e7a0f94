"""Airflow DAGs (read with `ast`, never imported): storage policy, TLS.

Credentials in a DAG (MLC-AIRFLOW-001, retired) are reported by the secrets detector, which owns
every literal credential: the old id is an alias of MLC-SECRET-GENERIC-001."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from scanner.airflow import facts
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule

_TLS_OFF_ARGS = {"verify": False, "verify_ssl": False, "ssl_verify": False, "validate_certs": False}
_TLS_OFF_ARGS |= {"check_hostname": False, "verify_certs": False, "insecure": True, "no_verify_ssl": True}


class StorageLocationPolicy(PythonRule):
    id = "MLC-AIRFLOW-002"
    title = "Airflow DAG uses a storage location outside the allowed set"
    severity = "high"
    category = "data-integrity"
    nist_ai_rmf = ("MAP 4.1", "MEASURE 2.10", "GOVERN 1.1")
    atlas = ("AML.T0010.002", "AML.T0025")
    description = (
        "A DAG reads or writes a storage location (s3://, gs://, abfss://, ... or a `bucket=` "
        "argument) that the organisation's policy denies, or that is not on its allow list. "
        "Patterns come from the rule options `deny` and `allow` (glob patterns matched against "
        "the URI and the bucket name); without options the rule reports nothing."
    )
    remediation = (
        "Move the task's input or output to an approved location, or update the policy in the "
        "scanner config (`rule_options: {MLC-AIRFLOW-002: {allow: [...], deny: [...]}}`)."
    )
    input_kinds = ("airflow",)
    references = ("https://airflow.apache.org/docs/apache-airflow/stable/authoring-and-scheduling/datasets.html",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        deny = [str(p) for p in ctx.option(self.id, "deny", [])]
        allow = [str(p) for p in ctx.option(self.id, "allow", [])]
        if not deny and not allow:
            return
        for location, pointer in facts.storage_locations(doc):
            denied = next((p for p in deny if _matches(location, p)), None)
            if denied is not None:
                yield Hit(f"{location} matches the denied pattern {denied!r}", pointer=pointer, key=location)
            elif allow and not any(_matches(location, p) for p in allow):
                yield Hit(f"{location} is not on the allowed list", pointer=pointer, key=location)


class TlsVerificationDisabled(PythonRule):
    id = "MLC-AIRFLOW-003"
    title = "TLS certificate verification disabled in an Airflow DAG"
    severity = "medium"
    category = "network"
    nist_ai_rmf = ("MEASURE 2.7",)
    atlas = ("AML.T0010.002",)
    description = (
        "A task or hook turns off TLS certificate checks (`verify=False`, `verify_ssl=False`, "
        '`ssl._create_unverified_context()`, `CERT_NONE`, `"verify": false` in a connection\'s '
        "extra): data and credentials can be read or altered by anyone on the network path."
    )
    remediation = (
        "Keep verification on; for private certificate authorities pass the CA bundle "
        "(`verify='/etc/ssl/certs/corp-ca.pem'`) instead of disabling the check."
    )
    input_kinds = ("airflow",)
    references = ("https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, call in facts.calls(doc):
            func = str(call.get("func", ""))
            if func.endswith("_create_unverified_context"):
                yield Hit(f"{func}() creates an unverified TLS context", pointer=("calls", i))
            for name, value in (call.get("kwargs") or {}).items():
                pointer = ("calls", i, "kwargs", name)
                if name in _TLS_OFF_ARGS and value is _TLS_OFF_ARGS[name]:
                    yield Hit(f"{func}(...) passes {name}={value}", pointer=pointer)
                elif isinstance(value, dict) and str(value.get("expr", "")).endswith("CERT_NONE"):
                    yield Hit(f"{func}(...) passes {name}=CERT_NONE", pointer=pointer)
                elif _extra_disables_tls(value):
                    yield Hit(f"{func}(...) disables TLS verification in {name}", pointer=pointer)


def _matches(location: str, pattern: str) -> bool:
    """URIs match URI patterns and bare bucket patterns; a bare bucket argument matches the
    bucket part of a URI pattern (`s3_bucket="x-pii"` against `s3://*-pii*`)."""
    if "://" in location:
        bucket_pattern = "://" not in pattern and fnmatchcase(facts.bucket_of(location), pattern)
        return fnmatchcase(location, pattern) or bucket_pattern
    return fnmatchcase(location, facts.bucket_of(pattern))


def _extra_disables_tls(value: object) -> bool:
    if isinstance(value, dict):
        return any(k in _TLS_OFF_ARGS and v is _TLS_OFF_ARGS[k] for k, v in value.items())
    if isinstance(value, str):
        compact = value.replace(" ", "").lower()
        return any(f'"{k}":{str(v).lower()}' in compact for k, v in _TLS_OFF_ARGS.items())
    return False


RULES = [StorageLocationPolicy, TlsVerificationDisabled]
