"""Provenance records (PROV-JSON, PROV-O, OpenLineage) read into one graph, and checks on it."""
