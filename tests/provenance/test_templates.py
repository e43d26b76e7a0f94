"""Unrendered provenance templates (Marquez's metadata.template.json, OpenLineage's expected
events with matchers) are noted once and not checked; a rendered record with the same defect is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import write_files


def _event(run_id: str, time: str, sql: str = "select 1") -> str:
    return json.dumps(
        {
            "eventType": "START",
            "eventTime": time,
            "run": {"runId": run_id},
            "job": {"namespace": "dbt", "name": "orders", "facets": {"sql": {"query": sql}}},
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/dbt",
            "inputs": [],
            "outputs": [{"namespace": "postgres://db", "name": "public.orders"}],
        },
        indent=2,
    )


@pytest.mark.parametrize(
    ("files", "refs", "notes"),
    [
        pytest.param(
            {
                "docker/metadata.template.json": _event("4d3b8069-69b6-4708-ade0-3275112c9f04", "{{RUN_START_TIME}}"),
                "events/broken.json": _event("4d3b8069-69b6-4708-ade0-3275112c9f04", "yesterday at noon"),
            },
            ["events/broken.json"],
            ["docker/metadata.template.json"],
            id="marquez-template-time",
        ),
        pytest.param(
            {
                "tests/result.json": _event("{{ any(result) }}", "{{ is_datetime(result) }}"),
                "tests/expected_kafka.json": _event("${json-unit.any-string}", "${json-unit.any-string}"),
            },
            [],
            ["tests/expected_kafka.json", "tests/result.json"],
            id="openlineage-test-matchers",
        ),
        pytest.param(
            # dbt's raw SQL keeps Jinja in a facet: text, not a placeholder for an id or a time.
            {
                "events/dbt.json": _event(
                    "6f0c13a5-f29b-46a5-90c1-0ffbebbbd1aa", "not a time", "select * from {{ ref('x') }}"
                )
            },
            ["events/dbt.json"],
            [],
            id="jinja-in-a-facet-is-not-a-template",
        ),
    ],
)
def test_templates_are_noted_not_checked(
    files: dict[str, str], refs: list[str], notes: list[str], tmp_path: Path, builtin_rules: RuleSet
) -> None:
    write_files(tmp_path, files)
    result = scan([tmp_path], builtin_rules)
    assert sorted(f.path for f in result.findings if f.rule_id == "MLC-PROV-REF-001") == refs
    noted = [e for e in result.errors if e.kind == "note"]
    assert sorted(e.path for e in noted) == notes
    for e in noted:
        assert "template" in e.message and "RUN_START_TIME" not in e.message and "any(result)" not in e.message
    assert [e for e in result.errors if e.kind != "note"] == []
