package mlcomply.aws.bedrock.agent_guardrail_test

import data.mlcomply.aws.bedrock.agent_guardrail as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_guardrail_denied if {
	_denied([_r("aws_bedrockagent_agent", {"agent_name": "a"})]) == {"aws_bedrockagent_agent.t"}
}

test_guardrail_passes if {
	_denied([_r("aws_bedrockagent_agent", {"guardrail_configuration": [{"guardrail_identifier": "aws_bedrock_guardrail.g"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_bedrockagent_agent", {"guardrail_configuration": [{"guardrail_identifier": {"__unknown__": "var.g"}}]})]) == set()
	_denied([_r("aws_bedrockagent_agent", {"guardrail_configuration": {"__unknown__": "var.g"}})]) == set()
}
