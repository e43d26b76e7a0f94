"""One inventory of models, datasets, model files and lineage, for the BOM and lineage writers."""
