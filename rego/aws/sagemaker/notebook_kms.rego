# METADATA
# title: SageMaker notebook instance storage without a customer-managed KMS key
# description: >-
#   kms_key_id is unset (or the AWS-managed alias/aws/sagemaker key): the ML storage volume
#   holding notebooks, data samples and cached credentials is encrypted with a key the
#   customer does not control.
# custom:
#   id: MLC-AWS-SAGEMAKER-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set kms_key_id to a customer-managed aws_kms_key (with rotation enabled).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_22, CKV_AWS_187]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html
package mlcomply.aws.sagemaker.notebook_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some nb in terraform.resources("aws_sagemaker_notebook_instance")
	not kms.customer_managed(nb.config, "kms_key_id")
	res := result.resource(sprintf("SageMaker notebook instance %s is not encrypted with a customer-managed KMS key", [nb.address]), nb)
}
