package mlcomply.gcp.gcs.access_logging_test

import data.mlcomply.gcp.gcs.access_logging as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_missing_logging_denied if {
	_denied({}) == {"google_storage_bucket.b"}
}

test_logging_passes if {
	_denied({"logging": [{"log_bucket": "google_storage_bucket.logs"}]}) == set()
}

test_unknown_passes if {
	_denied({"logging": [{"log_bucket": {"__unknown__": "var.logs"}}]}) == set()
	_denied({"logging": {"__unknown__": "dynamic"}}) == set()
}
