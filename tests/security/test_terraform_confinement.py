"""Item 5: Terraform never reads outside the scan root.

tfparse opens module folders and files itself; these repositories try every way out: a `../`
source above the root, an absolute source, a templated one, escaped `\\u002e` dots, a linked
`.tf` file, a linked module folder, `file()` on a path outside. Nothing from outside is reported,
and each module call that would leave is one `refused` error naming file, line and call. In an
org scan, one cached clone cannot read another's Terraform even knowing its folder name.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

from scanner.org.sources import cache_path, read_list
from tests.conftest import git, init_repo, run_cli
from tests.security.conftest import database_text

OWN = 'resource "aws_s3_bucket" "own" {\n  bucket = "acme-own"\n}\n'


def _outside(tmp_path: Path, marker: str) -> Path:
    """A module outside every scanned tree, whose bucket is named after the canary."""
    mod = tmp_path / "outside" / "mod"
    mod.mkdir(parents=True)
    (mod / "main.tf").write_text(f'resource "aws_s3_bucket" "leak" {{\n  bucket = "{marker}"\n}}\n')
    return mod


def test_module_sources_and_links_out_of_the_root(tmp_path: Path, canary: tuple[Path, str]) -> None:
    _, marker = canary
    mod = _outside(tmp_path, marker.lower())
    calls = f"""module "up" {{
  source = "../../outside/mod"
}}
module "abs" {{
  source = "{mod}"
}}
locals {{
  up = "../../outside"
}}
module "templated" {{
  source = "${{local.up}}/mod"
}}
module "escaped" {{
  source = "\\u002e\\u002e/\\u002e\\u002e/outside/mod"
}}
module "linked" {{
  source = "./linked-mod"
}}
module "inside" {{
  source = "../modules/inside"
}}
resource "aws_s3_bucket" "read" {{
  bucket = file("../../outside/canary.txt")
}}
"""
    repo = init_repo(
        tmp_path / "repo",
        {"infra/main.tf": calls, "modules/inside/main.tf": OWN, "modules/json/main.tf.json": "{}"},
    )
    (repo / "infra" / "linked-mod").symlink_to(mod)
    (repo / "infra" / "linked.tf").symlink_to(mod / "main.tf")
    (repo / "json").mkdir()
    (repo / "json" / "main.tf.json").write_text(json.dumps({"module": {"up": {"source": "../../outside/mod"}}}))
    git(repo, "add", "-A")
    out = tmp_path / "r.json"
    proc = run_cli("scan", repo, "--json-output", out, "--sarif-output", tmp_path / "r.sarif", "--fail-on", "low")
    assert proc.returncode == 1, proc.stderr  # the buckets inside the tree are reported

    results = json.loads(out.read_text())
    addresses = {f["address"] for f in results["findings"]}
    assert addresses == {"aws_s3_bucket.read", "module.inside.aws_s3_bucket.own"}
    refused = sorted((e["path"], e["line"], e["message"]) for e in results["errors"] if e["kind"] == "refused")
    assert refused == [
        ("infra/linked-mod", None, "symbolic link points outside the scan root; not read"),
        ("infra/linked.tf", None, "symbolic link points outside the scan root; not read"),
        ("infra/main.tf", 1, "module up: source leaves the scan root; not read"),
        ("infra/main.tf", 4, "module abs: source is an absolute or home path; not read"),
        ("infra/main.tf", 10, "module templated: source is not a literal path; not read"),
        ("infra/main.tf", 13, "module escaped: source leaves the scan root; not read"),
        ("infra/main.tf", 16, "module linked: source has a symbolic link on its path; not read"),
        ("json/main.tf.json", 1, "module up: source leaves the scan root; not read"),
    ]
    texts = [proc.stdout, proc.stderr, out.read_text(), (tmp_path / "r.sarif").read_text()]
    assert not any(marker in t or marker.lower() in t for t in texts)
    assert not any("leak" in a for a in addresses)


def test_org_clone_cannot_read_another_clone(tmp_path: Path, canary: tuple[Path, str]) -> None:
    _, marker = canary
    bucket = "victim_" + marker.removeprefix("ghp_")  # the victim's resource name: in its findings
    victim = init_repo(tmp_path / "src" / "victim", {"infra/main.tf": OWN.replace('"own"', f'"{bucket}"')})
    cache, repos = tmp_path / "cache", tmp_path / "repos.txt"
    repos.write_text(f"file://{victim}\n")
    # The attacker is given what it could not guess: the victim's clone folder name.
    victim_clone = cache_path(cache, read_list(repos)[0])
    attack = f'module "steal" {{\n  source = "../../{victim_clone.name}/infra"\n}}\n'
    attacker = init_repo(tmp_path / "src" / "attacker", {"infra/main.tf": attack, "own.tf": OWN})
    repos.write_text(f"file://{victim}\nfile://{attacker}\n")
    db = tmp_path / "org.sqlite"
    for _ in range(2):  # the second run finds both clones already in the cache
        proc = run_cli("org", "scan", "--repos", repos, "--db", db, "--cache-dir", cache, "--no-progress")
        assert proc.returncode in (0, 1), proc.stderr
    assert (victim_clone / "infra" / "main.tf").is_file()

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT run_id, repo, results FROM repo_runs ORDER BY run_id, repo").fetchall()
    by_repo: dict[str, list[dict]] = {}
    for _, repo, blob in rows:
        by_repo.setdefault(repo, []).append(json.loads(zlib.decompress(blob)))
    assert len(by_repo) == 2 and all(len(runs) == 2 for runs in by_repo.values())
    attacker_name = next(name for name in by_repo if name.endswith("attacker"))
    for results in by_repo[attacker_name]:
        assert {f["address"] for f in results["findings"]} == {"aws_s3_bucket.own"}
        refused = [(e["path"], e["line"], e["message"]) for e in results["errors"] if e["kind"] == "refused"]
        assert refused == [("infra/main.tf", 1, "module steal: source leaves the scan root; not read")]
        assert bucket not in json.dumps(results)
    victim_name = next(name for name in by_repo if name.endswith("victim"))
    assert all(bucket in json.dumps(r) for r in by_repo[victim_name])  # the victim's own scan sees it
    # Only the victim's own rows hold its resource.
    assert bucket in database_text(db, victim_name) and bucket not in database_text(db, attacker_name)
