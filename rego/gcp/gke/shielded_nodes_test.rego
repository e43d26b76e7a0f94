package mlcomply.gcp.gke.shielded_nodes_test

import data.mlcomply.gcp.gke.shielded_nodes as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_disabled_denied if {
	_denied({"enable_shielded_nodes": false}) == {"google_container_cluster.a"}
}

test_default_and_enabled_pass if {
	_denied({}) == set()
	_denied({"enable_shielded_nodes": true}) == set()
}

test_unknown_passes if {
	_denied({"enable_shielded_nodes": {"__unknown__": "var.s"}}) == set()
}
