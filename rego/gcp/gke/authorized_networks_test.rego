package mlcomply.gcp.gke.authorized_networks_test

import data.mlcomply.gcp.gke.authorized_networks as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_open_denied if {
	_denied({}) == {"google_container_cluster.a"}
	_denied({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "0.0.0.0/0"}]}]}) == {"google_container_cluster.a"}
}

test_restricted_or_private_passes if {
	_denied({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "203.0.113.0/24"}]}]}) == set()
	_denied({"master_authorized_networks_config": [{}]}) == set()
	_denied({"private_cluster_config": [{"enable_private_endpoint": true}]}) == set()
}

test_unknown_passes if {
	_denied({"master_authorized_networks_config": {"__unknown__": "var.m"}}) == set()
	_denied({"master_authorized_networks_config": [{"cidr_blocks": {"__unknown__": "var.c"}}]}) == set()
	_denied({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": {"__unknown__": "var.c"}}]}]}) == set()
}
