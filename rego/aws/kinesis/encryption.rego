# METADATA
# title: Kinesis stream without server-side encryption
# description: >-
#   encryption_type is not "KMS" (the default is NONE): records of the stream (features,
#   inference inputs and outputs, clickstream used for training) are stored unencrypted.
# custom:
#   id: MLC-AWS-KINESIS-001
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encryption_type = \"KMS\" and kms_key_id (alias/aws/kinesis or a customer-managed key)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_43]
#   references:
#     - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
package mlcomply.aws.kinesis.encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some s in terraform.resources("aws_kinesis_stream")
	config.value(s.config, "encryption_type", "NONE") == "NONE"
	res := result.resource(sprintf("Kinesis stream %s is not encrypted at rest", [s.address]), s)
}
