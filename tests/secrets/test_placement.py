"""Where a credential sits decides its severity: fixtures, examples, templates, docs, vendored code
and local compose defaults are reported at low with the reason, never dropped; generated files
get no name-based scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.secrets.detect import detect
from scanner.secrets.placement import demotion_reason, is_generated
from tests.conftest import init_repo

PASSWORD = 'DB_PASSWORD = "q8ZpR3vT6wK1mN4bX7cF"\n'
HF_TOKEN = "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"


@pytest.mark.parametrize(
    ("path", "family", "place"),
    [
        ("tests/conftest.py", "generic", "test fixture"),
        ("src/pkg/test_settings.py", "generic", "test fixture"),
        ("pkg/settings_test.go", "generic", "test fixture"),
        ("testdata/creds.json", "aws", "test fixture"),
        ("web/src/api.spec.ts", "generic", "test fixture"),
        ("examples/train.py", "generic", "example code"),
        (".env.example", "generic", "template"),
        ("config/settings.yaml.sample", "generic", "template"),
        ("deploy/values.template", "generic", "template"),
        ("README.md", "generic", "documentation"),
        ("docs/setup.yaml", "generic", "documentation"),
        ("api_reference/openapi.yml", "generic", "documentation"),
        ("core/vendor/github.com/x/y.go", "generic", "vendored"),
        ("third_party/lib/conf.py", "openai", "vendored"),
        ("web/node_modules/pkg/index.js", "generic", "vendored"),
        ("api/service_pb2.py", "aws", "generated"),
        ("docker-compose.yml", "generic", "docker-compose"),
        ("deploy/compose.dev.yaml", "uri", "docker-compose"),
        # the rule's own severity
        ("manifests/third-party/grafana/deployment.yaml", "generic", None),  # deployed as it is
        ("docker-compose.yml", "huggingface", None),  # a provider key in compose is real
        ("src/settings.py", "generic", None),
        ("contest.py", "generic", None),
        ("attestation/keys.yaml", "generic", None),
        (".env", "generic", None),
    ],
)
def test_demotion_reason(path: str, family: str, place: str | None) -> None:
    reason = demotion_reason(path, family)
    assert (reason is None) == (place is None), reason
    if place is not None:
        assert place in str(reason)


def test_generated_files_get_provider_formats_only() -> None:
    text = PASSWORD + f'TOKEN = "{HF_TOKEN}"\n'
    assert is_generated("api/service_pb2.py") and is_generated("web/package-lock.json")
    assert [d.type_id for d in detect(text, "api/service_pb2.py")] == ["huggingface-token"]
    assert sorted(d.type_id for d in detect(text, "api/service.py")) == ["generic-credential", "huggingface-token"]


def test_demoted_findings_keep_their_reason_and_the_rule_severity(tmp_path: Path, builtin_rules: RuleSet) -> None:
    repo = init_repo(
        tmp_path / "repo",
        {
            "tests/conftest.py": PASSWORD,
            "src/settings.py": PASSWORD,
            "docker-compose.yml": "services:\n  db:\n    environment:\n"
            '      POSTGRES_PASSWORD: "q8ZpR3vT6wK1mN4bX7cF"\n'
            f"      HF_TOKEN: {HF_TOKEN}\n",
        },
    )
    result = scan([repo], builtin_rules)
    got = {(f.path, f.rule_id): f for f in result.findings}
    fixture = got[("tests/conftest.py", "MLC-SECRET-GENERIC-001")]
    props = dict(fixture.properties)
    assert fixture.severity == "low"
    assert "test fixture" in props["severity_reason"] and props["rule_severity"] == "high"
    assert got[("src/settings.py", "MLC-SECRET-GENERIC-001")].severity == "high"
    assert got[("docker-compose.yml", "MLC-SECRET-GENERIC-001")].severity == "low"
    assert got[("docker-compose.yml", "MLC-SECRET-HUGGINGFACE-001")].severity == "critical"
