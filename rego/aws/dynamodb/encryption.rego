# METADATA
# title: DynamoDB table not encrypted with a customer-managed KMS key
# description: >-
#   The table has no server_side_encryption block, or one with enabled = false (the table then
#   uses an AWS-owned key), or enabled without kms_key_arn (the AWS-managed aws/dynamodb key):
#   the customer cannot control or audit decryption of features and inference records.
# custom:
#   id: MLC-AWS-DYNAMODB-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.<key>.arn }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_119]
#   references:
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
package mlcomply.aws.dynamodb.encryption

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_cmk(table) if {
	some sse in config.blocks(table.config, "server_side_encryption")
	not config.is_false(config.value(sse, "enabled", false))
	kms.customer_managed(sse, "kms_key_arn")
}

_cmk(table) if config.block_unknown(table.config, "server_side_encryption")

deny contains res if {
	some table in terraform.resources("aws_dynamodb_table")
	not _cmk(table)
	res := result.resource(sprintf("DynamoDB table %s is not encrypted with a customer-managed KMS key", [table.address]), table)
}
