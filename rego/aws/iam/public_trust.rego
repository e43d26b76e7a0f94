# METADATA
# title: IAM role that any AWS principal can assume
# description: >-
#   The role's trust policy allows Principal "*" (or AWS "*") without a condition: any AWS
#   account can assume it and act with its permissions, e.g. read the training data and model
#   artifacts of a SageMaker execution role.
# custom:
#   id: MLC-AWS-IAM-004
#   severity: critical
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0012]
#   remediation: "Name the service or account principals that may assume the role; for cross-account access add an sts:ExternalId or aws:PrincipalOrgID condition."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_60]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy
package mlcomply.aws.iam.public_trust

import data.lib.aws.policy
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some role in terraform.resources("aws_iam_role")
	some st in policy.statements(role, "assume_role_policy")
	policy.allows(st)
	some type_name in ["AWS", "*"]
	policy.principal(st, type_name, "*")
	count(st.conditions) == 0
	res := result.resource(sprintf("IAM role %s can be assumed by any AWS principal", [role.address]), role)
}
