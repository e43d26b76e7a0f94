package mlcomply.gcp.gke.legacy_credentials_test

import data.mlcomply.gcp.gke.legacy_credentials as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_legacy_denied if {
	_denied({"master_auth": [{"client_certificate_config": [{"issue_client_certificate": true}]}]}) == {"google_container_cluster.a"}
	_denied({"master_auth": [{"username": "admin", "password": "p"}]}) == {"google_container_cluster.a"}
}

test_default_and_disabled_pass if {
	_denied({}) == set()
	_denied({"master_auth": [{"client_certificate_config": [{"issue_client_certificate": false}]}]}) == set()
	_denied({"master_auth": [{"username": ""}]}) == set()
}

test_unknown_passes if {
	_denied({"master_auth": [{"client_certificate_config": [{"issue_client_certificate": {"__unknown__": "var.c"}}]}]}) == set()
	_denied({"master_auth": [{"username": {"__unknown__": "var.u"}}]}) == set()
}

# Pinned difference with checkov CKV_GCP_13, which fails a cluster without a master_auth block:
# GKE has not issued client certificates by default since 1.12 (the provider's
# issue_client_certificate defaults to false), so no block means no certificate.
test_no_master_auth_block_is_no_certificate if {
	_denied({"name": "ml", "initial_node_count": 1}) == set()
}
