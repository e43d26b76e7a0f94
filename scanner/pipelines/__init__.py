"""Data pipeline platforms: Pachyderm specs, Dagster and Prefect code and deployment files, Feast
feature repositories. Python is read with `ast` and never imported (pycode); YAML and JSON come
from the generic loaders and are recognised by content (pachyderm, deploy, feast)."""

# The kind of pycode's documents, here so that rules can name it without importing the AST reader.
KIND = "pipeline-python"
