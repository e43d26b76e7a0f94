# METADATA
# title: Bedrock agent without a guardrail
# description: >-
#   No guardrail_configuration names a guardrail: the agent's inputs and outputs pass no
#   content, denied-topic, PII or prompt-attack filter, so a user or a retrieved document can
#   steer it into leaking data or calling its action groups for someone else.
# custom:
#   id: MLC-AWS-BEDROCK-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0051, AML.T0054, AML.T0057, AML.T0053]
#   remediation: "Create an aws_bedrock_guardrail (with prompt-attack and PII filters) and reference it in guardrail_configuration."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_383]
#   references:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/agents-guardrail.html
package mlcomply.aws.bedrock.agent_guardrail

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some a in terraform.resources("aws_bedrockagent_agent")
	not config.block_unknown(a.config, "guardrail_configuration")
	not _guarded(a)
	res := result.resource(sprintf("Bedrock agent %s has no guardrail", [a.address]), a)
}

_guarded(a) if {
	some g in config.blocks(a.config, "guardrail_configuration")
	config.is_set(g, "guardrail_identifier")
}
