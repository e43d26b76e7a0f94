"""Public benchmark datasets: personal data in them is published already, so a committed copy is
reported at a lower severity, with the reason, never dropped.

A data file is a public benchmark when its file name is on the allow list below (each entry says
what the dataset is), when a model card of the scan declares it in `datasets:` (matched by the
id's last segment), or when a Hugging Face dataset card (a README.md whose front matter has
`dataset_info`, `task_categories`, ...) sits in its folder or a parent folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.modelcard.load import NOT_MODEL_KEYS
from scanner.modelcard.markdown import split_front_matter

# Normalised file-name stem (lowercase, letters and digits only) -> what the dataset is.
BENCHMARKS: dict[str, str] = {
    "iris": "Fisher's Iris flower data (UCI, 1936)",
    "titanic": "Kaggle's Titanic passenger list",
    "mnist": "MNIST handwritten digits",
    "fashionmnist": "Zalando's Fashion-MNIST",
    "cifar10": "CIFAR-10 images",
    "cifar100": "CIFAR-100 images",
    "yellowtaxidata": "NYC TLC yellow taxi trip records (public open data)",
    "yellowtripdata": "NYC TLC yellow taxi trip records (public open data)",
    "greentaxidata": "NYC TLC green taxi trip records (public open data)",
    "greentripdata": "NYC TLC green taxi trip records (public open data)",
    "nyctaxi": "NYC TLC taxi trip records (public open data)",
    "taxidata": "NYC TLC taxi trip records (public open data)",
    "adult": "UCI Adult (census income)",
    "censusincome": "UCI Adult (census income)",
    "winequality": "UCI Wine Quality",
    "winequalityred": "UCI Wine Quality",
    "winequalitywhite": "UCI Wine Quality",
    "diabetes": "scikit-learn / UCI diabetes data",
    "breastcancer": "UCI Breast Cancer Wisconsin",
    "californiahousing": "California housing (StatLib, scikit-learn)",
    "bostonhousing": "Boston housing (StatLib)",
    "heartdisease": "UCI Heart Disease",
    "germancredit": "UCI Statlog German Credit",
    "creditg": "UCI Statlog German Credit (OpenML credit-g)",
    "bankmarketing": "UCI Bank Marketing",
    "penguins": "Palmer penguins",
    "autompg": "UCI Auto MPG",
    "abalone": "UCI Abalone",
    "covertype": "UCI Covertype",
    "higgs": "UCI HIGGS",
    "imdb": "IMDb movie reviews (Maas et al.)",
    "sst2": "Stanford Sentiment Treebank",
    "glue": "GLUE benchmark",
    "squad": "Stanford Question Answering Dataset",
    "bikesharing": "UCI Bike Sharing",
    "creditcardfraud": "ULB credit card fraud (PCA features, Kaggle)",
    "creditdefault": "UCI default of credit card clients",
    "newsgroup": "20 Newsgroups (Lang, 1995)",
    "newsgroups": "20 Newsgroups (Lang, 1995)",
    "20newsgroups": "20 Newsgroups (Lang, 1995)",
}
# Names too common as plain words to name a benchmark when they only appear in a folder name
# (an AWS Glue job folder is not GLUE).
_FOLDER_AMBIGUOUS = frozenset({"glue", "adult", "diabetes", "imdb", "higgs"})
# Dataset cards have these keys, model cards do not (the same list the card loader uses).
_DATASET_CARD = NOT_MODEL_KEYS
_SPLITS = re.compile(r"(?:train|test|valid|validation|eval|dev|sample|small|full|clean|raw|data)$")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _stem_keys(path: str) -> Iterable[str]:
    """The file's stem, and the stem without a split suffix (`iris_train` -> `iris`)."""
    stem = _norm(PurePosixPath(path).name.split(".", 1)[0])
    yield stem
    while (cut := _SPLITS.sub("", stem)) != stem and cut:
        stem = cut
        yield stem


def _declared_in_cards(ctx: ScanContext) -> set[str]:
    names: set[str] = set()
    for card in ctx.documents_of("modelcard"):
        meta = card.data.get("metadata") if isinstance(card.data, dict) else None
        raw = meta.get("datasets") if isinstance(meta, dict) else None
        for item in raw if isinstance(raw, list) else [raw]:
            if isinstance(item, str) and item.strip():
                names.add(_norm(item.rstrip("/").rsplit("/", 1)[-1]))
    return names


def _dataset_card_folders(ctx: ScanContext) -> set[str]:
    folders: set[str] = set()
    # Dataset cards are loaded as `datacard`; a README.md the card sniffing missed is text.
    for doc in (*ctx.documents_of("datacard"), *ctx.documents_of("text")):
        if PurePosixPath(doc.path).name.lower() != "readme.md" or not doc.text:
            continue
        block, _ = split_front_matter(doc.text[:8192])
        if block is not None and _DATASET_CARD.search("\n".join(block)):
            folders.add(str(PurePosixPath(doc.path).parent))
    return folders


def why_public(path: str, ctx: ScanContext, extra: dict[str, str]) -> str | None:
    """Why the data file at `path` is a public benchmark, or None. `extra` is the rule option
    `public_datasets` (normalised stem -> reason) from the trusted config."""
    known = {**BENCHMARKS, **{_norm(k): v for k, v in extra.items()}}
    keys = list(_stem_keys(path))
    for key in keys:
        if key in known:
            return f"public benchmark dataset: {known[key]}"
    if _SPLITS.fullmatch(keys[-1]):  # a generic name (train_data.csv, valid.csv): the folders say which dataset
        for folder in PurePosixPath(path).parent.parts:
            for word in re.split(r"[^a-z0-9]+", folder.lower()):
                if word in known and word not in _FOLDER_AMBIGUOUS:
                    return f"public benchmark dataset: {known[word]} (named by the folder {folder!r})"
    declared = _declared_in_cards(ctx)
    for key in keys:
        if key in declared:
            return "a public dataset a model card of this repository declares in `datasets`"
    folders = _dataset_card_folders(ctx)
    parent = PurePosixPath(path).parent
    for folder in (parent, *parent.parents):
        if str(folder) in folders:
            return f"published with a dataset card ({PurePosixPath(folder, 'README.md')})"
    return None
