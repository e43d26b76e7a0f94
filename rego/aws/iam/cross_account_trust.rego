# METADATA
# title: IAM role trusted by another account without an external ID
# description: >-
#   The trust policy lets an account principal (an account ID or :root ARN) assume the role
#   with no condition at all: a vendor or tool account that serves many customers can be
#   tricked into using the role for someone else (the confused-deputy problem).
# custom:
#   id: MLC-AWS-IAM-005
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0012]
#   remediation: "Add a condition on sts:ExternalId (third parties) or aws:PrincipalOrgID / aws:PrincipalArn (your own accounts) to the trust statement."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
package mlcomply.aws.iam.cross_account_trust

import data.lib.aws.policy
import data.lib.result
import data.lib.terraform
import rego.v1

_account(p) if regex.match(`^([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:root)$`, p)

deny contains res if {
	some role in terraform.resources("aws_iam_role")
	some st in policy.statements(role, "assume_role_policy")
	policy.allows(st)
	some p in object.get(st.principals, "AWS", [])
	_account(p)
	count(st.conditions) == 0
	res := result.resource(sprintf("IAM role %s trusts account %s without an external ID or organization condition", [role.address, p]), role)
}
