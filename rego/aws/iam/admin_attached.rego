# METADATA
# title: IAM identity with the AdministratorAccess managed policy
# description: >-
#   The AWS-managed AdministratorAccess policy is attached to a role, user or group (through
#   managed_policy_arns or a policy attachment). On a SageMaker execution role or a CodeBuild
#   or CodePipeline role, any training script, notebook or build step then runs with full
#   control of the account.
# custom:
#   id: MLC-AWS-IAM-001
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: "Attach a policy that grants only the actions and resources the job needs (e.g. AmazonSageMakerFullAccess scoped by resource, or a custom policy)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_274]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
package mlcomply.aws.iam.admin_attached

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_admin(arn) if {
	is_string(arn)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)
}

deny contains res if {
	some role in terraform.resources("aws_iam_role")
	some arn in config.blocks(role.config, "managed_policy_arns")
	_admin(arn)
	res := result.resource(sprintf("IAM role %s has the AdministratorAccess policy attached", [role.address]), role)
}

deny contains res if {
	some type_name in ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"]
	some a in terraform.resources(type_name)
	_admin(a.config.policy_arn)
	res := result.resource(sprintf("%s attaches the AdministratorAccess policy", [a.address]), a)
}
