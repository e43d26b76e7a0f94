"""Exact pins in conda and pip environment specs."""

from __future__ import annotations

import pytest

from scanner.mlflow import env_pins


@pytest.mark.parametrize(
    ("spec", "pinned"),
    [("numpy=1.26.4", True), ("numpy==1.26.4", True), ("conda-forge::torch=2.1.0", True),
     ("numpy 1.26.4 py311h1", True), ("numpy", False), ("numpy>=1.26", False), ("numpy=1.*", False)],
)  # fmt: skip
def test_conda_pinned(spec: str, pinned: bool) -> None:
    assert env_pins.conda_pinned(spec) is pinned


@pytest.mark.parametrize(
    ("line", "pinned"),
    [("torch==2.3.1", True), ("pkg @ https://example.org/pkg-1.0.whl", True), ("torch", False),
     ("torch>=2", False), ("mlflow==2.*", False), ("-r requirements.txt", None), ("# comment", None)],
)  # fmt: skip
def test_pip_pinned(line: str, pinned: bool | None) -> None:
    assert env_pins.pip_pinned(line) is pinned


def test_unpinned_lists_names_and_ignores_tooling() -> None:
    env = {"dependencies": ["python=3.11", "pip<=23.0", "scikit-learn", {"pip": ["mlflow==2.14.1", "pandas"]}]}
    assert env_pins.unpinned(env, "conda") == ["scikit-learn", "pandas"]
    assert env_pins.unpinned({"dependencies": ["mlflow==2.14.1"]}, "python") == ["python"]
