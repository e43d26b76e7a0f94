"""MLflow projects, models and local run stores: pinned environments, signatures, dataset lineage."""

from __future__ import annotations

import posixpath
import re
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import yaml

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.mlflow import env_pins
from scanner.pyrules import PythonRule
from scanner.walk import lstat_in_root, open_in_root

_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
MAX_ENV_BYTES = 1 << 20


def _name(doc: Document) -> str:
    return PurePosixPath(doc.path).name


class ProjectEnvironmentNotPinned(PythonRule):
    id = "MLC-MLFLOW-001"
    title = "MLproject environment not pinned"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("GOVERN 6.1", "MAP 4.1", "MEASURE 2.5")
    atlas = ("AML.T0010.001",)
    description = (
        "An MLflow `MLproject` declares no environment (it then runs in whatever Python is "
        "installed), uses a Docker image not pinned by digest, or points at a `conda.yaml` / "
        "`python_env.yaml` whose dependencies are not pinned to exact versions. The same "
        "project can then train a different model on every run."
    )
    remediation = (
        "Declare `python_env: python_env.yaml` (or `conda_env`) with exact `==` pins (e.g. from "
        "`pip freeze` or `mlflow.pyfunc.get_default_pip_requirements`), or a Docker image "
        "`@sha256:` digest."
    )
    input_kinds = ("mlflow",)
    references = ("https://mlflow.org/docs/latest/projects.html#specifying-an-environment",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        data = doc.data
        if _name(doc) != "MLproject" or not isinstance(data, dict):
            return
        docker = data.get("docker_env")
        if isinstance(docker, dict):
            image = str(docker.get("image", ""))
            if not _DIGEST.search(image):
                yield Hit(f"docker_env image {image!r} is not pinned by digest", pointer=("docker_env", "image"))
            return
        for key, kind in (("python_env", "python"), ("conda_env", "conda")):
            if isinstance(data.get(key), str):
                yield from self._env_file(doc, ctx, key, kind)
                return
        yield Hit("MLproject declares no environment (python_env, conda_env or docker_env)", key="no-env")

    def _env_file(self, doc: Document, ctx: ScanContext, key: str, kind: str) -> Iterable[Hit]:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(doc.path), doc.data[key]))
        try:
            with open_in_root(ctx.root, rel) as fh:  # never a link, never out of the repository
                raw = fh.read(MAX_ENV_BYTES + 1)
        except OSError:
            yield Hit(f"{key} file {doc.data[key]!r} is not in the repository", pointer=(key,))
            return
        if len(raw) > MAX_ENV_BYTES:
            return
        try:
            env = yaml.safe_load(raw.decode("utf-8", errors="replace"))
        except yaml.YAMLError:
            yield Hit(f"{key} file {rel} is not valid YAML", pointer=(key,))
            return
        loose = env_pins.unpinned(env, kind)
        if loose:
            shown = ", ".join(loose[:5]) + (f" and {len(loose) - 5} more" if len(loose) > 5 else "")
            yield Hit(f"{rel} leaves {shown} unpinned", pointer=(key,))


class ModelWithoutSignature(PythonRule):
    id = "MLC-MLFLOW-002"
    title = "MLflow model has no signature"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.9", "MAP 2.2")
    atlas_none = "an input schema documents the model; it prevents or detects no ATLAS technique"
    description = (
        "An `MLmodel` file records no `signature`: the model's expected inputs and outputs are "
        "undocumented, and serving cannot reject malformed or mistyped requests."
    )
    remediation = (
        "Log the model with a signature, e.g. `mlflow.sklearn.log_model(model, 'model', "
        "signature=infer_signature(X_train, model.predict(X_train)))` or `input_example=`."
    )
    input_kinds = ("mlflow",)
    references = ("https://mlflow.org/docs/latest/model/signatures.html",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if _name(doc) != "MLmodel" or not isinstance(doc.data, dict):
            return
        signature = doc.data.get("signature")
        if not isinstance(signature, dict) or not signature.get("inputs"):
            pointer = ("signature",) if "signature" in doc.data else None
            yield Hit("MLmodel has no input signature", pointer=pointer, key="signature")


class RunDatasetWithoutLineage(PythonRule):
    id = "MLC-MLFLOW-003"
    title = "MLflow run input dataset without digest or source"
    severity = "medium"
    category = "provenance"
    nist_ai_rmf = ("MEASURE 2.8", "MAP 4.1", "MEASURE 2.1")
    atlas = ("AML.T0010.002", "AML.T0020")
    description = (
        "A dataset logged as a run input in a local `mlruns/` store has no `digest` or no "
        "`source`, or a run input points to a dataset the store does not hold: the run cannot be "
        "tied to the exact data it used."
    )
    remediation = (
        "Log inputs with `mlflow.log_input(mlflow.data.from_pandas(df, source=<uri>), "
        "context='training')`, which records both the source and a content digest."
    )
    input_kinds = ("mlflow",)
    references = ("https://mlflow.org/docs/latest/python_api/mlflow.data.html",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        parts = PurePosixPath(doc.path).parts
        data = doc.data if isinstance(doc.data, dict) else {}
        if len(parts) >= 3 and parts[-3] == "datasets" and _name(doc) == "meta.yaml":
            name = data.get("name", "?")
            for field in ("digest", "source"):
                value = data.get(field)
                if not value or (isinstance(value, str) and value.strip() in ("", "{}", "null")):
                    pointer = (field,) if field in data else None
                    yield Hit(f"dataset {name!r} has no {field}", pointer=pointer, key=field)
        elif len(parts) >= 3 and parts[-3] == "inputs" and data.get("source_type") == "DATASET":
            # mlruns/<experiment>/<run>/inputs/<id>/meta.yaml -> <experiment>/datasets/<source_id>
            experiment = posixpath.join(*parts[:-4]) if len(parts) >= 5 else ""
            target = posixpath.join(experiment, "datasets", str(data.get("source_id")), "meta.yaml")
            if not _is_regular_file(ctx.root, target):
                yield Hit("run input refers to a dataset missing from the store", pointer=("source_id",))


def _is_regular_file(root: Path, rel: str) -> bool:
    """Whether `root/rel` is a regular file, without following a link on the way."""
    try:
        return stat.S_ISREG(lstat_in_root(root, rel).st_mode)
    except OSError:
        return False


RULES = [ProjectEnvironmentNotPinned, ModelWithoutSignature, RunDatasetWithoutLineage]
