package mlcomply.gcp.gke.workload_identity_test

import data.mlcomply.gcp.gke.workload_identity as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_denied if {
	_denied({}) == {"google_container_cluster.a"}
	_denied({"workload_identity_config": [{"workload_pool": ""}]}) == {"google_container_cluster.a"}
}

test_node_pool_metadata_denied if {
	r := {"address": "google_container_node_pool.p", "type": "google_container_node_pool", "mode": "managed", "config": {"node_config": [{"workload_metadata_config": [{"mode": "GCE_METADATA"}]}]}}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
	found == {"google_container_node_pool.p"}
}

test_enabled_passes if {
	_denied({"workload_identity_config": [{"workload_pool": "acme-ml.svc.id.goog"}]}) == set()
	_denied({"enable_autopilot": true}) == set()
	_denied({"workload_identity_config": [{"workload_pool": "p.svc.id.goog"}], "node_config": [{"workload_metadata_config": [{"mode": "GKE_METADATA"}]}]}) == set()
}

test_unknown_passes if {
	_denied({"workload_identity_config": [{"workload_pool": {"__unknown__": "var.pool"}}]}) == set()
	_denied({"workload_identity_config": {"__unknown__": "var.wi"}}) == set()
	_denied({"workload_identity_config": [{"workload_pool": "p.svc.id.goog"}], "node_config": [{"workload_metadata_config": [{"mode": {"__unknown__": "var.m"}}]}]}) == set()
}

# Pinned difference with checkov CKV_GCP_69, which fails every node_config without
# workload_metadata_config: on a cluster with Workload Identity, node pools default to
# GKE_METADATA, so only an explicit GCE_METADATA (or a cluster without a pool) is reported.
test_node_pools_inherit_the_cluster_workload_identity if {
	cluster := {"address": "google_container_cluster.c", "type": "google_container_cluster", "mode": "managed", "config": {"workload_identity_config": [{"workload_pool": "p.svc.id.goog"}], "node_config": [{"machine_type": "n2-standard-8"}]}}
	pool := {"address": "google_container_node_pool.p", "type": "google_container_node_pool", "mode": "managed", "config": {"cluster": "google_container_cluster.c", "node_config": [{"machine_type": "a2-highgpu-1g"}]}}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [cluster, pool]}}
	found == set()
}
