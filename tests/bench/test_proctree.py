"""bench/proctree.py: the memory of a process tree, each address space counted once."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.scripts import load_script

proctree = load_script("bench/proctree.py")
# A child that holds 64 MiB of its own until its stdin closes.
HOLDER = "import sys; b = bytearray(64 << 20); b[::4096] = b'x' * len(b[::4096]); sys.stdin.read()"


def test_same_memory_tells_a_shared_address_space_from_a_child_of_its_own() -> None:
    assert proctree.same_memory(os.getpid(), os.getpid())
    child = subprocess.Popen(["sleep", "5"])
    try:
        assert not proctree.same_memory(os.getpid(), child.pid)
    finally:
        child.kill()
        child.wait()


def test_tree_rss_counts_a_child_with_its_own_memory() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {HOLDER!r}])"],
        stdin=subprocess.PIPE,
    )
    try:
        for _ in range(1000):  # until the grandchild holds its memory (a hang guard, not a timing)
            grand = [g for k in proctree._children(parent.pid) for g in proctree._children(k) or [k]]
            if grand and max(proctree._rss_bytes(g) for g in grand) > 64 << 20:
                break
            time.sleep(0.01)
        alone = proctree._rss_bytes(parent.pid)
        assert proctree.tree_rss(parent.pid) >= alone + (64 << 20)
    finally:
        parent.stdin.close()  # type: ignore[union-attr]
        parent.wait()


def test_a_small_child_of_a_large_process_is_measured_small() -> None:
    """A child's ru_maxrss holds the peak of the address space it left at exec (its parent's,
    after vfork): run_measured takes it only above its own address space's peak (VmHWM), not
    above its own ru_maxrss, which holds its parent's peak in turn (the test run's, in CI).
    Measured from a process started by a 300 MiB one, as pytest is after thousands of tests."""
    inner = f"""
import runpy, sys
proctree = runpy.run_path({str(proctree.__file__)!r})
spike = [sys.executable, "-c", "b = bytearray(96 << 20); b[::4096] = b'x' * len(b[::4096])"]
print(proctree["run_measured"](spike, 60, interval=2).peak_rss_mib)  # between two samples
big = bytearray(300 << 20)
big[::4096] = b"x" * len(big[::4096])
print(proctree["run_measured"](["true"], 60).peak_rss_mib)
"""
    outer = f"""
import subprocess, sys
big = bytearray(300 << 20)
big[::4096] = b"x" * len(big[::4096])
sys.stdout.write(subprocess.run([sys.executable, "-c", {inner!r}], capture_output=True, text=True, check=True).stdout)
"""
    out = subprocess.run([sys.executable, "-c", outer], capture_output=True, text=True, check=True).stdout
    spike, small = (float(x) for x in out.split())
    assert spike >= 96  # the child's own peak, which no sample saw
    assert small < 100  # not the 300 MiB of the process that started it


def test_pss_is_measured_only_when_asked_for() -> None:
    holder = [sys.executable, "-c", HOLDER.replace("sys.stdin.read()", "import time; time.sleep(0.3)")]
    assert proctree.run_measured(holder, 60).peak_pss_mib is None
    got = proctree.run_measured(holder, 60, interval=0.01, pss=True)
    assert got.peak_pss_mib is not None
    # The child's 64 MiB are its own: its PSS holds them whole, and never exceeds its RSS.
    assert 64 <= got.peak_pss_mib <= got.peak_rss_mib
