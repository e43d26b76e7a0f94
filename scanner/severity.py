"""Severity order and its SARIF renderings (level and GitHub's security-severity bands)."""

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")

CATEGORIES: tuple[str, ...] = (
    "encryption",
    "public-access",
    "network",
    "secrets",
    "iam",
    "logging",
    "data-integrity",
    "provenance",
    "model-documentation",
    "supply-chain",
    "privacy",
)

_RANK = {name: len(SEVERITIES) - i for i, name in enumerate(SEVERITIES)}

SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}

# GitHub code scanning bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0", "info": "0.0"}


def rank(severity: str) -> int:
    """Higher is more severe; 0 for 'none' so that `--fail-on none` never fails."""
    return _RANK.get(severity, 0)


def at_or_above(severity: str, threshold: str) -> bool:
    return threshold != "none" and rank(severity) >= rank(threshold)
