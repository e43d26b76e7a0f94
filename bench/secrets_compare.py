"""Our detector, detect-secrets and checkov on the same labelled samples (secrets_sources.py):
recall on the secrets and false positives on the negatives, per corpus and per ML provider.

A sample is one file; a tool finds it when it reports anything in that file (the same rule for
every tool, and the one the gitleaks corpus benchmark uses). Samples labelled as secrets that no
credential can look like (secrets_sources.MISLABELLED, each with its reason) are left out and
counted on their own line; `--misses` lists every miss by provider, every false positive and
every sample left out."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import secrets_sources
from secrets_corpus import is_stub, is_template
from secrets_sources import Sample

from scanner.secrets.detect import detect

GITLEAKS_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "reference" / "secrets-corpus-gitleaks.json"
# The providers ML code holds keys for, as the three corpora name their rules and detectors.
ML_PROVIDERS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in (
        ("Hugging Face", r"^hugging"),
        ("OpenAI", r"^openai"),
        ("Anthropic", r"^anthropic"),
        ("Azure OpenAI", r"^azure_?openai"),
        ("W&B", r"^(weightsandbiases|wandb)"),
        ("Cohere", r"^cohere"),
        ("Replicate", r"^replicate"),
        ("Mistral", r"^mistral"),
        ("Together", r"^together"),
        ("Pinecone", r"^pinecone"),
        ("Databricks", r"^databricks"),
        ("Kaggle", r"^kaggle"),
        ("Comet", r"^comet(ml)?$|^comet-"),
        ("LangSmith", r"^lang(smith|chain)"),
        ("AWS", r"^aws"),
        ("GCP", r"^(gcp|google)"),
        ("Azure", r"^azure(?!_?openai)"),
    )
}


def ml_provider(provider: str) -> str | None:
    return next((name for name, pattern in ML_PROVIDERS.items() if pattern.search(provider)), None)


def ours(samples: Sequence[Sample], _dir: Path) -> list[bool]:
    return [bool(detect(s.text, "sample.txt")) for s in samples]


def _write(samples: Sequence[Sample], where: Path) -> list[Path]:
    paths = []
    for i, s in enumerate(samples):
        path = where / f"s{i:05d}.txt"
        path.write_text(s.text + "\n", encoding="utf-8", errors="surrogatepass")
        paths.append(path)
    return paths


def detect_secrets(samples: Sequence[Sample], where: Path) -> list[bool]:
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    out = []
    with default_settings():
        for path in _write(samples, where):
            found = SecretsCollection()
            found.scan_file(str(path))
            out.append(bool(list(found)))
    return out


def checkov(binary: str) -> Callable[[Sequence[Sample], Path], list[bool]]:
    def run(samples: Sequence[Sample], where: Path) -> list[bool]:
        paths = _write(samples, where)
        proc = subprocess.run(
            [
                binary,
                "-d",
                str(where),
                "--framework",
                "secrets",
                "--enable-secret-scan-all-files",
                "-o",
                "json",
                "--quiet",
                "--skip-download",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        reports = json.loads(proc.stdout or "[]")
        flagged = set()
        for report in reports if isinstance(reports, list) else [reports]:
            for check in report.get("results", {}).get("failed_checks", []):
                flagged.add(Path(check["file_path"]).name)
        return [p.name in flagged for p in paths]

    return run


def _row(label: str, samples: Sequence[Sample], results: dict[str, list[bool]], index: list[int]) -> str:
    cells = []
    for hits in results.values():
        tps = [i for i in index if samples[i].secret]
        fps = [i for i in index if not samples[i].secret]
        found = sum(hits[i] for i in tps)
        bad = sum(hits[i] for i in fps)
        recall = f"{found}/{len(tps)} {found / len(tps):4.0%}" if tps else "-"
        cells.append(f"{recall:>16} {bad:>5}/{len(fps):<5}")
    return f"{label:<28}" + "".join(cells)


def _print_misses(samples: Sequence[Sample], found: list[bool], excluded: list[tuple[Sample, str]]) -> None:
    """Every miss grouped by corpus and provider (largest groups first), every false positive,
    and the samples left out with the reason."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i, s in enumerate(samples):
        if s.secret and not found[i]:
            groups[(s.corpus, s.provider)].append(s.text)
    for (corpus, provider), texts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ml = ml_provider(provider)
        print(f"MISS {corpus}/{provider}{f' [{ml}]' if ml else ''}: {len(texts)}")
        for text in texts:
            print(f"    {text.strip()[:150]!r}")
    for i, s in enumerate(samples):
        if not s.secret and found[i]:
            print(f"FP   {s.corpus}/{s.provider}: {s.text.strip()[:150]!r}")
    for s, why in excluded:
        print(f"LEFT OUT {s.corpus}/{s.provider} ({why}): {s.text.strip()[:100]!r}")


def compare_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="secrets_corpus.py")
    parser.add_argument("--noseyparker", type=Path)
    parser.add_argument("--trufflehog", type=Path)
    parser.add_argument("--gitleaks", type=Path, default=GITLEAKS_CORPUS, help="the gitleaks-derived corpus JSON")
    parser.add_argument("--others", action="store_true", help="also run detect-secrets and checkov")
    parser.add_argument("--checkov", default="checkov")
    parser.add_argument("--misses", action="store_true", help="print all misses, FPs and left-out samples")
    parser.add_argument("--json", type=Path, help="write per-sample results here")
    args = parser.parse_args(argv)

    # The gitleaks corpus leaves out regex templates and generator stubs, as its own benchmark does.
    samples: list[Sample] = [
        s
        for s in secrets_sources.gitleaks(json.loads(args.gitleaks.read_text(encoding="utf-8")))
        if not (s.secret and (is_template(s.text) or is_stub(s.text)))
    ]
    if args.noseyparker:
        samples += secrets_sources.noseyparker(args.noseyparker)
    if args.trufflehog:
        samples += secrets_sources.trufflehog(args.trufflehog)
    excluded = [(s, why) for s in samples if (why := secrets_sources.mislabelled(s)) is not None]
    samples = [s for s in samples if secrets_sources.mislabelled(s) is None]
    tools: dict[str, Callable[[Sequence[Sample], Path], list[bool]]] = {"mlcomply": ours}
    if args.others:
        tools["detect-secrets"] = detect_secrets
        tools["checkov"] = checkov(args.checkov)
    results: dict[str, list[bool]] = {}
    for name, tool in tools.items():
        with tempfile.TemporaryDirectory() as tmp:
            results[name] = tool(samples, Path(tmp))

    header = f"{'':<28}" + "".join(f"{name:>16} {'FP':>11}" for name in results)
    print(header)
    by_corpus: dict[str, list[int]] = defaultdict(list)
    by_ml: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(samples):
        by_corpus[s.corpus].append(i)
        ml = ml_provider(s.provider)
        if ml is not None:
            by_ml[ml].append(i)
    for corpus, index in by_corpus.items():
        print(_row(corpus, samples, results, index))
    print(_row("noseyparker + trufflehog", samples, results, by_corpus["noseyparker"] + by_corpus["trufflehog"]))
    print(_row("all", samples, results, list(range(len(samples)))))
    print("\nML-relevant providers (all three corpora)")
    for name in ML_PROVIDERS:
        if by_ml.get(name):
            print(_row(name, samples, results, by_ml[name]))
    missing = [name for name in ML_PROVIDERS if not any(samples[i].secret for i in by_ml.get(name, []))]
    print(f"(no labelled secret in any corpus: {', '.join(missing) or 'none'})")
    print(f"({len(excluded)} samples labelled as secrets left out as mislabelled; --misses lists them)")
    if args.misses:
        _print_misses(samples, results["mlcomply"], excluded)
    if args.json:
        rows = [
            {
                "corpus": s.corpus,
                "provider": s.provider,
                "secret": s.secret,
                "text": s.text,
                **{k: v[i] for k, v in results.items()},
            }
            for i, s in enumerate(samples)
        ]
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0
