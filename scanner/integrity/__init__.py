"""Integrity evidence: Merkle roots of datasets, the results file's own digest, `mlcomply verify`
and the in-toto attestation of a scan (docs/integrity.md)."""
