"""Dockerfiles: what a build fetches, runs and ships.

Remote `ADD` and `curl | sh` run or ship bytes nobody pinned; pip told to trust a host or a
plain-HTTP index installs what the network answers; `COPY . .` into the final stage ships the
datasets and trained weights of the build context unless `.dockerignore` leaves them out; and a
few ML settings turn loading a model or an XCom into running its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from scanner.context import ScanContext
from scanner.docker import context as build
from scanner.docker.dockerfile import Instruction, Stage, from_data
from scanner.documents import Document
from scanner.findings import Hit

_NIST = ("MEASURE 2.7", "GOVERN 6.1", "MANAGE 3.1")
_URL = re.compile(r"^(?:https?|ftp)://|^git@|\.git(?:#\S*)?$", re.I)


def _instructions(doc: Document, *keywords: str) -> Iterator[tuple[Stage, Instruction]]:
    for stage in from_data(doc.data).stages:
        for ins in stage.instructions:
            if ins.keyword in keywords:
                yield stage, ins


class RemoteAdd(build.DockerRule):
    id = "MLC-DOCKER-ADD-001"
    title = "ADD fetches a remote URL without a checksum"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0010.001",)
    description = (
        "An `ADD` instruction downloads a URL or a git repository into the image at build time "
        "with no `--checksum`: whoever controls that server (or, over plain HTTP, the network) "
        "decides what lands in the training or serving image, and the next build may get other bytes. "
        "A git source at a full commit SHA, and a GitHub raw file URL at one "
        "(`https://raw.githubusercontent.com/<owner>/<repo>/<40 hex>/<path>`), are pinned. "
        "Unlike checkov's CKV_DOCKER_4, which reports every ADD, a local `ADD` (a style choice) is "
        "not reported."
    )
    remediation = (
        "Pin the download: `ADD --checksum=sha256:<hex> https://...` (or a git URL at a commit "
        "SHA), or fetch it in a `RUN` step that verifies a checksum; use `COPY` for local files."
    )
    references = ("https://docs.docker.com/reference/dockerfile/#add---checksum",)
    checkov_ids = ("CKV_DOCKER_4",)

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for stage, ins in _instructions(doc, "ADD"):
            if "checksum" in ins.flags:
                continue
            sources = ins.arguments[:-1]
            remote = [s for s in sources if _URL.search(s) and not _pinned_git(s) and not _pinned_raw(s)]
            if remote:
                plain = " over plain HTTP" if any(s.lower().startswith("http://") for s in remote) else ""
                yield Hit(f"stage {stage.label}: ADD downloads {remote[0]!r}{plain} without --checksum", line=ins.line)


def _pinned_git(source: str) -> bool:
    """A git source at a full commit SHA (`...repo.git#<40 hex>`) is pinned."""
    return re.search(r"#[0-9a-f]{40}$", source) is not None


# A file of a GitHub repository at a full commit SHA: the commit fixes the bytes as `.git#<sha>`
# does (a branch or tag in that place still moves).
_RAW_AT_COMMIT = re.compile(
    r"^https://(?:raw\.githubusercontent\.com/[^/\s]+/[^/\s]+|github\.com/[^/\s]+/[^/\s]+/raw)/[0-9a-f]{40}/",
    re.IGNORECASE,
)


def _pinned_raw(source: str) -> bool:
    return _RAW_AT_COMMIT.search(source) is not None


# `curl ... | sh`, `wget -O- ... | sudo bash`, `sh -c "$(curl ...)"`, `bash <(curl ...)`.
_PIPE_TO_SHELL = re.compile(
    r"\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:/(?:usr/)?bin/)?(?:ba|z|da|k)?sh\b"
    r"|\b(?:ba|z|da|k)?sh\s+(?:-c\s+)?[\"']?(?:\$\(|<\()\s*(?:curl|wget)\b"
)


class PipeToShell(build.DockerRule):
    id = "MLC-DOCKER-CURLSH-001"
    title = "RUN pipes a download into a shell"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0010.001",)
    description = (
        "A `RUN` step downloads a script and runs it in one go (`curl ... | sh`, `bash <(wget ...)`). "
        "The script is not pinned or verified: a changed or compromised server runs its code as "
        "the build's user (usually root) in the image that trains or serves the model."
    )
    remediation = (
        "Download to a file, check its SHA-256 against a pinned value (`echo '<sha>  f' | "
        "sha256sum -c`), then run it; or install the tool from a package manager with a pinned version."
    )
    references = ("https://docs.docker.com/build/building/best-practices/#using-pipes",)

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for stage, ins in _instructions(doc, "RUN"):
            if _PIPE_TO_SHELL.search(ins.script):
                yield Hit(f"stage {stage.label}: RUN runs a downloaded script without checking it", line=ins.line)


_TRUSTED_HOST = re.compile(r"--trusted-host[=\s]+(\S+)")
_HTTP_INDEX = re.compile(r"(?:--(?:extra-)?index-url|(?<!\S)-i)[=\s]+[\"']?(http://[^\s\"']+)")
_ENV_SETTING = re.compile(r"\b(PIP_TRUSTED_HOST|PIP_(?:EXTRA_)?INDEX_URL)[=\s]+[\"']?([^\s\"']+)")
_LOCAL = re.compile(r"^(?:https?://)?(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)", re.I)


class InsecurePackageIndex(build.DockerRule):
    id = "MLC-DOCKER-PIP-001"
    title = "pip trusts a host or installs over plain HTTP"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0010.001", "AML.T0011.001")
    description = (
        "A Dockerfile runs `pip install --trusted-host`, points pip at an `http://` index "
        "(`--index-url`, `--extra-index-url`, `-i`) or sets `PIP_TRUSTED_HOST` / an `http://` "
        "`PIP_INDEX_URL`. pip then skips TLS verification for that host, so anyone on the network "
        "path can serve the packages (torch, transformers, the model server) the image runs. "
        "An index on localhost is not reported."
    )
    remediation = (
        "Serve the index over HTTPS with a certificate pip trusts (`--cert` or `PIP_CERT` for a "
        "private CA) and drop `--trusted-host`; pin packages with `--require-hashes`."
    )
    references = ("https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-trusted-host",)
    checkov_ids = ("CKV2_DOCKER_4", "CKV2_DOCKER_16")

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for stage, ins in _instructions(doc, "RUN", "ENV", "ARG"):
            text = ins.script if ins.keyword == "RUN" else ins.value
            found = [f"--trusted-host {m.group(1)}" for m in _TRUSTED_HOST.finditer(text)] if "pip" in text else []
            found += [f"index {m.group(1)}" for m in _HTTP_INDEX.finditer(text)] if "pip" in text else []
            for m in _ENV_SETTING.finditer(text):
                if m.group(1) == "PIP_TRUSTED_HOST" or m.group(2).lower().startswith("http://"):
                    found.append(f"{m.group(1)}={m.group(2)}")
            found = [f for f in found if not _LOCAL.match(f.split()[-1].split("=", 1)[-1])]
            if found:
                yield Hit(f"stage {stage.label}: {ins.keyword} makes pip trust {found[0]!r}", line=ins.line)


# Settings that make loading data or a model run code from it.
_UNSAFE_SETTINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bAIRFLOW__CORE__ENABLE_XCOM_PICKLING[=\s]+[\"']?true\b", re.I),
        "AIRFLOW__CORE__ENABLE_XCOM_PICKLING=True (any task that writes an XCom runs code in every reader)",
    ),
    (
        re.compile(r"\b\w*TRUST_REMOTE_CODE[=\s]+[\"']?(?:1|true|yes|on)\b", re.I),
        "TRUST_REMOTE_CODE enabled (model repositories run their own Python when loaded)",
    ),
    (
        re.compile(r"(?<![\w-])--trust[-_]remote[-_]code\b(?![=\s]+[\"']?(?:false|0)\b)", re.I),
        "--trust-remote-code (model repositories run their own Python when loaded)",
    ),
    (
        re.compile(r"(?<![\w-])--allow[-_]pickle\b|\ballow_pickle\s*=\s*True\b"),
        "pickle loading allowed (a pickled file runs code when loaded)",
    ),
)


class UnsafeModelLoading(build.DockerRule):
    id = "MLC-DOCKER-ML-001"
    title = "Image enables code execution when loading models or data"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("MEASURE 2.7", "MANAGE 3.1", "MAP 4.1")
    atlas = ("AML.T0011.000", "AML.T0010.003")
    description = (
        "An `ENV`, `ARG`, `RUN`, `CMD` or `ENTRYPOINT` turns on a setting that makes loading a "
        "model or data run code from it: Airflow XCom pickling "
        "(`AIRFLOW__CORE__ENABLE_XCOM_PICKLING=True`), Hugging Face `trust_remote_code` "
        "(`TRUST_REMOTE_CODE=1`, `--trust-remote-code` for vLLM / TGI / lm-eval), or pickle "
        "loading (`--allow-pickle`, `allow_pickle=True`). Whoever can publish that model, write "
        "that XCom or swap that file then runs code in the container."
    )
    remediation = (
        "Leave XCom pickling off (JSON-serialisable XComs, or a custom XCom backend); load "
        "models in safetensors format without remote code, or pin the model repository to a "
        "reviewed revision (`--revision <commit>`) when remote code is unavoidable; never load "
        "pickles from a path other people can write to."
    )
    references = (
        "https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#enable-xcom-pickling",
        "https://huggingface.co/docs/transformers/models#custom-models",
    )

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for stage, ins in _instructions(doc, "ENV", "ARG", "RUN", "CMD", "ENTRYPOINT"):
            text = ins.script
            for pattern, what in _UNSAFE_SETTINGS:
                if pattern.search(text):
                    yield Hit(f"stage {stage.label}: {ins.keyword} sets {what}", line=ins.line)
                    break


_WHOLE_CONTEXT = frozenset({".", "./", "*", "./*", "/"})
_SHOWN_FILES = 5


class ContextDataInImage(build.DockerRule):
    id = "MLC-DOCKER-CONTEXT-001"
    title = "Final image copies the whole build context with data or model files in it"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "MAP 4.1", "GOVERN 6.1")
    atlas = ("AML.T0035", "AML.T0048.004")
    description = (
        "The final stage (the image that ships) runs `COPY . .` or `ADD . .` from a build context "
        "that holds datasets or trained weights (`*.csv`, `*.parquet`, `*.pkl`, `*.pt`, "
        "`*.safetensors`, `*.h5`, ...) which `.dockerignore` does not exclude. Training data, "
        "possibly personal, and model files end up in every pull of the serving image. The build "
        "context is taken to be the Dockerfile's directory (what `docker build <dir>` sends); "
        "`<Dockerfile>.dockerignore` beside it wins over the context's `.dockerignore`, as in BuildKit."
    )
    remediation = (
        "List data and model files in `.dockerignore` (`**/*.csv`, `data/`, `models/*.pkl`), or "
        "copy only what the server needs (`COPY src/ ./src/`); fetch model weights from a "
        "registry at deploy time, or copy them explicitly from a build stage when shipping them "
        "is intended."
    )
    references = ("https://docs.docker.com/build/concepts/context/#dockerignore-files",)

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        final = from_data(doc.data).stages[-1]
        copies = [
            i
            for i in final.instructions
            if i.keyword in ("COPY", "ADD") and "from" not in i.flags and _WHOLE_CONTEXT & set(i.arguments[:-1])
        ]
        if not copies:
            return
        files = build.shipped_data(build.context_index(ctx), doc.path)
        if not files:
            return
        shown = ", ".join(files[:_SHOWN_FILES]) + (f" and {len(files) - _SHOWN_FILES} more" if len(files) > 5 else "")
        for ins in copies:
            yield Hit(
                f"final stage {final.label}: {ins.keyword} of the whole build context ships data or model "
                f"files that .dockerignore does not exclude: {shown}",
                line=ins.line,
                properties={"files": files[:100]},
            )


RULES = [RemoteAdd, PipeToShell, InsecurePackageIndex, UnsafeModelLoading, ContextDataInImage]
