"""MLC-GHA-002 names what is unpinned: a step's action, or a reusable workflow a job calls."""

from __future__ import annotations

WORKFLOW = """\
on: workflow_dispatch
permissions: {contents: read}
jobs:
  config:
    uses: acme/templates/.github/workflows/read-config.yml@main
    secrets: inherit
  train:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/setup-trainer@v2
"""


def test_a_reusable_workflow_is_named_as_one(make_repo, scan_repo) -> None:
    repo = make_repo({".github/workflows/train.yml": WORKFLOW})
    found = sorted((f.start_line, f.message) for f in scan_repo(repo).findings if f.rule_id == "MLC-GHA-002")
    workflow = "reusable workflow 'acme/templates/.github/workflows/read-config.yml@main'"
    assert found == [
        (5, f"{workflow} is not pinned to a full commit SHA"),
        (10, "action 'acme/setup-trainer@v2' is not pinned to a full commit SHA"),
    ]
