package mlcomply.gcp.gke.network_policy_test

import data.mlcomply.gcp.gke.network_policy as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_enforcement_denied if {
	_denied({}) == {"google_container_cluster.a"}
	_denied({"network_policy": [{"enabled": false}]}) == {"google_container_cluster.a"}
	_denied({"datapath_provider": "LEGACY_DATAPATH"}) == {"google_container_cluster.a"}
}

test_enforced_passes if {
	_denied({"network_policy": [{"enabled": true, "provider": "CALICO"}]}) == set()
	_denied({"datapath_provider": "ADVANCED_DATAPATH"}) == set()
	_denied({"enable_autopilot": true}) == set()
}

test_unknown_passes if {
	_denied({"datapath_provider": {"__unknown__": "var.d"}}) == set()
	_denied({"network_policy": [{"enabled": {"__unknown__": "var.n"}}]}) == set()
}
