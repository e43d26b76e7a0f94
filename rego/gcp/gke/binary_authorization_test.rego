package mlcomply.gcp.gke.binary_authorization_test

import data.mlcomply.gcp.gke.binary_authorization as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"google_container_cluster.a"}
	_denied({"binary_authorization": [{"evaluation_mode": "DISABLED"}]}) == {"google_container_cluster.a"}
	_denied({"enable_binary_authorization": false}) == {"google_container_cluster.a"}
}

test_enforced_passes if {
	_denied({"binary_authorization": [{"evaluation_mode": "PROJECT_SINGLETON_POLICY_ENFORCE"}]}) == set()
	_denied({"enable_binary_authorization": true}) == set()
}

test_unknown_passes if {
	_denied({"binary_authorization": [{"evaluation_mode": {"__unknown__": "var.m"}}]}) == set()
	_denied({"binary_authorization": {"__unknown__": "var.b"}}) == set()
	_denied({"enable_binary_authorization": {"__unknown__": "var.e"}}) == set()
}
