# METADATA
# title: Workflow token has write-all or default permissions
# description: >-
#   A GitHub Actions workflow grants its GITHUB_TOKEN `write-all`, or declares no `permissions`
#   at all (neither at the top nor on the job), so the token gets the repository's default,
#   which is read-write on many repositories. Any compromised step can then push code, change
#   releases or tamper with model and dataset artifacts.
# custom:
#   id: MLC-GHA-003
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0010.001]
#   remediation: >-
#     Add a top-level `permissions: {contents: read}` (or `permissions: {}`) and grant each job
#     only the scopes it needs, e.g. `permissions: {contents: read, id-token: write}`.
#   input_kinds: [github-workflow]
#   references:
#     - https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token
package mlcomply.github.permissions

import data.lib.result
import rego.v1

deny contains res if {
	input.content.permissions == "write-all"
	res := result.element("the workflow grants its token write-all permissions", ["permissions"])
}

deny contains res if {
	some name, job in input.content.jobs
	job.permissions == "write-all"
	res := result.element(sprintf("job %s grants its token write-all permissions", [name]), ["jobs", name, "permissions"])
}

deny contains res if {
	not _declares(input.content)
	some name, job in input.content.jobs
	not _declares(job)
	res := result.element(sprintf("job %s runs with the repository's default token permissions", [name]), ["jobs", name])
}

_declares(obj) if {
	is_object(obj)
	"permissions" in object.keys(obj)
}
