"""Cross-source consistency: declared hashes vs the bytes in the repo; model cards vs provenance."""
