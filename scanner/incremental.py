"""The incremental path: load only what can change the findings of a few named files.

`--files-only` (the pre-commit hook) reports on the files it names, yet their findings can depend
on other files: a root module calling the changed module, the lock file beside a `dvc.yaml`, the
provenance records paired with a model card, the kustomizations above a manifest, the chart a
template renders in. Each family of formats and rules declares that context here, as a function
(listing index, named file) -> the files to load with it; the walk stats and sniffs only those,
the scan loads and evaluates only their documents, and the filter stage keeps the named files'
findings as before.

Contract: for a named file F, the findings on F are those of a whole-repository scan, provided
every rule reads only (a) its own document, (b) the listing, which is whole when a rule on F
reads it beyond its context (`reads_listing`: the model card, provenance and data rules), (c)
the documents a family below declares for F, or (d) bytes on disk through the guarded open. The
built-in rules do (tests/test_incremental.py compares both paths on generated repositories); a
user's Python rule (`--rules-dir`) is not known to, so a ruleset holding one loads everything.

Families and what they read beyond the file itself:
- Terraform: the roots whose calls reach the file's module folder and every folder they reach
  (terraform.component; the whole call component when a caller outside may mark one sensitive).
- DVC: `dvc.yaml`, `dvc.lock` and `params.yaml` of the same folder (pipeline vs lock rules).
- Model cards and provenance records: every card and record (pairing by folder, and "the only
  card and the only record belong together" counts them all).
- Data and model files: every DVC file (outputs a pipeline covers), every model card and every
  README.md (public benchmark datasets a card or dataset card names).
- Data files and data contracts: every Great Expectations file (MLC-GX-002: a personal-data
  column or field that no suite of the repository checks).
- Dockerfiles: the whole listing (the data files their build context ships, .dockerignore).
- YAML: every kustomization (image transforms of the overlays that include a manifest), and
  the whole chart when the file lies in a Helm chart (its templates render together; a values
  file is judged against the rendered templates).
- Files naming a bucket (pipeline code and configs, GX stores, data contracts, DVC files, code
  pinning objects): the Terraform roots whose views can hold a bucket resource, when the file
  holds a URI or a bucket or container key (bucket_context); no Terraform otherwise.
Whole-repository-only: none of the built-in rules.

A diff scan (`--diff-base`) asks the other way round: which findings can the changed files
change? `affected` answers with the files whose findings are judged again on both sides (the
rest are the merge base's findings by construction, so the diff gate would mark them as present
there): the Terraform views the change reaches (every finding of them), the changed files, and
the documents that read them (every card and record, DVC, MLflow file and Dockerfile, since
they hash, read or list other files; the whole chart; every YAML file when a kustomization changes; every
data file when a DVC file, a card, a README or `.gitattributes` changes; every data file and data
contract when a Great Expectations file changes). A finding in a shared
module is judged only for the calling roots the merge-base scan loaded (`judged_at_base`). Only
the merge-base side is incremental: the working tree's output lists every finding.
"""

from __future__ import annotations

import ast
import posixpath
import re
import weakref
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from scanner import formats
from scanner.artifacts import names as model_artifact
from scanner.builtin import builtin_dir
from scanner.consent import names as declaration_names
from scanner.docker import names as dockerfile
from scanner.dvc import names as dvc
from scanner.kubernetes import KUSTOMIZATION_NAMES
from scanner.lazy import lazy_module
from scanner.mlflow import names as mlflow
from scanner.rulesets import RuleSet
from scanner.terraform import component
from scanner.walk import FileEntry, Listing, TreeReader, bom_encoding, entry_for

# The families' loaders, imported when a named file is of their kind (see scanner.lazy).
dataset = lazy_module("scanner.data.dataset")
tabular = lazy_module("scanner.data.tabular")
charts = lazy_module("scanner.helm.chart")
great_expectations = lazy_module("scanner.gx.load")
model_cards = lazy_module("scanner.modelcard.load")

DATA_KINDS = frozenset({"tabular", "dataset", "model-artifact"})
MODEL_KINDS = frozenset({"modelcard", "provenance"})
LISTING_READERS = MODEL_KINDS | DATA_KINDS | {"dockerfile"}
# Names that may hold a model card or a provenance record; kind_for decides among them.
_MODEL_SUFFIXES = (".md", ".json", ".jsonl", ".jsonld", ".ttl", ".rdf", ".owl")


class RepoIndex:
    """The listed names, with a file's entry built (and its format decided) at most once: the
    incremental path stats and sniffs only the files it looks at."""

    def __init__(self, root: Path, rels: Iterable[str], entries: Iterable[FileEntry] = ()) -> None:
        self.root = root
        self.rels = set(rels)
        self._entries: dict[str, FileEntry | None] = {e.rel: e for e in entries}
        self._kinds: dict[str, str | None] = {}
        self._texts: dict[str, str] = {}  # the call graph and the bucket index read the same files
        self._reader: TreeReader | None = None

    @classmethod
    def of(cls, listing: Listing) -> RepoIndex:
        return cls(listing.root, (e.rel for e in listing.files), listing.files)

    def entry(self, rel: str) -> FileEntry | None:
        if rel not in self._entries:
            self._entries[rel] = entry_for(self.root, rel, []) if rel in self.rels else None
        return self._entries[rel]

    def kind(self, rel: str) -> str | None:
        if rel not in self._kinds:
            entry = self.entry(rel)
            try:
                self._kinds[rel] = None if entry is None else formats.kind_for(entry)
            except Exception:  # the scan reports it when it loads the file
                self._kinds[rel] = None
        return self._kinds[rel]

    def kind_or_none(self, rel: str) -> str | None:
        """The format of `rel`, or None when it is not listed (a file the change deleted)."""
        return self.kind(rel) if rel in self.rels else None

    def of_kinds(self, kinds: Collection[str], could_be: Callable[[str], bool]) -> set[str]:
        """Every listed file of one of `kinds`; `could_be(rel)` must hold for each of them and
        spares sniffing the content of the others."""
        return {rel for rel in self.rels if could_be(rel) and self.kind(rel) in kinds}

    def named(self, names: Collection[str]) -> set[str]:
        return {rel for rel in self.rels if posixpath.basename(rel) in names}

    def read(self, rel: str) -> str:
        """A listed file's text, through the guarded open (no link followed, never out of the root)."""
        if rel not in self._texts:
            if self._reader is None:
                self._reader = TreeReader(self.root)
                weakref.finalize(self, self._reader.close)  # its folders stay open while it is used
            raw = self._reader.read(rel)
            self._texts[rel] = raw.decode(bom_encoding(raw) or "utf-8", "replace")
        return self._texts[rel]


Context = Callable[[RepoIndex, Sequence[str]], "set[str] | None"]


def terraform_context(index: RepoIndex, named: Sequence[str], diff: bool = False) -> set[str] | None:
    sources = sorted(rel for rel in index.rels if component.is_terraform_source(rel))
    return component.component(sources, named, index.read, diff)


def dvc_context(index: RepoIndex, named: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for rel in named:
        if dvc.is_dvc_file(PurePosixPath(rel)) or posixpath.basename(rel) == "params.yaml":
            here = posixpath.dirname(rel)
            out |= {posixpath.join(here, n) for n in ("dvc.yaml", "dvc.lock", "params.yaml")} & index.rels
    return out


def _could_be_model_doc(rel: str) -> bool:
    name = posixpath.basename(rel).lower()
    return name.endswith(_MODEL_SUFFIXES) or name in model_cards.CARD_NAMES


def model_context(index: RepoIndex, named: Sequence[str]) -> set[str]:
    if not any(index.kind(rel) in MODEL_KINDS for rel in named):
        return set()
    return index.of_kinds(MODEL_KINDS, _could_be_model_doc)


def data_context(index: RepoIndex, named: Sequence[str]) -> set[str]:
    if not any(index.kind(rel) in DATA_KINDS for rel in named):
        return set()
    dvc_files = {rel for rel in index.rels if dvc.is_dvc_file(PurePosixPath(rel))}
    readmes = {rel for rel in index.rels if posixpath.basename(rel).lower() == "readme.md"}
    return dvc_files | readmes | index.of_kinds({"modelcard"}, _could_be_model_doc)


# What MLC-GX-002 reports on: a data file's personal-data column or a data contract's personal
# field that no expectation of any of the repository's suites checks.
GX_CHECKED_KINDS = frozenset({"tabular", "datacontract"})


def _gx_files(index: RepoIndex) -> set[str]:
    return {rel for rel in index.rels if great_expectations.role(rel) is not None}


def _could_be_checked_by_gx(rel: str) -> bool:
    return _could_be_data(rel) or declaration_names.is_datacontract(PurePosixPath(rel))


def gx_context(index: RepoIndex, named: Sequence[str]) -> set[str]:
    """Every Great Expectations file, for a named data file or data contract: whether one of
    their columns is checked depends on every suite (and the rule runs only where GX is in use)."""
    if not any(index.kind(rel) in GX_CHECKED_KINDS for rel in named):
        return set()
    return _gx_files(index)


def _chart_files(index: RepoIndex, rel: str) -> set[str]:
    """Every listed file of the top chart holding `rel`, or nothing outside a chart."""
    parts = PurePosixPath(rel).parts
    for i in range(len(parts) - 1, -1, -1):
        folder = "/".join(parts[:i])
        if charts.joined(folder, charts.CHART_FILE) in index.rels and charts.is_chart(index.root, folder):
            top = charts.top_chart(index.root, folder)
            prefix = f"{top}/" if top else ""
            return {r for r in index.rels if r.startswith(prefix)}
    return set()


def yaml_context(index: RepoIndex, named: Sequence[str]) -> set[str]:
    out: set[str] = set()
    kustomize = False
    for rel in named:
        if rel.lower().endswith((".yaml", ".yml")) or posixpath.basename(rel) in KUSTOMIZATION_NAMES:
            kustomize = True
        out |= _chart_files(index, rel)
    if out or kustomize:
        out |= index.named(KUSTOMIZATION_NAMES)
    return out


# Kinds with rules that join a bucket named in them to the repository's Terraform (public,
# unencrypted, versioned or expiring buckets: pipelines, Feast, Great Expectations, pinned
# objects in code and DVC files, data contracts).
BUCKET_JOIN_KINDS = frozenset({"pipeline-python", "yaml", "json", "gx", "text", "datacontract", "dvc", "airflow"})
# What a file must contain to name a bucket the way the bucket-joining rules read one (pipeline
# storage, Feast, Great Expectations stores, pinned objects, data contracts, DVC remotes): a URI
# (`s3://`, `gs://`, `abfss://`...), or a key or argument naming a bucket or container
# (`bucket:`, `s3_bucket=`, `container:`; not `containers:`, which every Kubernetes workload has).
_NAMES_BUCKET = re.compile(r"://|bucket|container(?!s)", re.IGNORECASE)
# Terraform resource types the bucket indexes read (scanner.terraform.buckets,
# scanner.pipelines.buckets): buckets and what attaches to them (ACL, policy, versioning,
# lifecycle, encryption, IAM members), all named with one of these prefixes; a backslash may
# escape a label (`\u005f`), so a file holding one counts too.
_DECLARES_BUCKET = re.compile(r"aws_s3_bucket|google_storage_bucket|\\")
# A larger named file is taken as naming a bucket without reading it (a data or model file).
_BUCKET_READ_CAP = 4 << 20


def names_bucket(index: RepoIndex, rel: str) -> bool:
    """Whether the named file `rel` may name a bucket (see _NAMES_BUCKET); when unsure, yes."""
    entry = index.entry(rel)
    if entry is None or entry.size > _BUCKET_READ_CAP:
        return entry is not None
    try:
        text = index.read(rel)
    except OSError:
        return False  # unreadable: the scan reports it, and no rule reads it
    if _NAMES_BUCKET.search(text):
        return True
    if rel.endswith(".py"):
        # Python decodes escapes and joins adjacent literals ("s3:/" "/data"): read its string
        # literals as the pipeline loader does (parsed, never run).
        return _python_literals_name_bucket(text)
    return "\\" in text  # an escape (JSON, YAML) may spell any of them


def _python_literals_name_bucket(text: str) -> bool:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and _NAMES_BUCKET.search(n.value) is not None
        for n in ast.walk(tree)
    )


def bucket_context(index: RepoIndex, named: Sequence[str]) -> set[str] | None:
    """The Terraform the bucket indexes of a full scan are built from, when a named file may
    name a bucket: the roots whose views can hold a bucket resource (a folder declaring one,
    every root reaching it, all they reach), in the same order as a full load, so every index
    (first declaration of a name wins) is the full scan's. Other roots add nothing to them."""
    if not any(index.kind(rel) in BUCKET_JOIN_KINDS and names_bucket(index, rel) for rel in named):
        return set()
    sources = sorted(rel for rel in index.rels if component.is_terraform_source(rel))
    declaring = [rel for rel in sources if _declares_bucket(index, rel)]
    if not declaring:
        return set()
    return component.component(sources, declaring, index.read)


def _declares_bucket(index: RepoIndex, rel: str) -> bool:
    try:
        return _DECLARES_BUCKET.search(index.read(rel)) is not None
    except OSError:
        return False  # the Terraform loader reports it


# One line per family: what must be loaded with the named files for their findings to be exact.
CONTEXTS: dict[str, Context] = {
    "buckets": bucket_context,
    "terraform": terraform_context,
    "dvc": dvc_context,
    "model": model_context,
    "data": data_context,
    "gx": gx_context,
    "yaml": yaml_context,
}


def _could_be_data(rel: str) -> bool:
    suffix = PurePosixPath(rel).suffix.lower()
    return suffix in _data_suffixes() or suffix == ".json"


@lru_cache(maxsize=1)
def _data_suffixes() -> frozenset[str]:
    return frozenset(tabular.SUFFIXES | dataset.SUFFIXES | model_artifact.SUFFIXES)


def affected(listing: Listing, changed: Sequence[str]) -> tuple[set[str], set[str]] | None:
    """For a diff scan: (the files whose findings a change to `changed` may change, the
    Terraform files whose views it may change); None: judge everything again."""
    index = RepoIndex.of(listing)
    tf = terraform_context(index, changed, diff=True)
    if tf is None:
        return None
    present = [rel for rel in changed if rel in index.rels]
    out = set(present) | tf
    out |= index.of_kinds(MODEL_KINDS, _could_be_model_doc)  # they hash files they name
    out |= {rel for rel in index.rels if dvc.is_dvc_file(PurePosixPath(rel))}  # they hash data
    out |= {rel for rel in index.rels if mlflow.is_mlflow_file(PurePosixPath(rel))}  # env files
    out |= {rel for rel in index.rels if dockerfile.is_dockerfile(PurePosixPath(rel))}  # build context
    out |= dvc_context(index, present)
    for rel in present:
        out |= _chart_files(index, rel)
    if index.named(KUSTOMIZATION_NAMES) & set(changed):
        out |= {rel for rel in index.rels if rel.lower().endswith((".yaml", ".yml"))}
    if any(great_expectations.role(rel) is not None for rel in changed):  # MLC-GX-002's columns and fields
        out |= index.of_kinds(GX_CHECKED_KINDS, _could_be_checked_by_gx)
    readers = {rel for rel in changed if dvc.is_dvc_file(PurePosixPath(rel)) or index.kind_or_none(rel) == "modelcard"}
    if readers or any(posixpath.basename(rel).lower() in ("readme.md", ".gitattributes") for rel in changed):
        out |= index.of_kinds(DATA_KINDS, _could_be_data)
    return out, tf


def only_builtin_rules(ruleset: RuleSet) -> bool:
    """Every Python rule is a built-in one, whose reads the families above declare."""
    rules_dir = builtin_dir("rules").resolve()
    # The module's path, not the rule's class: asking the class would import every rule module.
    return all(loaded.path.resolve().is_relative_to(rules_dir) for loaded in ruleset.python)


def focus_rels(root: Path, paths: Iterable[Path]) -> list[str]:
    """The named files, relative to the scan root."""
    rels = set()
    for p in paths:
        absolute = p.resolve()
        if absolute.is_relative_to(root):
            rels.add(absolute.relative_to(root).as_posix())
    return sorted(rels)


def needed(index: RepoIndex, named: Sequence[str]) -> set[str] | None:
    """The files to load for the findings of `named` to be exact; None: load everything."""
    named = [rel for rel in named if rel in index.rels]
    out = set(named)
    for family in CONTEXTS.values():
        extra = family(index, named)
        if extra is None:
            return None
        out |= extra
    return out


def reads_listing(index: RepoIndex, named: Sequence[str]) -> bool:
    """Whether a rule on `named` reads the listing beyond the files it loads: the model card and
    provenance rules (files a record names, a license beside a card), the data rules (LFS), the
    Dockerfile rules (the data files of the build context, its .dockerignore)."""
    return any(index.kind_or_none(rel) in LISTING_READERS for rel in named)


class Selection:
    """The --files-only walk's `select`: which names to stat and sniff (walk.list_files), and
    which of the listed files to load. Everything when a rule's reads are not declared."""

    def __init__(self, ruleset: RuleSet, paths: Iterable[Path]) -> None:
        self.builtin = only_builtin_rules(ruleset)
        self.paths = list(paths)
        self.wanted: set[str] | None = None

    def plan(self, index: RepoIndex) -> set[str] | None:
        """What the walk must list (None: every file); sets `wanted`, what to load."""
        if not self.builtin:
            return None
        named = [rel for rel in focus_rels(index.root, self.paths) if rel in index.rels]
        self.wanted = needed(index, named)
        return None if self.wanted is None or reads_listing(index, named) else self.wanted

    def __call__(self, root: Path, rels: Sequence[str]) -> set[str] | None:
        return self.plan(RepoIndex(root, rels))

    def restrict(self, listing: Listing) -> Listing:
        if self.wanted is None:
            return listing
        return replace(listing, files=tuple(e for e in listing.files if e.rel in self.wanted))


def restricted(listing: Listing, ruleset: RuleSet, paths: Iterable[Path]) -> Listing:
    """The part of a whole listing to load for the findings of the files `paths`."""
    selection = Selection(ruleset, paths)
    selection.plan(RepoIndex.of(listing))
    return selection.restrict(listing)


@dataclass(frozen=True)
class DiffPlan:
    listing: Listing  # what to load
    judged: frozenset[str]  # the files whose findings and errors the scan keeps


def for_change(
    listing: Listing, ruleset: RuleSet, changed: Sequence[str], rejudge: Collection[str] = ()
) -> DiffPlan | None:
    """What a diff scan loads and keeps when `changed` (repo-relative, deleted files included)
    is what changed since the merge base; `rejudge`: files the other side found affected (a
    module the change newly calls is affected in the working tree only). None: everything."""
    if not only_builtin_rules(ruleset):
        return None
    found = affected(listing, changed)
    if found is None:
        return None
    judged, tf = found
    index = RepoIndex.of(listing)
    judged |= set(rejudge) & index.rels
    wanted = needed(index, sorted(judged - tf))
    if wanted is None:
        return None
    wanted |= tf
    files = tuple(e for e in listing.files if e.rel in wanted)
    return DiffPlan(replace(listing, files=files), frozenset(judged))


def judged_at_base(judged: Collection[str], path: str, properties: Iterable[tuple[str, Any]]) -> bool:
    """Whether an incremental merge-base scan that judged the files `judged` judged a finding
    on `path`. A finding in a shared module names its calling root (`caller`): it was judged
    only if that root was loaded, since the module's other callers were not."""
    if path not in judged:
        return False
    caller = dict(properties).get("caller")
    return caller is None or caller in _folders(frozenset(judged))


@lru_cache(maxsize=4)
def _folders(judged: frozenset[str]) -> frozenset[str]:
    return frozenset(component.folder(rel) for rel in judged)
