"""tfparse and pygohcl in a child process, with a time limit per request.

Both run Go code in-process: a module tfparse cannot finish (evaluation is quadratic in `count`:
4,000 instances of one resource take 12 s, 20,000 never end) would hang the scan, pygohcl takes
68 s over a 4.8 MB heredoc, and deep nesting overflows the Go stack, which aborts the whole
process (SIGABRT; no Python handler runs). One worker serves every file and root module of a
scan (one per role: `hcl` runs pygohcl, `tfparse` tfparse; two Go runtimes in one process
need more address space than a 2 GiB limit allows), one JSON line per request and per answer; a
worker that overruns its limit or dies is killed and replaced, and only that file or module is
lost. A caller may queue requests (submit, then receive in order), so that the worker parses the
next files or modules while the caller works on the answers it has.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import selectors
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import IO, Any

DEFAULT_TIMEOUT = 60.0
PIPE_BYTES = 1 << 20  # Linux's default pipe-max-size
# The Go garbage collector's settings in the workers, unless the environment sets them. Go's
# default (collect when the heap doubles) spent a fifth of tfparse's CPU time on 10,000
# resources. Collecting when it grows 5x, or nears 640 MiB (so that a huge module still fits a
# 2 GiB address-space limit), takes that module's worker from 260 to 470 MB at its peak.
GO_RUNTIME = {"GOGC": "400", "GOMEMLIMIT": "640MiB"}


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
    """One parser worker process. `load` and `parse_hcl` ask and wait; `submit` and `receive` let
    a caller keep several tfparse requests in the worker's queue (answered in order), so that it
    works on one module's answer while the worker evaluates the next modules."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, role: str = "tfparse") -> None:
        self.timeout = timeout
        self.role = role
        self._proc: subprocess.Popen[bytes] | None = None
        self._pending: deque[bytes] = deque()  # requests sent and not answered yet, oldest first
        self._buffer = b""  # what was read past the last answer (the start of the next ones)
        # Work for this process while it waits for an answer: one short step per call, False
        # when there is none left (scan.load_documents: the other files, then the .tf files'
        # secrets, scanner.secrets.terraform.detect_ahead).
        self.idle: Callable[[], bool] | None = None

    def __enter__(self) -> TfparseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        healthy = self._proc is not None and self._proc.poll() is None and not self._pending
        if _keep_alive and healthy and self.role not in _spares:
            _spares[self.role], self._proc = self._proc, None  # healthy: the next module's worker
            return
        self.abandon()

    def close(self) -> None:
        """End the process. Requests it had not answered yet go to the next one, in order."""
        self._buffer = b""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc = None

    def abandon(self) -> None:
        """End the process and forget the requests it had not answered."""
        self._pending.clear()
        self.close()

    def withdraw(self, count: int) -> None:
        """Forget the `count` newest requests: the process is ended (it may be working on one of
        them) and the older unanswered requests go to its successor, in order."""
        for _ in range(count):
            self._pending.pop()
        self.close()

    def load(self, directory: str, var_files: list[str], timeout: float | None = None) -> dict[str, Any]:
        """tfparse.load_from_path(directory, vars_paths=var_files); var files relative to it."""
        assert not self._pending, "load waits for its own answer: receive the submitted ones first"
        self.submit(directory, var_files)
        return self.receive(timeout)

    def submit(self, directory: str, var_files: list[str]) -> None:
        """Queue a `load` request; `receive` gives its answer, after those of earlier requests."""
        self.submit_line(json.dumps({"path": directory, "vars": var_files}).encode() + b"\n")

    @staticmethod
    def hcl_line(text: str, keep_interpolations: bool = False) -> bytes:
        """A `parse_hcl` request, for submit_line (its length tells what it adds to the queue)."""
        return json.dumps({"hcl": text, "keep": keep_interpolations}).encode() + b"\n"

    def fits(self, size: int) -> bool:
        """Whether a request of `size` bytes may be queued now: when nothing is, or when the
        unanswered requests and it fit in the request pipe. Then writing it never waits on a
        worker that is itself waiting for its answers to be read (no deadlock)."""
        if not self._pending:
            return True
        return sum(len(line) for line in self._pending) + size <= _pipe_bytes(self._current()) * 3 // 4

    def submit_line(self, line: bytes) -> None:
        proc = self._current()
        self._pending.append(line)
        assert proc.stdin is not None
        try:
            proc.stdin.write(line)
            proc.stdin.flush()
        except BrokenPipeError:
            if len(self._pending) == 1:
                self._pending.clear()
                self.close()
                raise Crashed("tfparse worker exited") from None
            # The worker died on an earlier request: receive reports it there and sends this one
            # again, to a new worker.

    def receive(self, timeout: float | None = None) -> dict[str, Any]:
        """The answer to the oldest submitted request (as `load`): EvaluationError, GaveUp or
        Crashed for that request only; a worker killed for it takes the later requests to its
        successor. `timeout` runs from now: the worker may have started on the request earlier,
        but never before it answered the one before."""
        answer = self._receive(timeout)
        if "error" in answer:
            raise EvaluationError(answer["error"])
        return answer["ok"]  # type: ignore[no-any-return]

    def receive_hcl(self, timeout: float | None = None) -> dict[str, Any]:
        """The answer to the oldest submitted request, a `parse_hcl` one (see receive)."""
        answer = self._receive(timeout)
        if "syntax" in answer:
            raise HclSyntaxError(answer["syntax"])
        return answer["ok"]  # type: ignore[no-any-return]

    def _receive(self, timeout: float | None) -> dict[str, Any]:
        assert self._pending, "nothing was submitted"
        try:
            return self._answer(self._current(), timeout)
        finally:
            self._pending.popleft()

    def parse_hcl(self, text: str, timeout: float | None = None, keep_interpolations: bool = False) -> dict[str, Any]:
        """pygohcl.loads(text, keep_interpolations); HclSyntaxError when the file is not valid HCL."""
        answer = self._ask({"hcl": text, "keep": keep_interpolations}, timeout)
        if "syntax" in answer:
            raise HclSyntaxError(answer["syntax"])
        return answer["ok"]  # type: ignore[no-any-return]

    def _ask(self, request: dict[str, Any], timeout: float | None) -> dict[str, Any]:
        proc = self.start()
        assert proc.stdin is not None and not self._pending
        try:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise Crashed("tfparse worker exited") from None
        return self._answer(proc, timeout)

    def _answer(self, proc: subprocess.Popen[bytes], timeout: float | None) -> dict[str, Any]:
        assert proc.stdout is not None
        line = self._read_line(proc.stdout, self.timeout if timeout is None else timeout)
        try:
            return json.loads(line)  # type: ignore[no-any-return]
        except RecursionError:  # the inputs' nesting is checked first; this is the backstop
            raise EvaluationError("answer nested too deeply") from None

    def _current(self) -> subprocess.Popen[bytes]:
        """The process to talk to: while requests are pending, the one they went to, even dead
        (the answers it wrote before it died are still in its pipe; its death is reported on the
        request it died on)."""
        if self._proc is not None and self._pending:
            return self._proc
        return self.start()

    def start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self.close()
            spare = _spares.pop(self.role, None)
            self._proc = spare if spare is not None and spare.poll() is None else _spawn(self.role)
            if self._pending:  # what the last worker left unanswered
                assert self._proc.stdin is not None
                try:
                    self._proc.stdin.write(b"".join(self._pending))
                    self._proc.stdin.flush()
                except BrokenPipeError:
                    pass  # dead already: the read of the oldest request tells
        return self._proc

    def _read_line(self, stream: IO[bytes], timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        chunks = [self._buffer]
        self._buffer = b""
        fd = stream.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in chunks[-1]:
                # While the answer is not there yet, this process does its idle work, a step at a
                # time (the answer waits at most one step), never past the deadline; an answer
                # that came during the step that crossed it is still taken.
                worked = False
                while self.idle is not None and time.monotonic() < deadline and not sel.select(0):
                    worked = True
                    if not self.idle():
                        self.idle = None
                left = deadline - time.monotonic()
                if not (sel.select(left) if left > 0 else worked and sel.select(0)):
                    self.close()
                    raise GaveUp(f"gave up after {timeout:g} s")
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    self.close()
                    raise Crashed("tfparse crashed")
                chunks.append(chunk)
        # An answer is one line (no newline inside): what follows it belongs to the next answers.
        line, _, self._buffer = b"".join(chunks).partition(b"\n")
        return line


# Workers started ahead of need (see prestart), by role, taken by the first TfparseWorker of
# that role that starts.
_spares: dict[str, subprocess.Popen[bytes]] = {}


def _spawn(role: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "scanner.terraform.worker", role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**GO_RUNTIME, **os.environ, "PYTHONPATH": _import_root()},
    )
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        # Room for queued requests and their answers while the caller is busy (64 KiB by
        # default: about 4 typical root modules' answers, or 4 files of 15 KB).
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):  # above pipe-max-size: the default works, with less overlap
                fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[union-attr]
    return proc


def _pipe_bytes(proc: subprocess.Popen[bytes]) -> int:
    """What the request pipe holds (64 KiB unless _spawn could raise it)."""
    try:
        return int(fcntl.fcntl(proc.stdin.fileno(), fcntl.F_GETPIPE_SZ))  # type: ignore[union-attr]
    except (AttributeError, OSError):
        return 64 << 10


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
    # Imported now, before the first request: a prestarted worker loads its Go runtime early.
    if role == "hcl":
        import pygohcl as binding
    else:
        import tfparse as binding  # type: ignore[no-redef]
    # tfparse evaluates function calls against the process's working folder (os.DirFS(".")):
    # an empty private folder, so that nothing there can be read.
    with tempfile.TemporaryDirectory(prefix="mlcomply-tfparse-") as empty:
        os.chdir(empty)
        _serve(role, partial(_hcl_json if role == "hcl" else _tfparse_json, binding))


def _tfparse_json(tfparse: Any, request: dict[str, Any]) -> bytes:
    """tfparse.load_from_path's answer as the JSON text its Go code wrote, not decoded: the scan's
    process decodes it once (decoding and re-encoding it here cost as much again)."""
    c_vars = [tfparse.ffi.new("char[]", str(v).encode("utf8")) for v in request["vars"]]
    ret = tfparse.lib.Parse(
        tfparse.ffi.new("char[]", str(request["path"]).encode("utf8")),
        False,  # stop_on_hcl_error, debug, allow_downloads: load_from_path's defaults
        False,
        False,
        tfparse.ffi.new("char[]", b"default"),
        len(c_vars),
        c_vars,
    )
    return _go_answer(tfparse.ffi, ret, tfparse.lib.free, tfparse.ParseError)


def _hcl_json(pygohcl: Any, request: dict[str, Any]) -> bytes:
    """pygohcl.loads's answer as the JSON text its Go code wrote (see _tfparse_json)."""
    ret = pygohcl.lib.Parse(pygohcl.ffi.new("char[]", request["hcl"].encode("utf8")), int(request["keep"]))
    return _go_answer(pygohcl.ffi, ret, pygohcl.lib.FreePtr, pygohcl.HCLParseError)


def _go_answer(ffi: Any, ret: Any, free: Any, error: type[Exception]) -> bytes:
    """The JSON a Go parse returned, or its error raised as `error`: copied out first, then the
    Go strings are handed to `free` when their cffi objects go."""
    if ret.err != ffi.NULL:
        err = ffi.string(ret.err)
        ffi.gc(ret.err, free)
        raise error(err.decode("utf8"))
    raw: bytes = ffi.string(ret.json)
    ffi.gc(ret.json, free)
    return raw


def _passable(raw: bytes) -> bool:
    """Whether the Go code's JSON can go out as it is, inside one answer line: one object on one
    line, in valid UTF-8, as Go's encoder writes it. Anything else is decoded here, as the Python
    wrappers do, so that a bad answer fails here with their error."""
    if not (raw.startswith(b"{") and raw.endswith(b"}")) or b"\n" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _serve(role: str, parse: Any) -> None:
    out = sys.stdout.buffer
    for line in sys.stdin:
        request = json.loads(line)
        failed = "syntax" if role == "hcl" else "error"
        try:
            raw = parse(request)
            if not _passable(raw):
                raw = json.dumps(json.loads(raw)).encode()
            answer = b'{"ok": ' + raw + b"}\n"
        except Exception as exc:  # pygohcl: invalid HCL or an internal error; tfparse reports every failure alike
            answer = (json.dumps({failed: str(exc)}) + "\n").encode()
        out.write(answer)
        out.flush()


if __name__ == "__main__":
    main()
