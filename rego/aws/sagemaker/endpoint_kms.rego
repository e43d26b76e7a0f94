# METADATA
# title: SageMaker endpoint configuration without a customer-managed KMS key
# description: >-
#   kms_key_arn is unset (or the AWS-managed alias/aws/sagemaker key): the ML storage volumes
#   of the endpoint's instances, which hold the model and inference data, are not encrypted
#   with a key the customer controls.
# custom:
#   id: MLC-AWS-SAGEMAKER-008
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set kms_key_arn to a customer-managed aws_kms_key on the endpoint configuration.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_98]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html
package mlcomply.aws.sagemaker.endpoint_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some ec in terraform.resources("aws_sagemaker_endpoint_configuration")
	not kms.customer_managed(ec.config, "kms_key_arn")
	res := result.resource(sprintf("SageMaker endpoint configuration %s is not encrypted with a customer-managed KMS key", [ec.address]), ec)
}
