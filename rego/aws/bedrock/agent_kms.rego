# METADATA
# title: Bedrock agent without a customer-managed KMS key
# description: >-
#   customer_encryption_key_arn is unset: the agent's configuration and session data are
#   encrypted with an AWS-owned key.
# custom:
#   id: MLC-AWS-BEDROCK-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set customer_encryption_key_arn to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_373]
#   references:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-agents.html
package mlcomply.aws.bedrock.agent_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_bedrockagent_agent")
	not kms.customer_managed(r.config, "customer_encryption_key_arn")
	res := result.resource(sprintf("Bedrock agent %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}
