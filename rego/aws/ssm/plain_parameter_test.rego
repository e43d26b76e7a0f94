package mlcomply.aws.ssm.plain_parameter_test

import data.mlcomply.aws.ssm.plain_parameter as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_plain_parameters_denied if {
	_denied([_r("aws_ssm_parameter", {"name": "/ml/openai_api_key", "type": "String"})]) == {"aws_ssm_parameter.t"}
	_denied([_r("aws_ssm_parameter", {"name": "/ml/region", "type": "String"})]) == {"aws_ssm_parameter.t"}
}

test_sensitive_name_at_rule_severity if {
	[res] := [r | some r in rule.deny] with input as {"content": {"resources": [_r("aws_ssm_parameter", {"name": "/db/password", "type": "String"})]}}
	not res.severity
	[low] := [r | some r in rule.deny] with input as {"content": {"resources": [_r("aws_ssm_parameter", {"name": "/ml/region", "type": "String"})]}}
	low.severity == "low"
}

test_secure_string_passes if {
	_denied([_r("aws_ssm_parameter", {"name": "/db/password", "type": "SecureString"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_ssm_parameter", {"name": "/db/password", "type": {"__unknown__": "var.t"}})]) == set()
	_denied([_r("aws_ssm_parameter", {"name": {"__unknown__": "var.n"}, "type": "String"})]) == set()
}
