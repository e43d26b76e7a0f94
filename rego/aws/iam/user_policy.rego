# METADATA
# title: IAM policy attached directly to a user
# description: >-
#   An inline user policy or a policy attachment names users: permissions granted per person
#   or per service user are hard to review and outlive the job they were given for; groups and
#   roles keep them in one place.
# custom:
#   id: MLC-AWS-IAM-008
#   severity: low
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas_none: "policy hygiene (attached to users rather than roles or groups); no ATLAS technique fits"
#   remediation: "Attach the policy to a group the user belongs to, or to a role the workload assumes."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_40]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
package mlcomply.aws.iam.user_policy

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"]
	some p in terraform.resources(type_name)
	res := result.resource(sprintf("%s grants permissions directly to an IAM user", [p.address]), p)
}

deny contains res if {
	some p in terraform.resources("aws_iam_policy_attachment")
	count(config.blocks(p.config, "users")) > 0
	res := result.resource(sprintf("%s attaches a policy directly to IAM users", [p.address]), p)
}
