package mlcomply.gcp.gcs.uniform_access_test

import data.mlcomply.gcp.gcs.uniform_access as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_default_and_false_denied if {
	_denied({"name": "b"}) == {"google_storage_bucket.b"}
	_denied({"uniform_bucket_level_access": false}) == {"google_storage_bucket.b"}
}

test_enabled_passes if {
	_denied({"uniform_bucket_level_access": true}) == set()
}

test_unknown_passes if {
	_denied({"uniform_bucket_level_access": {"__unknown__": "var.ubla"}}) == set()
}
