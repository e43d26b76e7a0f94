package mlcomply.gcp.gcs.versioning_test

import data.mlcomply.gcp.gcs.versioning as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"google_storage_bucket.b"}
	_denied({"versioning": [{"enabled": false}]}) == {"google_storage_bucket.b"}
}

test_enabled_passes if {
	_denied({"versioning": [{"enabled": true}]}) == set()
}

test_unknown_passes if {
	_denied({"versioning": [{"enabled": {"__unknown__": "var.v"}}]}) == set()
}
