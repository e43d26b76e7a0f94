"""NIST AI RMF 1.0: the Core shipped as data, the static-evidence levels, and the report model."""
