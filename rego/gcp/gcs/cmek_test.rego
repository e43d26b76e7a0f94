package mlcomply.gcp.gcs.cmek_test

import data.mlcomply.gcp.gcs.cmek as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_missing_key_denied if {
	_denied({}) == {"google_storage_bucket.b"}
	_denied({"encryption": [{}]}) == {"google_storage_bucket.b"}
}

test_cmek_passes if {
	_denied({"encryption": [{"default_kms_key_name": "google_kms_crypto_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied({"encryption": [{"default_kms_key_name": {"__unknown__": "var.key"}}]}) == set()
}
