# METADATA
# title: SageMaker model package group shared with any AWS principal
# description: >-
#   The resource_policy of an aws_sagemaker_model_package_group_policy allows Principal "*"
#   without a condition: every AWS account can describe and use the registered model versions
#   (and reach their artifacts through the model package).
# custom:
#   id: MLC-AWS-SAGEMAKER-014
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0044, AML.T0048.004]
#   remediation: "Name the accounts or organization (aws:PrincipalOrgID condition) that may use the model registry."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-version-cross-account.html
package mlcomply.aws.sagemaker.model_package_group_public

import data.lib.aws.iam
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some p in terraform.resources("aws_sagemaker_model_package_group_policy")
	iam.public_policy(p, p.config.resource_policy)
	res := result.resource(sprintf("SageMaker model package group policy %s allows any AWS principal", [p.address]), p)
}
