package mlcomply.gcp.gke.private_nodes_test

import data.mlcomply.gcp.gke.private_nodes as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_public_nodes_denied if {
	_denied({}) == {"google_container_cluster.a"}
	_denied({"private_cluster_config": [{"enable_private_nodes": false}]}) == {"google_container_cluster.a"}
}

test_private_nodes_pass if {
	_denied({"private_cluster_config": [{"enable_private_nodes": true}]}) == set()
	_denied({"enable_autopilot": true}) == set()
}

test_unknown_passes if {
	_denied({"private_cluster_config": [{"enable_private_nodes": {"__unknown__": "var.p"}}]}) == set()
	_denied({"private_cluster_config": {"__unknown__": "var.p"}}) == set()
	_denied({"enable_autopilot": {"__unknown__": "var.a"}}) == set()
}
