"""Runs through scanner.org.runner: resuming an interrupted run, and Dask giving the same results."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from scanner.org.history import History
from scanner.org.outcome import RepoOutcome
from scanner.org.runner import Settings, run
from scanner.org.sources import find_repos
from tests.conftest import S3_ONLY
from tests.org.conftest import make_org


def _settings(tmp_path: Path, scheduler: str | None = None) -> Settings:
    return Settings(str(tmp_path / "org"), 2, scheduler, tmp_path / "cache", 60.0, "high", Path(S3_ONLY[1]))


class _InterruptedAfter(History):
    """Ctrl-C arriving once `n` repositories were recorded."""

    def __init__(self, path: Path, n: int) -> None:
        super().__init__(path)
        self.n = n

    def record(self, run_id: int, outcome: RepoOutcome) -> None:
        super().record(run_id, outcome)
        self.n -= 1
        if self.n == 0:
            raise KeyboardInterrupt


def _rows(db: Path) -> dict[str, tuple]:
    history = History(db)
    try:
        return {
            r["repo"]: (r["run_id"], r["recorded"], r["high"]) for r in history.conn.execute("SELECT * FROM repo_runs")
        }
    finally:
        history.close()


def test_resume_skips_finished_repositories(tmp_path: Path) -> None:
    make_org(tmp_path / "org")
    specs = find_repos(tmp_path / "org")
    db = tmp_path / "h.sqlite"
    interrupted = _InterruptedAfter(db, 2)
    with pytest.raises(KeyboardInterrupt):
        run(specs, interrupted, _settings(tmp_path), resume=False, progress=False)
    interrupted.close()
    before = _rows(db)
    assert len(before) == 2

    history = History(db)
    summary = run(specs, history, _settings(tmp_path), resume=True, progress=False)
    assert summary.resumed and summary.run_id == 1 and summary.skipped == 2
    assert {o.name for o in summary.outcomes} == {s.name for s in specs} - set(before)
    assert history.finished_runs(5)[-1]["id"] == 1
    history.close()
    after = _rows(db)
    assert set(after) == {s.name for s in specs}
    assert {k: after[k] for k in before} == before  # the finished ones were not scanned again

    # Nothing left to resume: --resume then starts a new run.
    history = History(db)
    again = run(specs, history, _settings(tmp_path), resume=True, progress=False)
    history.close()
    assert not again.resumed and again.run_id == 2 and len(again.outcomes) == len(specs)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _table(db: Path, run_id: int) -> dict[str, tuple]:
    history = History(db)
    try:
        rows = {
            r["repo"]: (r["status"], r["commit_sha"], *(r[s] for s in ("critical", "high", "medium", "low", "info")))
            for r in history.repo_runs(run_id)
        }
        nist = sorted(tuple(r) for r in history.nist_statuses(run_id))
        findings = sorted(
            tuple(r[1:]) for r in history.conn.execute("SELECT * FROM findings WHERE run_id = ?", (run_id,))
        )
        return {"repos": rows, "nist": nist, "findings": findings}
    finally:
        history.close()


def test_dask_local_cluster_gives_the_same_results_as_the_process_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is the optional org extra")
    make_org(tmp_path / "org")
    specs = find_repos(tmp_path / "org")
    pool_db, dask_db = tmp_path / "pool.sqlite", tmp_path / "dask.sqlite"
    history = History(pool_db)
    run(specs, history, _settings(tmp_path), resume=False, progress=False)
    history.close()

    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        scheduler_port=_free_port(),
        dashboard_address=None,
    ) as cluster:
        history = History(dask_db)
        summary = run(specs, history, _settings(tmp_path, cluster.scheduler_address), resume=False, progress=False)
        history.close()
    assert all(o.status == "ok" for o in summary.outcomes), [o.error for o in summary.outcomes]
    pool, dask = _table(pool_db, 1), _table(dask_db, 1)
    assert len(pool["findings"]) == 13
    assert dask == pool
