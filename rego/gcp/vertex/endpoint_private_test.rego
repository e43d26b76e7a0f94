package mlcomply.gcp.vertex.endpoint_private_test

import data.mlcomply.gcp.vertex.endpoint_private as rule
import rego.v1

_denied(cfg) := found if {
	e := {"address": "google_vertex_ai_endpoint.e", "type": "google_vertex_ai_endpoint", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [e]}}
}

test_public_endpoint_denied if {
	_denied({"name": "e"}) == {"google_vertex_ai_endpoint.e"}
	_denied({"private_service_connect_config": [{"enable_private_service_connect": false}]}) == {"google_vertex_ai_endpoint.e"}
}

test_private_passes if {
	_denied({"network": "projects/1/global/networks/ml"}) == set()
	_denied({"private_service_connect_config": [{"enable_private_service_connect": true}]}) == set()
}

test_unknown_passes if {
	_denied({"network": {"__unknown__": "var.network"}}) == set()
}

_index_denied(cfg) := found if {
	r := {"address": "google_vertex_ai_index_endpoint.a", "type": "google_vertex_ai_index_endpoint", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_public_index_endpoint_denied if {
	_index_denied({"public_endpoint_enabled": true}) == {"google_vertex_ai_index_endpoint.a"}
}

test_private_or_unknown_index_endpoint_passes if {
	_index_denied({"network": "projects/1/global/networks/ml"}) == set()
	_index_denied({"public_endpoint_enabled": false}) == set()
	_index_denied({"public_endpoint_enabled": {"__unknown__": "var.p"}}) == set()
}
