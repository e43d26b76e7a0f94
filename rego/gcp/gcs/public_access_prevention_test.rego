package mlcomply.gcp.gcs.public_access_prevention_test

import data.mlcomply.gcp.gcs.public_access_prevention as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_default_and_inherited_denied if {
	_denied({}) == {"google_storage_bucket.b"}
	_denied({"public_access_prevention": "inherited"}) == {"google_storage_bucket.b"}
}

test_enforced_passes if {
	_denied({"public_access_prevention": "enforced"}) == set()
}

test_unknown_passes if {
	_denied({"public_access_prevention": {"__unknown__": "var.pap"}}) == set()
}
