"""Recall and false positives of the secrets detector on the gitleaks-derived corpus.

    python bench/secrets_corpus.py [CORPUS.json]
    python bench/secrets_corpus.py --noseyparker NP_REPO --trufflehog TH_REPO [--others] [--misses]

The second form reads labelled samples from noseyparker's and trufflehog's own test data (see
secrets_sources.py; give a bare mirror or a checkout of each) together with the gitleaks corpus,
and prints recall and false positives per corpus and per ML-relevant provider; `--others` runs
detect-secrets (installed in the same environment) and checkov (`--checkov PATH`) on the same
samples in the same run, one file per sample.

The corpus maps a gitleaks rule name to known secrets (`tps`) and known non-secrets (`fps`).
Left out of recall: `tps` that are regex templates (`[a-z0-9]{32}`) and generator stubs (the
literal half of a string concatenation whose generated half is not in the corpus, e.g.
`adobeClient := "p8e-`). A sample counts as found when any detection fires on it; a `fps`
sample counts as a false positive when any detection fires, except (reported separately) when
the flagged value is a well-formed token of a *different* provider type than the one the sample
was written against, or a format-valid key that gitleaks suppresses only by an allowlist of
literal values (published SDK test keys), which no format can tell apart from a live key.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scanner.secrets.detect import Detection, detect

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "reference" / "secrets-corpus-gitleaks.json"
_REGEX_TEMPLATE = re.compile(r"\[[^\]]*\]\{|\]\{\d|\{\d+,\d*\}|\\/|\(\?|\[a-z|\[0-9|%s")
# The corpus type each of our token types answers for (to tell cross-type hits apart).
_OUR_TYPES = {
    "anthropic-api-key": {"anthropic-api-key"},
    "anthropic-admin-api-key": {"anthropic-admin-key"},
    "gcp-api-key": {"gcp-api-key"},
}


def is_template(sample: str) -> bool:
    return _REGEX_TEMPLATE.search(sample) is not None


def is_stub(sample: str) -> bool:
    """The literal half of a concatenation whose generated half is not in the corpus: ends at an
    assignment, inside a just-opened quote, at a bare query parameter prefix, or at a URL prefix."""
    s = sample.rstrip()
    if len(s) < 16 or (re.search(r"[:=]$", s) and not re.search(r"[A-Za-z0-9+/]{16}={1,3}$", s)):
        return True
    if s.count('"') % 2 == 1 and re.search(r'[=:(\s]"[^\s"]{0,14}$', s):
        return True
    if re.search(r"[?&][A-Za-z]{1,10}=[A-Za-z0-9]{0,4}$", s):
        return True
    return re.search(r"(?:^|//)[\w.-]+/(?:services|workflows|triggers|webhookb2)/$", s) is not None


@dataclass
class TypeResult:
    name: str
    tps: int = 0
    found: int = 0
    left_out: int = 0
    fps: int = 0
    false_positives: int = 0
    format_valid: int = 0  # fps hits that are well-formed tokens (see module docstring)
    detected_as: set[str] = field(default_factory=set)
    misses: list[str] = field(default_factory=list)
    fp_samples: list[str] = field(default_factory=list)


def _format_valid(corpus_type: str, hits: Iterable[Detection]) -> bool:
    ours = _OUR_TYPES.get(corpus_type)
    return ours is not None and all(h.family != "generic" and h.family != "uri" for h in hits)


def evaluate(corpus: dict[str, dict[str, list[str]]]) -> list[TypeResult]:
    results = []
    for name, entry in corpus.items():
        r = TypeResult(name)
        for sample in entry.get("tps", []):
            if is_template(sample) or is_stub(sample):
                r.left_out += 1
                continue
            r.tps += 1
            hits = detect(sample, "sample.txt")
            if hits:
                r.found += 1
                r.detected_as.update(h.type_id for h in hits)
            else:
                r.misses.append(sample)
        for sample in entry.get("fps", []):
            r.fps += 1
            hits = detect(sample, "sample.txt")
            if not hits:
                continue
            if _format_valid(name, hits):
                r.format_valid += 1
            else:
                r.false_positives += 1
                r.fp_samples.append(f"{sample[:70]!r} -> {sorted({h.type_id for h in hits})}")
        results.append(r)
    return results


def totals(results: list[TypeResult]) -> dict[str, float]:
    tps = sum(r.tps for r in results)
    found = sum(r.found for r in results)
    fps = sum(r.fps for r in results)
    bad = sum(r.false_positives for r in results)
    return {
        "tps": tps,
        "found": found,
        "recall": found / tps if tps else 1.0,
        "fps": fps,
        "false_positives": bad,
        "fp_rate": bad / fps if fps else 0.0,
        "format_valid": sum(r.format_valid for r in results),
        "left_out": sum(r.left_out for r in results),
    }


def main(argv: list[str]) -> int:
    if any(a.startswith("--") for a in argv):
        from secrets_compare import compare_main

        return compare_main(argv)
    path = Path(argv[0]) if argv else DEFAULT_CORPUS
    results = evaluate(json.loads(path.read_text(encoding="utf-8")))
    print(f"{'type':<40} {'recall':>10} {'FP':>7} {'fmt-ok':>6}  detected as")
    for r in results:
        if not r.tps and not r.fps:
            continue
        recall = f"{r.found}/{r.tps}" if r.tps else "-"
        print(
            f"{r.name:<40} {recall:>10} {r.false_positives:>3}/{r.fps:<3} {r.format_valid:>6}  "
            f"{','.join(sorted(r.detected_as))}"
        )
        for m in r.misses:
            print(f"    MISS {m[:90]!r}")
        for f in r.fp_samples:
            print(f"    FP   {f}")
    t = totals(results)
    print(
        f"\nrecall {t['found']}/{t['tps']} = {t['recall']:.1%} ({t['left_out']} template/stub tps left out); "
        f"false positives {t['false_positives']}/{t['fps']} = {t['fp_rate']:.1%} "
        f"(+{t['format_valid']} format-valid keys the corpus allowlists by value or files under another type)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
