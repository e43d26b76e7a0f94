package mlcomply.gcp.gke.legacy_abac_test

import data.mlcomply.gcp.gke.legacy_abac as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_enabled_denied if {
	_denied({"enable_legacy_abac": true}) == {"google_container_cluster.a"}
}

test_default_and_disabled_pass if {
	_denied({}) == set()
	_denied({"enable_legacy_abac": false}) == set()
}

test_unknown_passes if {
	_denied({"enable_legacy_abac": {"__unknown__": "var.abac"}}) == set()
}
