"""Airflow DAGs (read with `ast`, never imported): credentials, storage policy, TLS."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from scanner.airflow import facts
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule
from scanner.secrets import names as secret_names

_TLS_OFF_ARGS = {"verify": False, "verify_ssl": False, "ssl_verify": False, "validate_certs": False}
_TLS_OFF_ARGS |= {"check_hostname": False, "verify_certs": False, "insecure": True, "no_verify_ssl": True}


class HardcodedCredentials(PythonRule):
    id = "MLC-AIRFLOW-001"
    title = "Hardcoded credentials in an Airflow DAG"
    severity = "high"
    category = "secrets"
    nist_ai_rmf = ("MEASURE 2.7", "MEASURE 2.10")
    description = (
        "A DAG file holds a credential as a literal: a connection URI with a password "
        "(`postgresql://user:pw@host`), or an operator, hook or connection argument named like a "
        "secret (`password=`, `aws_secret_access_key=`, `token=`). The secret is in git and in "
        "every worker's DAG folder."
    )
    remediation = (
        "Use an Airflow connection (`conn_id=`) or variable backed by a secrets backend "
        "(Vault, AWS Secrets Manager, GCP Secret Manager) and rotate the exposed secret."
    )
    input_kinds = ("airflow",)
    references = ("https://airflow.apache.org/docs/apache-airflow/stable/security/secrets/index.html",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, text in facts.strings(doc):
            for uri in secret_names.uris_with_password(text):
                if not facts.TEMPLATED.search(uri):
                    where = secret_names.redact_uri(uri)
                    yield Hit(f"connection URI {where} embeds a password", pointer=("strings", i), key=where)
        for i, call in facts.calls(doc):
            for name, pointer in facts.secret_values(call.get("kwargs") or {}, ("calls", i, "kwargs")):
                # Identity by callee and argument, not by call index: stable when calls are added.
                key = "/".join(map(str, (call.get("func"), *pointer[3:])))
                yield Hit(f"{call.get('func')}(...) gets a literal {name}", pointer=pointer, key=key)
        data = doc.data if isinstance(doc.data, dict) else {}
        for i, assign in enumerate(data.get("assigns", [])):
            target = str(assign.get("target", "")).rsplit(".", 1)[-1]
            if secret_names.is_secret_name(target) and facts.literal_secret(assign.get("value")):
                yield Hit(f"{target} is assigned a literal secret", pointer=("assigns", i), key=target)


class StorageLocationPolicy(PythonRule):
    id = "MLC-AIRFLOW-002"
    title = "Airflow DAG uses a storage location outside the allowed set"
    severity = "high"
    category = "data-integrity"
    nist_ai_rmf = ("MAP 4.1", "MEASURE 2.10", "GOVERN 1.1")
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


RULES = [HardcodedCredentials, StorageLocationPolicy, TlsVerificationDisabled]
