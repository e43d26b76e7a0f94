package mlcomply.gcp.vertex.cmek_test

import data.mlcomply.gcp.vertex.cmek as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.x", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_spec_denied if {
	_denied("google_vertex_ai_dataset", {}) == {"google_vertex_ai_dataset.x"}
	_denied("google_vertex_ai_featurestore", {"encryption_spec": [{}]}) == {"google_vertex_ai_featurestore.x"}
}

test_cmek_passes if {
	_denied("google_vertex_ai_endpoint", {"encryption_spec": [{"kms_key_name": "google_kms_crypto_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied("google_vertex_ai_tensorboard", {"encryption_spec": [{"kms_key_name": {"__unknown__": "var.k"}}]}) == set()
}
