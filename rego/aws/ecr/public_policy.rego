# METADATA
# title: ECR repository policy that allows any AWS principal
# description: >-
#   An aws_ecr_repository_policy allows Principal "*" without a condition: anyone can pull the
#   training and serving images, and with them the code, dependencies and often the model
#   weights baked into them.
# custom:
#   id: MLC-AWS-ECR-004
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0010.004, AML.T0035]
#   remediation: "Name the accounts or organization (aws:PrincipalOrgID condition) that may pull; publish deliberately public images through ECR Public."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_32]
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html
package mlcomply.aws.ecr.public_policy

import data.lib.aws.iam
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some p in terraform.resources("aws_ecr_repository_policy")
	iam.public_policy(p, p.config.policy)
	res := result.resource(sprintf("ECR repository policy %s allows any AWS principal", [p.address]), p)
}
