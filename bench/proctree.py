"""Run a command and measure it as a whole process tree: wall and CPU time, peak RSS, how it ended.

`wait4`'s ru_maxrss is the largest single process, but a scan is a tree (the Terraform worker,
pool workers, git), so a sampler thread also sums the RSS of every live descendant from /proc
every few milliseconds; the peak is the larger of the two. A child between vfork and exec (every
git call) is its parent's memory and is not counted twice. On a timeout the whole process group
is killed, so no orphan keeps running after the measurement.

A sample sees only the processes alive at that moment: a process that lives less than the
interval may fall between two samples (checkov's forked workers on a 3-file scan live 15-30 ms,
and a 20 ms interval caught them in some runs only). bench/run.py's memory runs sample every
millisecond for that reason. A forked child's copy-on-write pages count in its RSS as in its
parent's; `pss=True` also sums the proportional set sizes, where they count once in all.

Linux keeps in a process's ru_maxrss the peak of the address space it leaves at exec: a child
started from this process reports at least this process's own peak (a benchmark that generated
a large tree in-process made every small command look 210 MiB). So ru_maxrss counts only when it
is above the peak of this process's address space (VmHWM); below it, it may be ours, and the
samples decide.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mib: float
    returncode: int | None  # None: killed by the timeout
    stdout: str
    stderr: str
    # user + system seconds of the process and every descendant it waited for (wait4's rusage)
    cpu_seconds: float = 0.0
    # The peak of the summed proportional set sizes (PSS: a page shared by n processes counts
    # 1/n in each), when asked for: None otherwise.
    peak_pss_mib: float | None = None


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:
        pass  # the process ended between two reads
    return kids


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


_SYS_KCMP = {"x86_64": 312, "aarch64": 272}.get(os.uname().machine)
_KCMP_VM = 1
_LIBC = ctypes.CDLL(None, use_errno=True)


def same_memory(a: int, b: int) -> bool:
    """Whether processes `a` and `b` share one address space: a child between vfork() and
    exec() (how Python's subprocess and posix_spawn start a command) runs in its parent's
    memory, and /proc shows it the parent's whole RSS. kcmp(2) tells; False where it cannot."""
    if _SYS_KCMP is None:
        return False
    return int(_LIBC.syscall(_SYS_KCMP, a, b, _KCMP_VM, 0, 0)) == 0


def _pss_bytes(pid: int) -> int:
    """The process's proportional set size. Reading it walks the page tables (milliseconds for a
    large process), so it is sampled only when asked for."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_rss(pid: int, size: Callable[[int], int] = _rss_bytes) -> int:
    """The summed resident memory of `pid` and all its descendants, in bytes; a child still in
    its parent's address space (vfork before exec) is the parent's memory, counted once.
    `size` measures one process (`_pss_bytes` for the PSS sum)."""
    total, todo, seen = 0, [(pid, None)], set()
    while todo:
        p, parent = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        if parent is None or not same_memory(parent, p):
            total += size(p)
        todo.extend((c, p) for c in _children(p))
    return total


def _own_peak_kib() -> int:
    """The peak RSS of this process's address space (VmHWM), what a child it starts may carry
    in its ru_maxrss. Not this process's ru_maxrss: that one holds its own parent's peak too."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _capture() -> IO[str]:
    return tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")


def run_measured(
    cmd: Sequence[str],
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    interval: float = 0.02,
    preexec_fn: Callable[[], None] | None = None,
    pss: bool = False,
) -> Measured:
    """Run `cmd`, sampling its tree's RSS every `interval` seconds until it ends or times out;
    with `pss`, its summed PSS too."""
    with _capture() as out, _capture() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdout=out,
            stderr=err,
            start_new_session=True,  # its own process group, so a timeout can end every descendant
            preexec_fn=preexec_fn,
        )
        peak, peak_pss, code, cpu = 0, 0, None, 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                # The biggest single process counts too, if it peaked between two samples.
                if usage.ru_maxrss > _own_peak_kib():
                    peak = max(peak, usage.ru_maxrss * 1024)
                cpu = usage.ru_utime + usage.ru_stime
                break
            peak = max(peak, tree_rss(proc.pid))
            if pss:
                peak_pss = max(peak_pss, tree_rss(proc.pid, _pss_bytes))
            if time.perf_counter() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                os.waitpid(proc.pid, 0)
                break
            time.sleep(interval)
        proc.returncode = code if code is not None else -signal.SIGKILL  # Popen must not reap it again
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        pss_mib = peak_pss / 2**20 if pss else None
        return Measured(seconds, peak / 2**20, code, out.read(), err.read(), cpu, pss_mib)
