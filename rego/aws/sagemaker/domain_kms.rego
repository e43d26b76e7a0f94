# METADATA
# title: SageMaker domain without a customer-managed KMS key
# description: >-
#   kms_key_id is unset: the Studio domain's EFS volume, which holds every user's notebooks,
#   data extracts and credentials, is encrypted with an AWS-managed key.
# custom:
#   id: MLC-AWS-SAGEMAKER-010
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set kms_key_id to a customer-managed aws_kms_key on the aws_sagemaker_domain.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_187]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-studio.html
package mlcomply.aws.sagemaker.domain_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some d in terraform.resources("aws_sagemaker_domain")
	not kms.customer_managed(d.config, "kms_key_id")
	res := result.resource(sprintf("SageMaker domain %s is not encrypted with a customer-managed KMS key", [d.address]), d)
}
