# METADATA
# title: Lambda environment variables without a customer-managed KMS key
# description: >-
#   The function sets environment variables but no kms_key_arn: the variables (endpoint names,
#   bucket names, often tokens) are encrypted with the AWS-managed aws/lambda key and shown in
#   clear to anyone with lambda:GetFunctionConfiguration.
# custom:
#   id: MLC-AWS-LAMBDA-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Set kms_key_arn to a customer-managed aws_kms_key, and keep secrets in Secrets Manager rather than environment variables."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_173]
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
package mlcomply.aws.lambda.env_kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_lambda_function")
	count(config.blocks(r.config, "environment")) > 0
	not kms.customer_managed(r.config, "kms_key_arn")
	res := result.resource(sprintf("Lambda function %s does not encrypt its environment variables with a customer-managed KMS key", [r.address]), r)
}
