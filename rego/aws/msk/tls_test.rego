package mlcomply.aws.msk.tls_test

import data.mlcomply.aws.msk.tls as rule
import rego.v1

_res(transit) := found if {
	c := {
		"address": "aws_msk_cluster.k", "type": "aws_msk_cluster", "mode": "managed",
		"config": {"encryption_info": [{"encryption_in_transit": [transit]}]},
	}
	found := {[r.msg, object.get(r, "severity", "rule")] | some r in rule.deny} with input as {"content": {"resources": [c]}}
}

test_plaintext_and_in_cluster_off_denied if {
	_res({"client_broker": "PLAINTEXT", "in_cluster": false}) == {
		["MSK cluster aws_msk_cluster.k accepts only plaintext client connections", "rule"],
		["MSK cluster aws_msk_cluster.k sends traffic between brokers in plaintext", "rule"],
	}
}

test_tls_plaintext_is_medium if {
	_res({"client_broker": "TLS_PLAINTEXT"}) == {["MSK cluster aws_msk_cluster.k accepts plaintext client connections beside TLS", "medium"]}
}

test_tls_and_unknown_pass if {
	_res({"client_broker": "TLS", "in_cluster": true}) == set()
	_res({"client_broker": {"__unknown__": "var.cb"}, "in_cluster": {"__unknown__": "var.ic"}}) == set()
}
