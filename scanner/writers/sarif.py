"""SARIF 2.1.0, as GitHub code scanning reads it (see DESIGN.md "Contracts")."""

from __future__ import annotations

from typing import Any

from scanner import __version__
from scanner.atlas import sarif_taxonomy as atlas_taxonomy
from scanner.console.links import doc_url
from scanner.documents import ScanError
from scanner.findings import Finding
from scanner.fingerprints import VERSION
from scanner.metadata import RuleMeta
from scanner.nist import sarif_taxonomy
from scanner.scan import ScanResult
from scanner.severity import SARIF_LEVEL, SECURITY_SEVERITY
from scanner.writers.escape import sarif_uri

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/mlcomply/mlcomply"
FINGERPRINT_KEY = VERSION  # "mlcomply/v2": how it is built is in scanner.fingerprints


def _rule(meta: RuleMeta) -> dict[str, Any]:
    help_text = f"{meta.description}\n\nRemediation: {meta.remediation}"
    help_md = f"{meta.description}\n\n**Remediation:** {meta.remediation}"
    if meta.references:
        help_md += "\n\n" + "\n".join(f"- <{r}>" for r in meta.references)
    rule: dict[str, Any] = {
        "id": meta.id,
        "name": meta.title,
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": meta.description},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": SARIF_LEVEL[meta.severity]},
        "properties": {
            "category": meta.category,
            "nist-ai-rmf": list(meta.nist_ai_rmf),
            "mitre-atlas": list(meta.atlas),
            "security-severity": SECURITY_SEVERITY[meta.severity],
            "severity": meta.severity,
            "precision": "high",
            "tags": [
                "security",
                meta.category,
                *(f"NIST-AI-RMF/{s}" for s in meta.nist_ai_rmf),
                *(f"MITRE-ATLAS/{t}" for t in meta.atlas),
            ],
        },
    }
    # The rule's page (docs/rules/<ID>.md at this version's tag); a user's rule: its first reference.
    help_uri = doc_url(meta) or (meta.references[0] if meta.references else None)
    if help_uri:
        rule["helpUri"] = help_uri
    if meta.aliases:
        rule["deprecatedIds"] = list(meta.aliases)
    rule["relationships"] = sarif_taxonomy.relationships(meta.nist_ai_rmf) + atlas_taxonomy.relationships(meta.atlas)
    return rule


def _location(f: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": f.start_line, "endLine": f.end_line}
    if f.snippet:
        region["snippet"] = {"text": f.snippet}
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": sarif_uri(f.path), "uriBaseId": "SRCROOT"},
            "region": region,
        }
    }
    if f.address is not None:
        loc["logicalLocations"] = [{"fullyQualifiedName": f.address, "kind": "resource"}]
    elif f.pointer is not None:
        loc["logicalLocations"] = [{"fullyQualifiedName": f.pointer, "kind": "element"}]
    return loc


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "severity": f.severity,
        "category": f.category,
        "nist-ai-rmf": list(f.nist_ai_rmf),
        "mitre-atlas": list(f.atlas),
        "security-severity": SECURITY_SEVERITY[f.severity],
    }
    props.update(dict(f.properties))
    return {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": props,
    }


def _notification(e: ScanError) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if e.line:
        region["startLine"] = e.line
        if e.column:
            region["startColumn"] = e.column
    physical: dict[str, Any] = {"artifactLocation": {"uri": sarif_uri(e.path), "uriBaseId": "SRCROOT"}}
    if region:
        physical["region"] = region
    return {
        "level": e.level,
        "message": {"text": e.message},
        "locations": [{"physicalLocation": physical}],
        "descriptor": {"id": f"mlcomply/{e.kind}"},
    }


def _evidence_records(result: ScanResult) -> list[dict[str, Any]]:
    return result.evidence.to_dict()["records"] if result.evidence is not None else []


def to_sarif(result: ScanResult) -> dict[str, Any]:
    """Suppressed findings are left out: GitHub ignores `suppressions` and would show them."""
    rules = [_rule(m) for m in result.rules]
    index = {m.id: i for i, m in enumerate(result.rules)}
    results = [_result(f, index) for f in result.findings if f.suppression is None]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlcomply",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": rules,
                        "supportedTaxonomies": [
                            sarif_taxonomy.component_reference(),
                            atlas_taxonomy.component_reference(),
                        ],
                    }
                },
                "taxonomies": [sarif_taxonomy.taxonomy(_evidence_records(result)), atlas_taxonomy.taxonomy()],
                "originalUriBaseIds": {"SRCROOT": {"uri": result.root.as_uri() + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": not result.engine_failed,
                        "toolExecutionNotifications": [_notification(e) for e in result.errors],
                    }
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
