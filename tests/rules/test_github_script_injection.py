"""MLC-GHA-004 beyond the examples: booleans, numbers and GitHub-set enums of the event payload
are not script injection; free text beside them still is."""

from __future__ import annotations

import pytest

WORKFLOW = """\
on: pull_request_target
permissions: {{contents: read}}
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - run: |
          {script}
"""

SAFE = [
    'if [ "${{ github.event.pull_request.head.repo.fork }}" = "true" ]; then exit 0; fi',
    "echo ${{ github.event.pull_request.head.repo.private }} ${{ github.event.pull_request.draft }}",
    "echo +${{ github.event.pull_request.additions }} -${{ github.event.pull_request.deletions }}",
    "echo ${{ github.event.pull_request.changed_files }} files, ${{ github.event.pull_request.commits }} commits",
    "echo ${{ github.event.pull_request.author_association }} ${{ github.event.action }}",
    "echo ${{ github.event.repository.stargazers_count }} ${{ github.event.repository.has_issues }}",
    "echo ${{ github.event.pull_request.merged_at }} ${{ github.event.pull_request.maintainer_can_modify }}",
    "echo ${{ github.event.pull_request.head.repo.fork && 'fork' || 'same repository' }}",
]

# The true-positive twins: free text of the same payloads, and a boolean beside free text.
UNSAFE = [
    (
        "echo ${{ github.event.pull_request.head.repo.fork }} ${{ github.event.pull_request.head.ref }}",
        "github.event.pull_request.head.ref",
    ),
    (
        "echo ${{ github.event.pull_request.head.repo.default_branch }}",
        "github.event.pull_request.head.repo.default_branch",
    ),
    ("echo ${{ github.event.pull_request.head.repo.full_name }}", "github.event.pull_request.head.repo.full_name"),
    ("echo ${{ github.event.pull_request.head.label }}", "github.event.pull_request.head.label"),
    ("echo '${{ github.event.commits }}'", "github.event.commits"),
    ("echo ${{ github.event.head_commit.message }}", "github.event.head_commit.message"),
    ("echo ${{ github.event.pull_request.title }}", "github.event.pull_request.title"),
    (
        "echo ${{ github.event.pull_request.head.repo.fork && github.event.pull_request.body }}",
        "github.event.pull_request.body",
    ),
]


def _injections(make_repo, scan_repo, script: str) -> list[str]:
    repo = make_repo({".github/workflows/check.yml": WORKFLOW.format(script=script)})
    return [f.message for f in scan_repo(repo).findings if f.rule_id == "MLC-GHA-004"]


@pytest.mark.parametrize("script", SAFE)
def test_booleans_numbers_and_enums_are_not_injection(make_repo, scan_repo, script: str) -> None:
    assert _injections(make_repo, scan_repo, script) == []


@pytest.mark.parametrize(("script", "context"), UNSAFE)
def test_free_text_is_injection(make_repo, scan_repo, script: str, context: str) -> None:
    messages = _injections(make_repo, scan_repo, script)
    assert len(messages) == 1
    assert context in messages[0]


MAINTAINER_SET = [
    "git fetch origin ${{ github.event.pull_request.base.ref }}",
    "echo version ${{ github.event.release.tag_name }}",
    "echo ${{ github.event.repository.default_branch }} ${{ github.event.pull_request.number }}",
]


@pytest.mark.parametrize("script", MAINTAINER_SET)
def test_values_only_maintainers_set_are_low_with_the_reason(make_repo, scan_repo, script: str) -> None:
    repo = make_repo({".github/workflows/check.yml": WORKFLOW.format(script=script)})
    (finding,) = [f for f in scan_repo(repo).findings if f.rule_id == "MLC-GHA-004"]
    assert finding.severity == "low"
    assert "write access" in dict(finding.properties)["severity_reason"]


def test_a_maintainer_value_beside_the_head_branch_keeps_the_rule_severity(make_repo, scan_repo) -> None:
    script = "git diff origin/${{ github.event.pull_request.base.ref }}...${{ github.event.pull_request.head.ref }}"
    repo = make_repo({".github/workflows/check.yml": WORKFLOW.format(script=script)})
    (finding,) = [f for f in scan_repo(repo).findings if f.rule_id == "MLC-GHA-004"]
    assert finding.severity == "high" and "severity_reason" not in dict(finding.properties)


def test_a_dispatch_input_is_low_like_other_maintainer_values(make_repo, scan_repo) -> None:
    # Only a caller with write access can run a workflow_dispatch: its inputs are the workflow's
    # maintainers' text, as `${{ inputs.args }}` (which this rule never reports) would be.
    workflow = (
        "on:\n  workflow_dispatch:\n    inputs:\n      args: {type: string}\npermissions: {contents: read}\n"
        "jobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: dvc exp run ${{ github.event.inputs.args }}\n"
        "      - run: echo ${{ github.event.inputs.args }} ${{ github.event.head_commit.message }}\n"
    )
    repo = make_repo({".github/workflows/train.yml": workflow})
    found = sorted((f.start_line, f.severity) for f in scan_repo(repo).findings if f.rule_id == "MLC-GHA-004")
    assert found == [(10, "low"), (11, "high")]
