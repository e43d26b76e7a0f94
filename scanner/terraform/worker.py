"""tfparse and pygohcl in a child process, with a time limit per request.

Both run Go code in-process: a module tfparse cannot finish (evaluation is quadratic in `count`:
4,000 instances of one resource take 12 s, 20,000 never end) would hang the scan, pygohcl takes
68 s over a 4.8 MB heredoc, and deep nesting overflows the Go stack, which aborts the whole
process (SIGABRT; no Python handler runs). One worker serves every file and root module of a
scan (one per role: `hcl` runs pygohcl, `tfparse` tfparse; two Go runtimes in one process
need more address space than a 2 GiB limit allows), one JSON line per request and per answer; a
worker that overruns its limit or dies is killed and replaced, and only that file or module is
lost.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from typing import IO, Any

DEFAULT_TIMEOUT = 60.0


class EvaluationError(Exception):
    """A module tfparse could not evaluate; `kind` is its scan error kind (documents.ERROR_KINDS):
    parse for tfparse's diagnostics, limit for the time limit, internal for a crashed worker."""

    def __init__(self, message: str, kind: str = "parse") -> None:
        super().__init__(message)
        self.kind = kind


class GaveUp(EvaluationError):
    """The request overran its time limit; the worker was killed."""

    def __init__(self, message: str, kind: str = "limit") -> None:
        super().__init__(message, kind)


class Crashed(EvaluationError):
    """The worker died on the request (a Go panic or stack overflow)."""

    def __init__(self, message: str, kind: str = "internal") -> None:
        super().__init__(message, kind)


class HclSyntaxError(Exception):
    """pygohcl rejected the file; the message is pygohcl's, with its position."""


ROLES = ("hcl", "tfparse")


class TfparseWorker:
    def __init__(self, timeout: float = DEFAULT_TIMEOUT, role: str = "tfparse") -> None:
        self.timeout = timeout
        self.role = role
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> TfparseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        if _keep_alive and self._proc is not None and self._proc.poll() is None and self.role not in _spares:
            _spares[self.role], self._proc = self._proc, None  # healthy: the next module's worker
            return
        self.close()

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc = None

    def load(self, directory: str, var_files: list[str], timeout: float | None = None) -> dict[str, Any]:
        """tfparse.load_from_path(directory, vars_paths=var_files); var files relative to it."""
        answer = self._ask({"path": directory, "vars": var_files}, timeout)
        if "error" in answer:
            raise EvaluationError(answer["error"])
        return answer["ok"]  # type: ignore[no-any-return]

    def parse_hcl(self, text: str, timeout: float | None = None, keep_interpolations: bool = False) -> dict[str, Any]:
        """pygohcl.loads(text, keep_interpolations); HclSyntaxError when the file is not valid HCL."""
        answer = self._ask({"hcl": text, "keep": keep_interpolations}, timeout)
        if "syntax" in answer:
            raise HclSyntaxError(answer["syntax"])
        return answer["ok"]  # type: ignore[no-any-return]

    def _ask(self, request: dict[str, Any], timeout: float | None) -> dict[str, Any]:
        proc = self.start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise Crashed("tfparse worker exited") from None
        line = self._read_line(proc.stdout, self.timeout if timeout is None else timeout)
        try:
            return json.loads(line)  # type: ignore[no-any-return]
        except RecursionError:  # the inputs' nesting is checked first; this is the backstop
            raise EvaluationError("answer nested too deeply") from None

    def start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            spare = _spares.pop(self.role, None)
            self._proc = spare if spare is not None and spare.poll() is None else _spawn(self.role)
        return self._proc

    def _read_line(self, stream: IO[bytes], timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        fd = stream.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.close()
                    raise GaveUp(f"gave up after {timeout:g} s")
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    self.close()
                    raise Crashed("tfparse crashed")
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    return b"".join(chunks)


# Workers started ahead of need (see prestart), by role, taken by the first TfparseWorker of
# that role that starts.
_spares: dict[str, subprocess.Popen[bytes]] = {}


def _spawn(role: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "scanner.terraform.worker", role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": _import_root()},
    )


# Set by a process that loads many units of modules in a row (a scan's worker process, see
# terraform.spread): a worker that finished its requests is kept for the next unit, not killed.
_keep_alive = False


def keep_alive() -> None:
    global _keep_alive
    if not _keep_alive:
        from multiprocessing import util

        # A pool worker leaves by os._exit, past atexit: multiprocessing's finalizers still run.
        util.Finalize(None, close_spares, exitpriority=10)
    _keep_alive = True


def close_spares() -> None:
    """End the kept workers and reap them (an orphan would linger as a zombie)."""
    while _spares:
        _, proc = _spares.popitem()
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def prestart() -> None:
    """Start a worker now, so that its start-up (~70 ms: an interpreter and tfparse's Go runtime)
    overlaps the caller's own (loading the rules) instead of following it. A worker nobody takes
    exits when this process does: its stdin closes and its request loop ends."""
    for role in ROLES:
        if role not in _spares:
            _spares[role] = _spawn(role)


def _import_root() -> str:
    # The worker must import this same `scanner`, wherever it was imported from.
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)


def main() -> None:
    import tempfile

    role = sys.argv[1] if len(sys.argv) > 1 else "tfparse"
    parse: Any
    if role == "hcl":
        import pygohcl

        parse = pygohcl.loads
    else:
        import tfparse

        parse = tfparse.load_from_path
    # tfparse evaluates function calls against the process's working folder (os.DirFS(".")):
    # an empty private folder, so that nothing there can be read.
    with tempfile.TemporaryDirectory(prefix="mlcomply-tfparse-") as empty:
        os.chdir(empty)
        _serve(role, parse)


def _serve(role: str, parse: Any) -> None:
    for line in sys.stdin:
        request = json.loads(line)
        answer: dict[str, Any]
        if role == "hcl":
            try:
                answer = {"ok": parse(request["hcl"], keep_interpolations=request["keep"])}
            except Exception as exc:  # pygohcl raises HCLParseError and ValueError
                answer = {"syntax": str(exc)}
        else:
            try:
                answer = {"ok": parse(request["path"], vars_paths=request["vars"])}
            except Exception as exc:  # tfparse reports every evaluation failure as a generic error
                answer = {"error": str(exc)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
