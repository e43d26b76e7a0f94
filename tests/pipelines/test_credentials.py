"""Credentials in Feast store configs and Dagster/Prefect code reach the one secrets detector:
one finding each, never in clear; references (EnvVar, env:, Prefect block templates) are fine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scanner.scan import ScanResult
from tests.conftest import write_files

PW = "Qm8#tR2vLx9!pWz4"
AWS = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQWERTYKEY"


def _secrets(result: ScanResult) -> list[tuple[str, int]]:
    return sorted((f.path, f.start_line) for f in result.findings if f.category == "secrets")


def test_literal_credentials_are_found_once(tmp_path: Path, scan_repo: Callable[[Path], ScanResult]) -> None:
    write_files(
        tmp_path,
        {
            "repo/feature_store.yaml": (
                "project: demo\nregistry: data/registry.db\nprovider: local\n"
                f"offline_store:\n  type: postgres\n  user: feast\n  password: '{PW}'\n"
            ),
            "flows/resources.py": (
                "from dagster import ConfigurableResource\nfrom dagster_aws.s3 import S3Resource\n\n"
                f"s3 = S3Resource(region_name='us-east-1', aws_secret_access_key='{AWS}')\n\n"
                f"class Warehouse(ConfigurableResource):\n    password: str = '{PW}'\n"
            ),
            "flows/blocks.py": f"from prefect.blocks.system import Secret\n\nSecret(value='{PW}').save('db')\n",
        },
    )
    result = scan_repo(tmp_path)
    assert _secrets(result) == [
        ("flows/blocks.py", 3),
        ("flows/resources.py", 4),
        ("flows/resources.py", 7),
        ("repo/feature_store.yaml", 7),
    ]
    assert all(PW not in f.message and AWS not in f.message for f in result.findings)


def test_references_are_not_credentials(tmp_path: Path, scan_repo: Callable[[Path], ScanResult]) -> None:
    write_files(
        tmp_path,
        {
            "repo/feature_store.yaml": (
                "project: demo\nprovider: local\nonline_store:\n  type: redis\n"
                "  connection_string: ${REDIS_CONNECTION_STRING}\n"
            ),
            "flows/resources.py": (
                "from dagster import EnvVar\nfrom dagster_aws.s3 import S3Resource\n\n"
                "s3 = S3Resource(aws_secret_access_key=EnvVar('AWS_SECRET_ACCESS_KEY'))\n"
            ),
            "prefect.yaml": (
                "deployments:\n- name: d\n  job_variables:\n    env:\n"
                "      DB_PASSWORD: '{{ prefect.blocks.secret.db-password }}'\n"
            ),
            "dagster.yaml": (
                "run_storage:\n  config:\n    postgres_db:\n      password:\n        env: DAGSTER_PG_PASSWORD\n"
            ),
        },
    )
    assert _secrets(scan_repo(tmp_path)) == []
