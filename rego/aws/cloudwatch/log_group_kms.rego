# METADATA
# title: CloudWatch log group without a customer-managed KMS key
# description: >-
#   kms_key_id is unset: the logs of training jobs, endpoints and pipelines (which can hold
#   samples of inputs, predictions and stack traces with configuration) are encrypted with
#   CloudWatch's own key only.
# custom:
#   id: MLC-AWS-CLOUDWATCH-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set kms_key_id to a customer-managed aws_kms_key whose policy allows the logs service principal."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_158]
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
package mlcomply.aws.cloudwatch.log_group_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_cloudwatch_log_group")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("CloudWatch log group %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}
