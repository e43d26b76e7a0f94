# METADATA
# title: Bedrock knowledge base data source without a customer-managed KMS key
# description: >-
#   No server_side_encryption_configuration.kms_key_arn: the transient chunks and embeddings
#   the knowledge base ingests from the source documents (RAG data) are encrypted with an AWS-
#   owned key.
# custom:
#   id: MLC-AWS-BEDROCK-005
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Add server_side_encryption_configuration { kms_key_arn = aws_kms_key.kb.arn }."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-kb.html
package mlcomply.aws.bedrock.data_source_kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_bedrockagent_data_source")
	not config.path_unknown(r.config, ["server_side_encryption_configuration"])
	not _customer_key(r)
	res := result.resource(sprintf("Bedrock data source %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

_customer_key(r) if {
	some b in config.nested(r.config, ["server_side_encryption_configuration"])
	kms.customer_managed(b, "kms_key_arn")
}
