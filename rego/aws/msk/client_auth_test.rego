package mlcomply.aws.msk.client_auth_test

import data.mlcomply.aws.msk.client_auth as rule
import rego.v1

_msgs(cfg) := found if {
	c := {"address": "aws_msk_cluster.k", "type": "aws_msk_cluster", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [c]}}
}

test_missing_or_unauthenticated_denied if {
	_msgs({"cluster_name": "k"}) == {"MSK cluster aws_msk_cluster.k declares no client authentication"}
	_msgs({"client_authentication": [{"unauthenticated": true, "sasl": [{"iam": true}]}]}) == {"MSK cluster aws_msk_cluster.k allows unauthenticated clients"}
}

test_iam_or_unknown_passes if {
	_msgs({"client_authentication": [{"sasl": [{"iam": true}]}]}) == set()
	_msgs({"client_authentication": {"__unknown__": "var.auth"}}) == set()
}
