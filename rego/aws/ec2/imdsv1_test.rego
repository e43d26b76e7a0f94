package mlcomply.aws.ec2.imdsv1_test

import data.mlcomply.aws.ec2.imdsv1 as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_optional_tokens_denied if {
	_denied([_r("aws_launch_template", {})]) == {"aws_launch_template.t"}
	_denied([_r("aws_instance", {"metadata_options": [{"http_tokens": "optional"}]})]) == {"aws_instance.t"}
}

test_required_or_disabled_passes if {
	_denied([_r("aws_launch_template", {"metadata_options": [{"http_tokens": "required"}]})]) == set()
	_denied([_r("aws_instance", {"metadata_options": [{"http_endpoint": "disabled"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_instance", {"metadata_options": [{"http_tokens": {"__unknown__": "var.t"}}]})]) == set()
	_denied([_r("aws_instance", {"metadata_options": {"__unknown__": "var.m"}})]) == set()
}
