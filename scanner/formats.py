"""Format registry: which loader turns a file into documents, decided in one function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import ModuleType

from scanner.artifacts import names as model_artifact_names
from scanner.consent import names as declaration_names
from scanner.docker import names as dockerfile_names
from scanner.documents import Document
from scanner.dvc import names as dvc_names
from scanner.evidence import names as evidence_names
from scanner.github import names as workflow_names
from scanner.lazy import lazy_module
from scanner.loaders import sniff
from scanner.mlflow import names as mlflow_names
from scanner.terraform import load as terraform
from scanner.walk import FileEntry

# Each loader is imported when a file of its kind first comes up (see scanner.lazy).
airflow = lazy_module("scanner.airflow.load")
model_artifact = lazy_module("scanner.artifacts.load")
declarations = lazy_module("scanner.consent.load")
dataset = lazy_module("scanner.data.dataset")
tabular = lazy_module("scanner.data.tabular")
dockerfile = lazy_module("scanner.docker.load")
dvc = lazy_module("scanner.dvc.load")
evidence_records = lazy_module("scanner.evidence.load")
github_workflow = lazy_module("scanner.github.load")
great_expectations = lazy_module("scanner.gx.load")
helm_chart = lazy_module("scanner.helm.chart")
json_file = lazy_module("scanner.loaders.json_file")
notebook = lazy_module("scanner.loaders.notebook")
text = lazy_module("scanner.loaders.text")
yaml_file = lazy_module("scanner.loaders.yaml_file")
mlflow = lazy_module("scanner.mlflow.load")
model_card = lazy_module("scanner.modelcard.load")
pipeline_code = lazy_module("scanner.pipelines.pycode")
provenance = lazy_module("scanner.provenance.load")
terraform_plan = lazy_module("scanner.terraform.plan")


@dataclass(frozen=True)
class Format:
    kind: str
    module: ModuleType  # the loader's module; `load` is its function named `function`
    function: str
    description: str
    # A streaming loader reads only what it needs, so the scan's file-size cap does not apply.
    streams: bool = False

    @property
    def load(self) -> Callable[[FileEntry], list[Document]]:
        return getattr(self.module, self.function)  # type: ignore[no-any-return]


# One line per format. Terraform is loaded per module directory, not per file, and a Helm chart's
# templates are rendered per chart as well as read as text (see scan.py).
FORMATS: dict[str, Format] = {
    "airflow": Format("airflow", airflow, "load", "Airflow DAG files (Python, parsed with ast, never run)"),
    "datacard": Format("datacard", declarations, "load_card", "dataset cards (Hugging Face README.md) and datasheets"),
    "datacontract": Format("datacontract", declarations, "load_contract", "Data Contract Specification files"),
    "dataset": Format("dataset", dataset, "load", "binary dataset files (size and format only)", streams=True),
    "dockerfile": Format("dockerfile", dockerfile, "load", "Dockerfiles and Containerfiles (stages, instructions)"),
    "dvc": Format("dvc", dvc, "load", "DVC pipeline, lock and .dvc files"),
    "evidence-records": Format(
        "evidence-records", evidence_records, "load", "evidence records (.mlcomply-evidence.yaml at the top)"
    ),
    "github-workflow": Format("github-workflow", github_workflow, "load", "GitHub Actions workflows"),
    "gx": Format("gx", great_expectations, "load", "Great Expectations configs, expectation suites and checkpoints"),
    "helm-template": Format(
        "helm-template", text, "load", "Helm chart templates: read as text, rendered with helm when on PATH"
    ),
    "json": Format("json", json_file, "load", "JSON files"),
    "mlflow": Format("mlflow", mlflow, "load", "MLflow MLproject, MLmodel and mlruns meta.yaml files"),
    "model-artifact": Format(
        "model-artifact", model_artifact, "load", "pickle, PyTorch, NumPy and Keras model files", streams=True
    ),
    "modelcard": Format("modelcard", model_card, "load", "model cards (Hugging Face, Model Card Toolkit)"),
    "notebook": Format("notebook", notebook, "load", "Jupyter notebooks (.ipynb): cells and outputs"),
    "pipeline-python": Format(
        "pipeline-python", pipeline_code, "load", "Dagster, Prefect and Feast Python files (ast, never run)"
    ),
    "provenance": Format("provenance", provenance, "load", "PROV-JSON, PROV-O and OpenLineage records"),
    "tabular": Format("tabular", tabular, "load", "CSV, TSV and JSON Lines data (bounded sample)", streams=True),
    "terraform": Format("terraform", terraform, "unsupported_single_file", "Terraform root modules"),
    "text": Format("text", text, "load", "any other text file"),
    "yaml": Format("yaml", yaml_file, "load", "YAML files, one document per YAML document"),
}

# A rule whose input_kinds contains "text" sees every document that has source text.
ANY_TEXT = "text"


def kinds() -> list[str]:
    return sorted(FORMATS)


def _by_name(path: PurePosixPath, suffix: str) -> str | None:
    """The structured format a file's name alone decides, whatever its content."""
    if dvc_names.is_dvc_file(path):
        return "dvc"
    if evidence_names.is_evidence_file(path):
        return "evidence-records"
    if mlflow_names.is_mlflow_file(path):
        return "mlflow"
    if workflow_names.is_workflow(path):
        return "github-workflow"
    if dockerfile_names.is_dockerfile(path):
        return "dockerfile"
    if great_expectations.role(str(path)) is not None:
        return "gx"
    if declaration_names.is_datacontract(path):
        return "datacontract"
    if declaration_names.is_datasheet(path):
        return "datacard"
    if suffix == ".ipynb":
        return "notebook"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return None


# A binary file under one of these names is malformed JSON (a text file is sniffed first: it
# may be a plan, a provenance record or a model card).
_JSON_SUFFIXES = (".json", ".jsonc", ".json5", ".jsonld", ".tfstate")


def kind_for(entry: FileEntry) -> str | None:
    """The format of a file, from its name first and its content second; None = not loaded."""
    path = PurePosixPath(entry.rel)
    suffix = path.suffix.lower()
    if suffix == ".tf" or entry.rel.lower().endswith(".tf.json"):
        return "terraform"
    # Binary data and model files are analysed by streaming loaders, so they come before the
    # binary check.
    if suffix in model_artifact_names.SUFFIXES:
        return "model-artifact"
    if suffix in tabular.SUFFIXES:
        # OpenLineage keeps run events as JSON Lines too: those are provenance, not data.
        if suffix == ".jsonl" and not entry.binary and provenance.detect(entry) is not None:
            return "provenance"
        return "tabular"
    if suffix in dataset.SUFFIXES:
        return "dataset"
    if entry.binary:
        # NUL bytes: a known binary format is not loaded; under a structured format's name it
        # is that format's parse error; anything else is read as text (its printable runs).
        if sniff.is_known_binary(entry):
            return None
        return _by_name(path, suffix) or ("json" if suffix in _JSON_SUFFIXES else "text")
    if suffix == ".py" and airflow.is_dag(entry):  # no name _by_name knows ends in .py
        return "airflow"
    if suffix == ".py" and pipeline_code.is_pipeline_code(entry):
        return "pipeline-python"
    # Go templates are YAML only once rendered: never parsed as YAML, whatever their name.
    if "templates" in path.parts[:-1] and helm_chart.chart_of_template(entry) is not None:
        return "helm-template"
    named = _by_name(path, suffix)
    if named is not None:
        return named
    if suffix == ".json" and terraform_plan.is_plan_entry(entry):
        return "terraform"  # `terraform show -json` output: the same resource view as .tf files
    # Content sniffing reads at most 8 KiB, and only of candidate names (.json, .md, .ttl, ...).
    if provenance.detect(entry) is not None:
        return "provenance"
    if declaration_names.may_be_dataset_card(path) and declarations.is_dataset_card(entry):
        return "datacard"
    if model_card.detect(entry) is not None:
        return "modelcard"
    if sniff.is_json_lines(entry):
        return "tabular"  # records, one per line, whatever the name (e.g. a dataset's data.json)
    if suffix in (".json", ".jsonc", ".json5", ".tfstate"):
        return "json"
    return "text"
