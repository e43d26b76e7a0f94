"""The files that are not Terraform load while the scan waits for tfparse (scan.load_documents),
with the result of loading them first; and that work is not charged to the Terraform budget."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner import scan as pipeline
from scanner.loaders.budgets import Budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.rulesets import RuleSet
from scanner.terraform import load, worker
from scanner.walk import list_files
from tests.tfparse_waits import no_idle_work, slow_tfparse

JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: train-{n}
spec:
  template:
    spec:
      containers:
        - name: t
          image: python:3.11
"""
FILES = {
    "infra/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl = "public-read"\n}\n',
    "stacks/a/main.tf": 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n',
    **{f"k8s/job_{n}.yaml": JOB.format(n=n) for n in range(4)},
    "k8s/broken.yaml": "a: [\n",
    "notes.md": "token ghp_" + "x1Y2z3A4b5C6d7E8f9G0h1I2j3K4l5M6n7O8" + "\n",
}


def _summary(result: Any) -> list[Any]:
    findings = [(f.rule_id, f.path, f.start_line, f.fingerprint, f.message) for f in result.findings]
    return [findings, result.errors, [(d.kind, d.path, d.index) for d in result.docs]]


def test_other_files_load_while_tfparse_works_with_the_same_result(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(FILES)
    events: list[str] = []  # "submit" (a root module to tfparse), a file loaded, "answer" (tfparse's)
    real_load, real_submit = pipeline._load_one, worker.TfparseWorker.submit

    def load_one(entry: Any, kind: str, docs: list[Any]) -> Any:
        events.append(entry.rel)
        return real_load(entry, kind, docs)

    def submit(self: worker.TfparseWorker, *args: Any) -> None:
        events.append("submit")
        real_submit(self, *args)

    monkeypatch.setattr(pipeline, "_load_one", load_one)
    monkeypatch.setattr(worker.TfparseWorker, "submit", submit)
    slow_tfparse(monkeypatch, lambda role: events.append("answer") if role == "tfparse" else None)
    waiting = pipeline.scan([root], builtin_rules)
    jobs = [events.index(f"k8s/job_{n}.yaml") for n in range(4)]
    assert events.index("submit") < min(jobs) and max(jobs) < events.index("answer")  # loaded in the wait

    no_idle_work(monkeypatch)  # every other file loads after Terraform
    after = pipeline.scan([root], builtin_rules)
    assert _summary(waiting) == _summary(after)
    assert any(d.kind == "terraform" for d in after.docs) and any(e.path == "k8s/broken.yaml" for e in after.errors)


def test_work_done_in_the_waits_is_not_charged_to_the_terraform_budget(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step of 2.5 s (a large dataset hashed in a wait) against a 2 s budget for the whole
    Terraform stage: the second root module is still evaluated."""
    root = make_repo({k: v for k, v in FILES.items() if k.endswith(".tf")}, git_repo=False)
    entries = [e for e in list_files([root]).files if e.rel.endswith(".tf")]
    steps = []

    def slow() -> bool:
        steps.append(1)
        time.sleep(2.5)
        return False

    slow_tfparse(monkeypatch)  # tfparse slower than the step
    with budgets_applied(Budgets(terraform_seconds=2.0)):
        docs, errors = load.load_modules(root, entries, idle=slow)
    assert steps and [d.path for d in docs] == ["infra", "stacks/a"] and errors == []

    def broken() -> bool:  # a bug in the work done in the waits ends that work, not the stage
        steps.append(2)
        raise RuntimeError("idle work failed")

    docs, errors = load.load_modules(root, entries, idle=broken)
    assert 2 in steps and [d.path for d in docs] == ["infra", "stacks/a"] and errors == []


def test_a_loader_bug_on_one_file_loses_no_other_file(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(FILES)
    real = pipeline._load_one

    def load_one(entry: Any, kind: str, docs: list[Any]) -> Any:
        if entry.rel == "k8s/job_1.yaml":
            raise RuntimeError("loader bug")
        return real(entry, kind, docs)

    monkeypatch.setattr(pipeline, "_load_one", load_one)
    result = pipeline.scan([root], builtin_rules)
    assert [e.kind for e in result.errors if e.path == "k8s/job_1.yaml"] == ["internal"]
    loaded = {d.path for d in result.docs}
    assert {"k8s/job_0.yaml", "k8s/job_2.yaml", "k8s/job_3.yaml", "infra", "stacks/a"} <= loaded


def test_the_parser_process_ends_before_the_evaluations_are_awaited(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once every file is parsed, the pygohcl process ends: it is not kept alive beside tfparse
    while the last root modules are evaluated, when the scan's memory peaks."""
    root = make_repo({k: v for k, v in FILES.items() if k.endswith(".tf")})
    # As in a scan's own process: a pool worker (keep_alive, set by earlier tests) keeps it.
    monkeypatch.setattr(worker, "_keep_alive", False)
    monkeypatch.setattr(worker, "_spares", {})
    events: list[str] = []
    real_close = worker.TfparseWorker.close

    def close(self: worker.TfparseWorker) -> None:
        if self._proc is not None:
            events.append(f"close {self.role}")
        real_close(self)

    monkeypatch.setattr(worker.TfparseWorker, "close", close)
    slow_tfparse(monkeypatch, lambda role: events.append(f"answer {role}"))
    result = pipeline.scan([root], builtin_rules)
    assert {d.path for d in result.docs if d.kind == "terraform"} == {"infra", "stacks/a"}
    answers = [i for i, e in enumerate(events) if e == "answer tfparse"]
    assert len(answers) == 2 and events.index("close hcl") < answers[0], events
