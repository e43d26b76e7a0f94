package mlcomply.gcp.gke.telemetry_test

import data.mlcomply.gcp.gke.telemetry as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_container_cluster.a", "type": "google_container_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_none_denied if {
	_denied({"logging_service": "none"}) == {"google_container_cluster.a"}
	_denied({"monitoring_service": "none"}) == {"google_container_cluster.a"}
}

test_default_and_enabled_pass if {
	_denied({}) == set()
	_denied({"logging_service": "logging.googleapis.com/kubernetes"}) == set()
}

test_unknown_passes if {
	_denied({"logging_service": {"__unknown__": "var.l"}}) == set()
}
