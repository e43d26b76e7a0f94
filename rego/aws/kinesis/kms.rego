# METADATA
# title: Kinesis stream without a customer-managed KMS key
# description: >-
#   kms_key_id is unset or the AWS-managed alias/aws/kinesis key: records are encrypted with a
#   key whose policy the customer does not control.
# custom:
#   id: MLC-AWS-KINESIS-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encryption_type = \"KMS\" and kms_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_185]
#   references:
#     - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
package mlcomply.aws.kinesis.kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_kinesis_stream")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("Kinesis stream %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}
