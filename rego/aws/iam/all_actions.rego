# METADATA
# title: IAM policy that allows every action
# description: >-
#   A statement allows Action "*" (or "*:*"): whoever holds the policy can do anything the
#   statement's resources allow, including changing IAM itself. Checked in aws_iam_policy,
#   inline role, user and group policies, and aws_iam_policy_document data sources.
# custom:
#   id: MLC-AWS-IAM-002
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: "List the actions the workload needs (e.g. sagemaker:CreateTrainingJob, s3:GetObject) instead of \"*\"."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_62, CKV_AWS_63]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
package mlcomply.aws.iam.all_actions

import data.lib.aws.policy
import data.lib.result
import rego.v1

deny contains res if {
	some doc in policy.identity_documents
	some st in doc.statements
	policy.allows(st)
	policy.all_actions(st)
	res := result.resource(sprintf("IAM policy in %s allows every action (\"*\")", [doc.resource.address]), doc.resource)
}
