"""docs/rules/ is generated from the rules and kept current; the pages hold what a user needs."""

from __future__ import annotations

from pathlib import Path

from scanner.ruledocs import generate
from scanner.ruledocs.examples import Example, Examples, examples_for
from scanner.ruledocs.render import index_markdown, rule_markdown
from scanner.rulesets import RuleSet
from tests.conftest import REPO_ROOT

DOCS = REPO_ROOT / "docs" / "rules"


def test_the_checked_in_rule_docs_are_up_to_date(builtin_rules: RuleSet) -> None:
    stale = generate.stale(DOCS, builtin_rules.metas)
    assert not stale, (
        f"docs/rules/ is out of date for {stale[:10]}{' ...' if len(stale) > 10 else ''}: run "
        f"`{generate.COMMAND}` at the top of the repository and commit docs/rules/"
    )


def test_every_built_in_rule_has_a_page_with_its_examples(builtin_rules: RuleSet) -> None:
    for meta in builtin_rules.metas:
        page = (DOCS / f"{meta.id}.md").read_text()
        assert page.startswith(f"# {meta.id}: {meta.title}\n")
        assert "## Remediation" in page and "## Bad (reported)" in page and "## Good (not reported)" in page, meta.id
        for sub in meta.nist_ai_rmf:
            assert sub in page
    index = (DOCS / "README.md").read_text()
    assert all(f"[{m.id}]({m.id}.md)" in index for m in builtin_rules.metas)
    assert "## By NIST AI RMF subcategory" in index and "| MEASURE 2.7 |" in index


def test_generation_writes_removes_and_then_finds_nothing_stale(tmp_path: Path, builtin_rules: RuleSet) -> None:
    metas = [m for m in builtin_rules.metas if m.id.startswith("MLC-AWS-S3-")]
    (tmp_path / "MLC-GONE-001.md").write_text("a rule that no longer exists\n")
    assert "MLC-GONE-001.md" in generate.stale(tmp_path, metas)
    assert generate.write(tmp_path, metas) == len(metas) + 2  # pages, index, the removed page
    assert not (tmp_path / "MLC-GONE-001.md").exists()
    assert generate.stale(tmp_path, metas) == []
    (tmp_path / f"{metas[0].id}.md").write_text("edited by hand\n")
    assert generate.stale(tmp_path, metas) == [f"{metas[0].id}.md"]


def test_an_example_cannot_end_its_code_fence(builtin_rules: RuleSet) -> None:
    meta = builtin_rules.metas[0]
    page = rule_markdown(meta, Examples(bad=(Example("fence", (("README.md", "```\n# injected\n````\n"),)),)))
    assert "`````\n```\n# injected\n````\n`````" in page


def test_examples_are_the_rules_own_yaml(builtin_rules: RuleSet) -> None:
    meta = next(m for m in builtin_rules.metas if m.id == "MLC-AWS-S3-002")
    examples = examples_for(meta)
    assert examples.bad and examples.good
    assert any('acl    = "public-read"' in content for case in examples.bad for _, content in case.files)


def test_the_index_lists_by_category(builtin_rules: RuleSet) -> None:
    index = index_markdown(builtin_rules.metas)
    assert "### secrets\n" in index and "### public-access\n" in index
