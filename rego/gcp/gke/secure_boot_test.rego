package mlcomply.gcp.gke.secure_boot_test

import data.mlcomply.gcp.gke.secure_boot as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

_sb(v) := {"node_config": [{"shielded_instance_config": [{"enable_secure_boot": v}]}]}

test_node_pool_without_secure_boot_denied if {
	_denied("google_container_node_pool", {}) == {"google_container_node_pool.a"}
	_denied("google_container_node_pool", {"node_config": [{"image_type": "COS_CONTAINERD"}]}) == {"google_container_node_pool.a"}
	_denied("google_container_node_pool", _sb(false)) == {"google_container_node_pool.a"}
}

test_cluster_default_pool_denied if {
	_denied("google_container_cluster", {"node_config": [{"machine_type": "n1-standard-8"}]}) == {"google_container_cluster.a"}
}

test_secure_boot_passes if {
	_denied("google_container_node_pool", _sb(true)) == set()
	_denied("google_container_cluster", _sb(true)) == set()
}

test_cluster_judged_by_its_pools if {
	_denied("google_container_cluster", {}) == set()
	_denied("google_container_cluster", {"node_config": [{}], "remove_default_node_pool": true}) == set()
	_denied("google_container_cluster", {"node_config": [{}], "enable_autopilot": true}) == set()
}

test_unknown_passes if {
	_denied("google_container_node_pool", _sb({"__unknown__": "var.sb"})) == set()
	_denied("google_container_node_pool", {"node_config": {"__unknown__": "var.nc"}}) == set()
	_denied("google_container_node_pool", {"node_config": [{"shielded_instance_config": {"__unknown__": "var.s"}}]}) == set()
	_denied("google_container_cluster", {"node_config": [{}], "remove_default_node_pool": {"__unknown__": "var.r"}}) == set()
}
