# METADATA
# title: Bedrock model invocation logging without a destination or without text
# description: >-
#   An aws_bedrock_model_invocation_logging_configuration has no cloudwatch_config and no
#   s3_config, or turns text_data_delivery_enabled off: prompts and completions of the
#   account's model invocations are not recorded, so misuse, prompt injection and data leaks
#   through a model cannot be investigated.
# custom:
#   id: MLC-AWS-BEDROCK-001
#   severity: medium
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas: [AML.T0040, AML.T0051, AML.T0024]
#   remediation: "Give logging_config a cloudwatch_config or s3_config destination and keep text_data_delivery_enabled = true."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html
package mlcomply.aws.bedrock.invocation_logging

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("aws_bedrock_model_invocation_logging_configuration")
	some l in config.blocks(c.config, "logging_config")
	not config.block_unknown(l, "cloudwatch_config")
	not config.block_unknown(l, "s3_config")
	count(config.blocks(l, "cloudwatch_config")) + count(config.blocks(l, "s3_config")) == 0
	res := result.resource(sprintf("Bedrock invocation logging %s has no CloudWatch or S3 destination", [c.address]), c)
}

deny contains res if {
	some c in terraform.resources("aws_bedrock_model_invocation_logging_configuration")
	some l in config.blocks(c.config, "logging_config")
	config.is_false(l.text_data_delivery_enabled)
	res := result.resource(sprintf("Bedrock invocation logging %s does not record prompts and completions", [c.address]), c)
}
