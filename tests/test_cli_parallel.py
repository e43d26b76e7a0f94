"""`--jobs` and the Terraform results cache, end to end: the real command line on a generated
repository with many root modules and every document kind must write the same bytes whatever
the number of workers and whether the cache was cold, warm or off."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scanner.integrity.results_digest import FIELD as DIGEST
from scanner.terraform.spread import MIN_UNITS_FOR_POOL
from tests.conftest import REPO_ROOT, run_cli, write_files
from tests.many_roots import many_roots, rules_folders

ROOTS = MIN_UNITS_FOR_POOL + 4  # enough for the pool to start


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The repository and the options every scan here uses: a user policy and a Python rule that
    fail on some roots, and a budget that one Terraform file exceeds."""
    where = tmp_path_factory.mktemp("many")
    repo = many_roots(where / "repo", ROOTS)
    policies, rules = rules_folders(where)
    config = where / "config.yaml"
    config.write_text("budgets:\n  max_hcl_bytes: 2000\n")
    return repo, ["--config", str(config), "--policy-dir", str(policies), "--rules-dir", str(rules)]


def _scan(repo: Path, options: list[str], out: Path, *extra: str) -> tuple[bytes, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    sarif, results = out / "r.sarif", out / "r.json"
    proc = run_cli("scan", repo, *options, "--sarif-output", sarif, "--json-output", results, "-q", *extra)
    assert proc.returncode == 2, proc.stderr  # the failing policy is an engine error
    assert "Traceback" not in proc.stderr, proc.stderr
    return sarif.read_bytes(), _without_timing(results.read_bytes())


def _without_timing(results: bytes) -> bytes:
    doc = json.loads(results)
    doc.get("summary", {}).pop("seconds", None)
    doc.pop("seconds", None)
    return json.dumps(doc, sort_keys=True).encode()


def test_jobs_give_the_bytes_of_one_process(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    one = _scan(repo, options, tmp_path / "one", "--jobs", "1", "--no-cache")
    two = _scan(repo, options, tmp_path / "two", "--jobs", "2", "--no-cache")
    assert two == one
    text = one[1].decode()
    # What the comparison covers: findings from workers, every error kind the repo plants.
    for expected in ('"kind": "limit"', '"kind": "parse"', '"kind": "engine"', '"kind": "internal"'):
        assert expected in text
    assert "MLC-USER-010" in text and "stacks/s019" in text


def test_warm_cache_gives_the_cold_results(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    plain = _scan(repo, options, tmp_path / "plain", "--jobs", "1", "--no-cache")
    cache = tmp_path / "cache"
    cold = _scan(repo, options, tmp_path / "cold", "--jobs", "2", "--cache-dir", str(cache))
    entries = sorted(cache.rglob("*.json"))
    assert entries, "the cold scan stored nothing"
    warm = _scan(repo, options, tmp_path / "warm", "--jobs", "1", "--cache-dir", str(cache))
    assert cold == plain and warm == plain
    # One entry per root module, and one for broken/ (a parse error is stored like a result);
    # big/ is not stored: a `limit` error may depend on time.
    assert len(entries) == ROOTS + 1


def test_no_cache_writes_nothing(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    xdg = tmp_path / "xdg"
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli("scan", repo, *options, "--no-cache", "-q", env={"XDG_CACHE_HOME": str(xdg)})
    assert proc.returncode == 2, proc.stderr
    assert not xdg.exists()
    proc = run_cli("scan", repo, *options, "-q", env={"XDG_CACHE_HOME": str(xdg)})
    assert list((xdg / "mlcomply").rglob("*.json")), "the default cache folder was not used"


def test_changes_invalidate(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    """A changed module file, variable file or policy gives the results of an uncached scan."""
    _, options = setup
    repo = many_roots(tmp_path / "repo", 3)
    policies = Path(options[options.index("--policy-dir") + 1])
    mine = tmp_path / "policies"
    mine.mkdir()
    (mine / "boom.rego").write_text((policies / "boom.rego").read_text())
    options = [*options[:2], "--policy-dir", str(mine), *options[4:]]
    cache = tmp_path / "cache"
    _scan(repo, options, tmp_path / "first", "--cache-dir", str(cache))
    changes = [
        lambda: write_files(repo, {"stacks/s001/modules/storage/main.tf": 'resource "aws_s3_bucket" "b" {}\n'}),
        lambda: write_files(repo, {"stacks/s001/terraform.tfvars": 'env = "dev"\nsg_name = "77"\n'}),
        lambda: (mine / "boom.rego").write_text((mine / "boom.rego").read_text().replace("group %v", "grp %v")),
    ]
    for n, change in enumerate(changes):
        before = _scan(repo, options, tmp_path / f"b{n}", "--cache-dir", str(cache))
        change()
        after = _scan(repo, options, tmp_path / f"a{n}", "--cache-dir", str(cache))
        plain = _scan(repo, options, tmp_path / f"p{n}", "--no-cache")
        assert after == plain, n
        assert after != before, n


def test_concurrent_scans_share_a_cache(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    plain = _scan(repo, options, tmp_path / "plain", "--jobs", "1", "--no-cache")
    cache = tmp_path / "cache"
    procs = []
    for n in range(2):
        out = tmp_path / f"c{n}"
        out.mkdir()
        args = ["scan", str(repo), *options, "--cache-dir", str(cache), "-q"]
        args += ["--sarif-output", str(out / "r.sarif"), "--json-output", str(out / "r.json"), "--jobs", "1"]
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        procs.append(subprocess.Popen([sys.executable, "-m", "scanner", *args], env=env, stdout=subprocess.DEVNULL))
    for proc in procs:
        assert proc.wait(timeout=300) == 2
    for n in range(2):
        out = tmp_path / f"c{n}"
        assert ((out / "r.sarif").read_bytes(), _without_timing((out / "r.json").read_bytes())) == plain
    warm = _scan(repo, options, tmp_path / "warm", "--cache-dir", str(cache))
    assert warm == plain


def test_cache_folder_inside_the_scanned_tree_is_not_used(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    proc = run_cli("scan", repo, *options, "-q", "--cache-dir", repo / ".cache")
    assert "inside the scanned tree" in proc.stderr
    assert not (repo / ".cache").exists()


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    proc = run_cli("scan", tmp_path, "--jobs", "0")
    assert proc.returncode == 2
    assert "at least 1" in proc.stderr


def test_diff_scan_with_a_cache_judges_like_one_without(tmp_path: Path) -> None:
    """The branch's scan fills the cache before the merge base is scanned with it: the base's
    results (what counts as new) must still be the base's own."""
    from tests.conftest import git

    repo = many_roots(tmp_path / "repo", 3)
    git(repo, "checkout", "-q", "-b", "change")
    # The change makes one root's bucket unencrypted and adds a root.
    write_files(repo, {"stacks/s001/main.tf": (repo / "stacks/s001/main.tf").read_text().replace("true", "false")})
    write_files(repo, {"added/main.tf": 'resource "aws_s3_bucket" "new" {\n  bucket = "n"\n}\n'})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    cache = tmp_path / "cache"
    outputs = []
    for extra in (["--no-cache"], ["--cache-dir", str(cache)], ["--cache-dir", str(cache)]):
        out = tmp_path / f"out{len(outputs)}.json"
        proc = run_cli("scan", repo, "--diff-base", "main", "--json-output", out, "-q", "--jobs", "2", *extra)
        assert "Traceback" not in proc.stderr, proc.stderr
        outputs.append(_without_timing(out.read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    new = [f for f in json.loads(outputs[0])["findings"] if f.get("suppression") is None]
    assert {f["path"] for f in new} >= {"added/main.tf"}


def _pool_workers(pid: int) -> list[int]:
    """The scan's pool workers: its children started by multiprocessing's spawn (by any of its
    threads: /proc lists a child under the thread that started it)."""
    out = []
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += (task / "children").read_text().split()
        except OSError:
            continue
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            out.append(int(child))
    return out


def test_a_worker_killed_mid_scan_loses_nothing(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, options = setup
    plain = _scan(repo, options, tmp_path / "plain", "--jobs", "1", "--no-cache")
    out = tmp_path / "killed"
    out.mkdir()
    args = [*options, "--no-cache", "--jobs", "2", "-q", "--sarif-output", str(out / "r.sarif")]
    args += ["--json-output", str(out / "r.json")]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "scanner", "scan", str(repo), *args], env=env)
    killed = None
    while killed is None and proc.poll() is None:
        workers = _pool_workers(proc.pid)
        if workers:
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.01)
    assert proc.wait(timeout=120) == 2  # no hang, and the scan still ends as it would
    assert killed is not None, "the scan ended before a worker could be killed"
    # Every finding and error of the plain scan, and one note more: the worker that died.
    sarif, results = (
        json.loads((out / "r.sarif").read_bytes()),
        json.loads(_without_timing((out / "r.json").read_bytes())),
    )
    notes = [e for e in results["errors"] if "worker process died (killed by SIGKILL)" in e["message"]]
    assert len(notes) == 1 and notes[0]["kind"] == "note", results["errors"]
    results["errors"].remove(notes[0])
    expected = json.loads(plain[1])
    for doc in (results, expected):
        doc.pop(DIGEST)  # it covers the note
    assert results == expected
    run = sarif["runs"][0]
    told = run["invocations"][0]["toolExecutionNotifications"]
    run["invocations"][0]["toolExecutionNotifications"] = [
        n for n in told if "worker process died" not in json.dumps(n)
    ]
    assert len(told) == len(run["invocations"][0]["toolExecutionNotifications"]) + 1
    assert sarif == json.loads(plain[0])
