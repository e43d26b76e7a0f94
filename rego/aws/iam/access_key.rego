# METADATA
# title: Long-lived IAM access key created in Terraform
# description: >-
#   An aws_iam_access_key gives a user a key that never expires unless someone rotates it, and
#   its secret lands in the Terraform state. ML jobs and CI should use role credentials
#   (SageMaker execution roles, OIDC federation, instance profiles) instead.
# custom:
#   id: MLC-AWS-IAM-007
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0055, AML.T0012]
#   remediation: "Replace the user and key with a role the workload assumes (OIDC for CI, an execution role for SageMaker); if a key is unavoidable, create it outside Terraform and rotate it."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key
package mlcomply.aws.iam.access_key

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some k in terraform.resources("aws_iam_access_key")
	config.value(k.config, "status", "Active") == "Active"
	res := result.resource(sprintf("%s creates a long-lived access key for an IAM user", [k.address]), k)
}
