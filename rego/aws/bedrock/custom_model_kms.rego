# METADATA
# title: Bedrock custom model without a customer-managed KMS key
# description: >-
#   custom_model_kms_key_id is unset: the fine-tuned or continued-pre-trained model, which
#   embeds what it learned from the training data, is encrypted with an AWS-owned key.
# custom:
#   id: MLC-AWS-BEDROCK-004
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set custom_model_kms_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html
package mlcomply.aws.bedrock.custom_model_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_bedrock_custom_model")
	not kms.customer_managed(r.config, "custom_model_kms_key_id")
	res := result.resource(sprintf("Bedrock custom model %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}
