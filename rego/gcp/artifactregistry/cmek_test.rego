package mlcomply.gcp.artifactregistry.cmek_test

import data.mlcomply.gcp.artifactregistry.cmek as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_artifact_registry_repository.a", "type": "google_artifact_registry_repository", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_denied if {
	_denied({"format": "DOCKER"}) == {"google_artifact_registry_repository.a"}
	_denied({"kms_key_name": ""}) == {"google_artifact_registry_repository.a"}
}

test_key_passes if {
	_denied({"kms_key_name": "google_kms_crypto_key.registry"}) == set()
}

test_unknown_passes if {
	_denied({"kms_key_name": {"__unknown__": "var.key"}}) == set()
}
