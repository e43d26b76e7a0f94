# METADATA
# title: IAM role trusted by an OIDC provider without a subject condition
# description: >-
#   A web-identity trust statement (GitHub Actions, GitLab, an EKS service account) has no
#   condition on the token's sub claim, or only a bare wildcard: every repository or workload
#   that the identity provider issues tokens for can assume the role, e.g. any GitHub
#   repository can assume a role trusted by token.actions.githubusercontent.com.
# custom:
#   id: MLC-AWS-IAM-006
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0012]
#   remediation: "Add a StringEquals/StringLike condition on <provider>:sub naming the repository and branch or environment (repo:org/repo:ref:refs/heads/main), or the service account."
#   input_kinds: [terraform]
#   references:
#     - https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
package mlcomply.aws.iam.oidc_subject

import data.lib.aws.policy
import data.lib.result
import data.lib.terraform
import rego.v1

_federated_oidc(st) if {
	some p in object.get(st.principals, "Federated", [])
	contains(p, ":oidc-provider/")
}

_federated_oidc(st) if {
	some a in st.actions
	a in {"sts:AssumeRoleWithWebIdentity", "sts:*"}
	count(object.get(st.principals, "Federated", [])) > 0
}

# A sub condition with at least one value that names something more than "*" or "repo:*".
_subject_bound(st) if {
	some c in st.conditions
	endswith(lower(c.key), ":sub")
	some v in c.values
	not regex.match(`^(repo:)?\*$`, v)
}

deny contains res if {
	some role in terraform.resources("aws_iam_role")
	some st in policy.statements(role, "assume_role_policy")
	policy.allows(st)
	_federated_oidc(st)
	not _subject_bound(st)
	res := result.resource(sprintf("IAM role %s trusts an OIDC provider without a condition on the token subject", [role.address]), role)
}
