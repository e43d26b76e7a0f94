package mlcomply.aws.glue.security_configuration_test

import data.mlcomply.aws.glue.security_configuration as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_denied if {
	_denied([_r("aws_glue_job", {"name": "prep"})]) == {"aws_glue_job.t"}
}

test_set_passes if {
	_denied([_r("aws_glue_crawler", {"security_configuration": "aws_glue_security_configuration.s"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_glue_job", {"security_configuration": {"__unknown__": "var.sc"}})]) == set()
}
