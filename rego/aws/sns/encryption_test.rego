package mlcomply.aws.sns.encryption_test

import data.mlcomply.aws.sns.encryption as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_key_denied if {
	_denied([_r("aws_sns_topic", {"name": "alerts"})]) == {"aws_sns_topic.t"}
}

test_any_key_passes if {
	_denied([_r("aws_sns_topic", {"kms_master_key_id": "alias/aws/sns"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_sns_topic", {"kms_master_key_id": {"__unknown__": "var.key"}})]) == set()
}
